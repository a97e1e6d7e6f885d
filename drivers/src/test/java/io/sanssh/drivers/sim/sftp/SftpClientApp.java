package io.sanssh.drivers.sim.sftp;

import io.sanssh.drivers.sim.SimApplication;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.sftp.SftpClientSession;
import java.util.function.BiConsumer;

/**
 * The client application of an SFTP simulation: authenticates with a password, opens a session
 * channel, starts the "sftp" subsystem, and once the server's VERSION arrived hands the ready
 * {@link SftpClientBridge} to {@code onReady} (once). Channel events then drive the bridge.
 */
public final class SftpClientApp implements SimApplication<SshConnection> {
    /** The user the server's password authenticator accepts. */
    public static final String USER = "alice";
    /** Her password. */
    public static final String PASSWORD = "sim-password";

    private final int maxOutstanding;
    private final SftpWireTap tap;
    private final BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge> onReady;
    private SftpClientBridge bridge;
    private int channel = -1;
    private boolean ready;
    private boolean channelGone;

    /**
     * @param maxOutstanding the client session's bound on outstanding requests
     * @param tap sees the channel's bytes; may be null
     * @param onReady called once the session is READY
     */
    public SftpClientApp(int maxOutstanding, SftpWireTap tap,
                         BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge> onReady) {
        this.maxOutstanding = maxOutstanding;
        this.tap = tap;
        this.onReady = onReady;
    }

    /** The bridge, or null before the subsystem started. */
    public SftpClientBridge bridge() {
        return bridge;
    }

    /** Whether the SFTP channel reached EOF or CLOSE, or the connection ended. */
    public boolean channelGone() {
        return channelGone;
    }

    @Override
    public void onEvent(SimEndpoint<SshConnection> endpoint, SshEvent event) {
        SshConnection c = endpoint.engine();
        if (event instanceof AuthServiceReady) {
            c.clientAuth().password(USER, PASSWORD);
        } else if (event instanceof Authenticated) {
            channel = c.channels().openSession();
        } else if (event instanceof ChannelOpened o && o.channel() == channel) {
            c.channels().requestSubsystem(channel, "sftp", true);
        } else if (event instanceof ChannelRequestReplied r && r.channel() == channel) {
            if (!r.success()) {
                throw new AssertionError("the server refused the sftp subsystem");
            }
            bridge = new SftpClientBridge(c.channels(), channel, new SftpClientSession(maxOutstanding), tap);
            bridge.pump();
        } else if (bridge != null && event instanceof ChannelData d && d.channel() == channel) {
            bridge.onData(d.data());
            if (!ready && bridge.session().isReady()) {
                ready = true;
                onReady.accept(endpoint, bridge);
                bridge.pump();
            }
        } else if (bridge != null && event instanceof ChannelWritable w && w.channel() == channel) {
            bridge.pump();
        } else if (event instanceof ChannelEof e && e.channel() == channel
                || event instanceof ChannelClosed cl && cl.channel() == channel || event instanceof Disconnected) {
            channelGone = true;
            if (bridge != null) {
                bridge.ended();
            }
        }
    }

    @Override
    public void onClosed(SimEndpoint<SshConnection> endpoint) {
        channelGone = true;
        if (bridge != null) {
            bridge.ended();
        }
    }
}
