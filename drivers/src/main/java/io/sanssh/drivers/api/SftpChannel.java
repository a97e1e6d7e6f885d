package io.sanssh.drivers.api;

import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;

/**
 * Moves bytes between an "sftp" subsystem channel and an {@link SftpServerSession}, on the
 * connection's event thread only (the session is single-threaded).
 *
 * <p>Flow control end to end: received bytes are reported consumed only while the session wants
 * input, so a client that pipelines faster than replies can leave is held back by its window;
 * replies are written as credit allows and resume on {@code ChannelWritable}.
 */
final class SftpChannel {
    private final Link link;
    private final int channel;
    private final SftpServerSession session;
    private long unreported;
    private boolean closeSent;
    /** Received pieces the session has copied, whose arrays go back to the engine with the next report. */
    private final SpentPieces spent = new SpentPieces();

    SftpChannel(Link link, int channel, SftpServerSession session) {
        this.link = link;
        this.channel = channel;
        this.session = session;
    }

    /** Request bytes arrived. */
    void onData(Bytes data) {
        session.receive(data);
        unreported += data.length();
        spent.add(data);  // the session's frame reader copied it: nobody reads it any more
        pump();
    }

    /** Credit returned. */
    void onWritable() {
        pump();
    }

    /** The client sent EOF: the session ends; pending replies still leave, then CLOSE. */
    void onEof() {
        session.channelEnded();
        pump();
    }

    /** The channel is gone: release every handle. */
    void onClosed() {
        session.channelEnded();
    }

    private void pump() {
        while (true) {
            ByteBuffer out = session.peekOutput();
            if (!out.hasRemaining()) {
                break;
            }
            int n = link.call(c -> {
                var ch = c.channels();
                return c.isClosed() || ch.channelState(channel) != ChannelLifecycle.State.OPEN ? -1 : ch.write(channel, out);
            });
            if (n < 0) {
                session.channelEnded();
                return;
            }
            if (n == 0) {
                break;
            }
            session.consumeOutput(n);
        }
        if (unreported > 0 && session.wantsRead()) {
            long n = unreported;
            unreported = 0;
            link.run(c -> {
                c.channels().consumed(channel, n);
                spent.drainTo(c::recycle);
            });
        }
        if (session.isClosed() && session.pendingOutput() == 0 && !closeSent) {
            closeSent = true;
            link.run(c -> {
                c.channels().sendEof(channel);
                c.channels().close(channel);
            });
        }
    }
}
