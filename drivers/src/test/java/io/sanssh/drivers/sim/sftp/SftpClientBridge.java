package io.sanssh.drivers.sim.sftp;

import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;

/**
 * Moves bytes between an {@link SftpClientSession} and the "sftp" subsystem channel that carries
 * it, on the engine thread (any driver's event callback). Requests leave only as channel credit
 * allows and the rest wait in the session; {@link #pump()} resumes them on {@code ChannelWritable}
 * or after the application queued new requests. Replies are reported consumed at once: the
 * session's bound on outstanding requests already bounds how much the server can send.
 *
 * <p>An optional {@link SftpWireTap} sees every byte in both directions before the session does,
 * so a test can check what the session reports against what really crossed the channel.
 */
public final class SftpClientBridge {
    private final ConnectionLayer channels;
    private final int channel;
    private final SftpClientSession session;
    private final SftpWireTap tap;
    private static final int MAX_STAGED = 256 * 1024;
    private ByteBuffer staged = ByteBuffer.allocate(0);
    private boolean closeSent;
    private boolean ended;

    /** A bridge for {@code session} on our channel number {@code channel}; {@code tap} may be null. */
    public SftpClientBridge(ConnectionLayer channels, int channel, SftpClientSession session, SftpWireTap tap) {
        this.channels = channels;
        this.channel = channel;
        this.session = session;
        this.tap = tap;
    }

    /** The session. */
    public SftpClientSession session() {
        return session;
    }

    /** Call with every {@code ChannelData} of the channel: the session reads it, then output moves. */
    public void onData(Bytes data) {
        ByteBuffer bytes = data.asReadOnlyBuffer();
        if (tap != null) {
            tap.fromServer(bytes.duplicate());
        }
        session.receive(bytes);
        channels.consumed(channel, data.length());
        pump();
    }

    /**
     * Writes as much pending session output as the channel takes now; once the session is closed
     * and drained, sends EOF and CLOSE. Call on {@code ChannelWritable} and after sending requests.
     */
    public void pump() {
        while (!ended && !closeSent && channels.channelState(channel) == ChannelLifecycle.State.OPEN) {
            if (!staged.hasRemaining()) {
                long pending = session.pendingOutput();
                if (pending == 0) {
                    break;
                }
                // many small requests share one CHANNEL_DATA; with no credit, one byte asks for ChannelWritable
                int size = (int) Math.max(1, Math.min(Math.min(pending, channels.credit(channel)), MAX_STAGED));
                staged = ByteBuffer.allocate(size);
                session.takeOutput(staged);
                staged.flip();
            }
            int before = staged.position();
            int n = channels.write(channel, staged);
            if (n == 0) {
                break;
            }
            if (tap != null) {
                tap.toServer(staged.duplicate().position(before).limit(before + n));
            }
        }
        if (session.isClosed() && session.pendingOutput() == 0 && !staged.hasRemaining() && !closeSent && !ended) {
            closeSent = true;
            channels.sendEof(channel);
            channels.close(channel);
        }
    }

    /** Call on the channel's EOF or CLOSE, or when the connection is lost: outstanding requests fail. */
    public void ended() {
        ended = true;
        session.channelEnded();
    }
}
