package io.sanssh.drivers.sim.sftp;

import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Moves bytes between an "sftp" subsystem channel and an {@link SftpServerSession}, on the engine
 * thread. End-to-end flow control: received bytes are reported consumed only while the session
 * wants input, so a client that pipelines faster than the replies leave is held back by its
 * window; replies leave as credit allows and resume on {@code ChannelWritable}.
 *
 * <p>With a {@link ReplyShuffler}, the bridge plays a server that answers out of order (the draft
 * allows it, §6.1): replies are held a moment and leave in shuffled batches.
 */
public final class SftpServerBridge {
    private final ConnectionLayer channels;
    private final int channel;
    private final SftpServerSession session;
    private final ReplyShuffler shuffler;
    private final Consumer<Runnable> later;
    private ByteBuffer staged = ByteBuffer.allocate(0);
    private long unreported;
    private boolean closeSent;
    private boolean flushScheduled;

    /**
     * A bridge for {@code session} on our channel {@code channel}.
     *
     * @param shuffler null keeps the session's order
     * @param later runs an action a little later (virtual time); used with a shuffler only
     */
    public SftpServerBridge(ConnectionLayer channels, int channel, SftpServerSession session, ReplyShuffler shuffler,
                            Consumer<Runnable> later) {
        this.channels = channels;
        this.channel = channel;
        this.session = session;
        this.shuffler = shuffler;
        this.later = later;
    }

    /** The session. */
    public SftpServerSession session() {
        return session;
    }

    /** The shuffler, or null. */
    public ReplyShuffler shuffler() {
        return shuffler;
    }

    /** Call with every {@code ChannelData} of the channel. */
    public void onData(Bytes data) {
        session.receive(data.asReadOnlyBuffer());
        unreported += data.length();
        pump();
    }

    /** Call on {@code ChannelWritable}. */
    public void pump() {
        while (!closeSent) {
            ByteBuffer out = nextOutput();
            if (!out.hasRemaining()) {
                break;
            }
            if (channels.channelState(channel) != ChannelLifecycle.State.OPEN) {
                session.channelEnded();
                return;
            }
            int n = channels.write(channel, out.duplicate());
            if (n == 0) {
                break;
            }
            consume(n);
        }
        if (shuffler != null && shuffler.holding() && !flushScheduled) {
            flushScheduled = true;
            later.accept(() -> {
                flushScheduled = false;
                shuffler.flushSoon();
                pump();
            });
        }
        if (unreported > 0 && session.wantsRead()) {
            channels.consumed(channel, unreported);
            unreported = 0;
        }
        if (session.isClosed() && session.pendingOutput() == 0 && !staged.hasRemaining()
                && (shuffler == null || !shuffler.holding()) && !closeSent) {
            closeSent = true;
            channels.sendEof(channel);
            channels.close(channel);
        }
    }

    /** Call on the client's EOF or the channel's CLOSE: the session closes its handles. */
    public void ended() {
        session.channelEnded();
        if (shuffler != null) {
            shuffler.flushSoon();
        }
        pump();
    }

    private ByteBuffer nextOutput() {
        if (shuffler == null) {
            return session.peekOutput();
        }
        shuffler.take(session);
        if (!staged.hasRemaining()) {
            ByteBuffer next = shuffler.release();
            if (next != null) {
                staged = next;
            }
        }
        return staged;
    }

    private void consume(int n) {
        if (shuffler == null) {
            session.consumeOutput(n);
        } else {
            staged.position(staged.position() + n);
        }
    }
}
