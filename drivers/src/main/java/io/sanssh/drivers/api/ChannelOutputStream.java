package io.sanssh.drivers.api;

import io.sanssh.engine.channel.ChannelLifecycle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A channel's outgoing data (or its stderr, extended data type 1) as an {@link OutputStream}.
 * A write blocks until every byte was accepted by the engine: it offers what it has, and when the
 * engine takes less (no credit: the peer's window is full, a key exchange runs, or the outbound
 * backlog is high) it waits for {@code ChannelWritable} and offers the rest. Nothing is buffered
 * here, so {@link #flush()} has nothing to do.
 *
 * <p>{@link #close()} of the main stream sends CHANNEL_EOF (RFC 4254 §5.3); closing the stderr
 * stream only stops it.
 */
final class ChannelOutputStream extends OutputStream {
    /** How long a blocked writer sleeps before offering again even without a wake-up. */
    private static final long RETRY_MILLIS = 1000;

    private final Link link;
    private final ChannelState state;
    private final int dataType;
    private volatile boolean closed;

    /**
     * @param dataType -1 for the main stream, else the extended data type (1: stderr)
     */
    ChannelOutputStream(Link link, ChannelState state, int dataType) {
        this.link = link;
        this.state = state;
        this.dataType = dataType;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream of channel " + state.channel + " is closed");
        }
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining()) {
            long generation = state.writableGeneration();
            int n = offer(src);
            if (n < 0) {
                throw new IOException("channel " + state.channel + " is closed: cannot send "
                        + src.remaining() + " more bytes");
            }
            if (src.hasRemaining()) {
                state.awaitWritable(generation, RETRY_MILLIS);
            }
        }
    }

    /** Offers {@code src} to the engine; returns the bytes taken, or -1 if the channel no longer takes data. */
    private int offer(ByteBuffer src) throws IOException {
        try {
            return link.call(e -> {
                var channels = e.channels();
                if (e.isClosed() || channels.channelState(state.channel) != ChannelLifecycle.State.OPEN) {
                    return -1;
                }
                return dataType < 0 ? channels.write(state.channel, src)
                        : channels.writeExtended(state.channel, dataType, src);
            });
        } catch (IllegalStateException e) {
            // our EOF went out already (another thread closed the stream) or the engine closed
            return -1;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dataType < 0) {
            try {
                link.run(e -> e.channels().sendEof(state.channel));
            } catch (IllegalStateException e) {
                // the engine is closed: the channel is gone with it
            }
        }
    }
}
