package io.sanssh.drivers.sim;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.connection.OpenFailureReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The server application of a {@link SessionSimulation} connection: accepts one session channel,
 * accepts "exec", echoes every byte back, and after the client's EOF (once all is echoed) sends
 * exit-status 0, EOF and CLOSE. The window is given back only for bytes echoed, so a slow reader
 * slows the writer down (flow control end to end) and nothing here grows without bound.
 */
final class SimSessionServer implements SimApplication<SshConnection> {
    private int channel = -1;
    private final ByteArrayOutputStream backlog = new ByteArrayOutputStream();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean eofReceived;
    private boolean finished;

    @Override
    public void onEvent(SimEndpoint<SshConnection> endpoint, SshEvent e) {
        SshConnection c = endpoint.engine();
        if (c.isClosed()) {
            return;
        }
        if (e instanceof ChannelOpenRequested o) {
            if (channel < 0 && "session".equals(o.type())) {
                channel = o.channel();
                c.channels().acceptChannel(channel);
            } else {
                c.channels().rejectChannel(o.channel(), OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, "one session only");
            }
        } else if (e instanceof ChannelRequestReceived r && r.channel() == channel) {
            if (r.wantReply()) {
                c.channels().replyChannelRequest(channel, r.requestId(), "exec".equals(r.type()));
            }
        } else if (e instanceof ChannelData d && d.channel() == channel) {
            byte[] b = d.data().toByteArray();
            backlog.write(b, 0, b.length);
            flush(c);
        } else if (e instanceof ChannelWritable w && w.channel() == channel) {
            flush(c);
        } else if (e instanceof ChannelEof eof && eof.channel() == channel) {
            eofReceived = true;
            flush(c);
        }
    }

    private void flush(SshConnection c) {
        while (true) {
            if (!pending.hasRemaining()) {
                if (backlog.size() == 0) {
                    break;
                }
                pending = ByteBuffer.wrap(backlog.toByteArray());
                backlog.reset();
            }
            int n = c.channels().write(channel, pending);
            if (n <= 0) {
                break;
            }
            c.channels().consumed(channel, n);
        }
        if (eofReceived && !finished && !pending.hasRemaining() && backlog.size() == 0) {
            finished = true;
            c.channels().sendExitStatus(channel, 0);
            c.channels().sendEof(channel);
            c.channels().close(channel);
        }
    }
}
