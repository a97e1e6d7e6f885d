package io.sanssh.drivers.selector;

import io.sanssh.drivers.pump.Pump;
import io.sanssh.drivers.pump.SocketTuning;
import io.sanssh.engine.SansIoEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The byte side of one selector connection: moves ciphertext between its non-blocking socket and
 * its engine through the loop's shared buffers. It holds bytes of its own only when it must: input
 * the engine did not take because input paused, and output the socket did not take because its
 * send buffer was full. Both are kept in order in front of anything newer. Loop thread only.
 */
final class ChannelIo {
    /** Socket reads per pump step, so that one busy connection cannot starve the others. */
    private static final int READS_PER_STEP = 4;

    private final SocketChannel channel;
    private final boolean quickAck;
    private ByteBuffer pendingInput;
    private ByteBuffer pendingOutput;
    private boolean readable = true;
    private boolean endOfStream;

    ChannelIo(SocketChannel channel, boolean quickAck) {
        this.channel = channel;
        this.quickAck = quickAck;
    }

    /** The selector reported the socket readable. */
    void markReadable() {
        readable = true;
    }

    /** Whether the peer's FIN was read. */
    boolean endOfStream() {
        return endOfStream;
    }

    /** Whether refused output is still held (the socket must become writable first). */
    boolean outputHeld() {
        return pendingOutput != null;
    }

    /**
     * Writes held output, then whatever the engine has, until the engine is empty or the socket
     * refuses more (the rest is held).
     *
     * @return whether anything moved
     */
    boolean flush(SansIoEngine engine, ByteBuffer shared) throws IOException {
        boolean progress = false;
        while (true) {
            if (pendingOutput != null) {
                progress |= channel.write(pendingOutput) > 0;
                if (pendingOutput.hasRemaining()) {
                    return progress;
                }
                pendingOutput = null;
            }
            if (!engine.wantsWrite()) {
                return progress;
            }
            shared.clear();
            engine.transmit(shared);
            shared.flip();
            progress = true;
            channel.write(shared);
            if (shared.hasRemaining()) {
                pendingOutput = ByteBuffer.allocate(shared.remaining()).put(shared).flip();
                return true;
            }
        }
    }

    /**
     * Offers held input to the engine, then reads the socket while the engine wants input (or, once
     * it is closed, reads to discard until the peer's FIN). Input the engine leaves is held.
     *
     * @return whether anything moved (including reaching end of stream)
     */
    boolean read(SansIoEngine engine, ByteBuffer shared, long now) throws IOException {
        boolean progress = false;
        if (pendingInput != null) {
            if (engine.isClosed()) {
                pendingInput = null;
            } else if (engine.wantsRead()) {
                progress = Pump.receive(engine, pendingInput, now) > 0;
                if (!pendingInput.hasRemaining()) {
                    pendingInput = null;
                }
            }
            if (pendingInput != null) {
                return progress;
            }
        }
        for (int i = 0; i < READS_PER_STEP && readable && !endOfStream && wantsInput(engine); i++) {
            shared.clear();
            int n = channel.read(shared);
            if (n < 0) {
                endOfStream = true;
                readable = false;
                return true;
            }
            if (n == 0) {
                readable = false;
                break;
            }
            if (quickAck) {
                SocketTuning.rearmQuickAck(channel);
            }
            progress = true;
            if (engine.isClosed()) {
                continue;
            }
            shared.flip();
            Pump.receive(engine, shared, now);
            if (shared.hasRemaining() && !engine.isClosed()) {
                pendingInput = ByteBuffer.allocate(shared.remaining()).put(shared).flip();
                break;
            }
            if (n < shared.capacity()) {
                readable = false;
            }
        }
        return progress;
    }

    private boolean wantsInput(SansIoEngine engine) {
        return engine.isClosed() || engine.wantsRead();
    }

    /** The interest ops for the current state: read while input is wanted, write while output is held. */
    int interestOps(SansIoEngine engine, boolean mayWrite) {
        int ops = 0;
        if (pendingInput == null && !endOfStream && wantsInput(engine)) {
            ops |= SelectionKey.OP_READ;
        }
        if (mayWrite && (pendingOutput != null || engine.wantsWrite())) {
            ops |= SelectionKey.OP_WRITE;
        }
        return ops;
    }

    /** Sends FIN. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Drops held bytes and closes the socket. */
    void close(SelectionKey key) {
        pendingInput = null;
        pendingOutput = null;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Bytes held outside the engine right now. */
    int bufferedBytes() {
        return (pendingInput == null ? 0 : pendingInput.remaining())
                + (pendingOutput == null ? 0 : pendingOutput.remaining());
    }
}
