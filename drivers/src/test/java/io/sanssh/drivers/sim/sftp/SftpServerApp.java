package io.sanssh.drivers.sim.sftp;

import io.sanssh.drivers.sftp.NioFileSystemBackend;
import io.sanssh.drivers.sim.SimApplication;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.spec.connection.ChannelRequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The server application of an SFTP simulation: accepts session channels, serves the "sftp"
 * subsystem from {@code root} with {@link SftpServerSession} over {@link NioFileSystemBackend}
 * (one channel at a time is enough here), refuses every other request.
 */
public final class SftpServerApp implements SimApplication<SshConnection> {
    /** How long a shuffling server holds replies at most before it lets a batch go. */
    private static final long HOLD_NANOS = 2_000_000;
    private final Path root;
    private final SplittableRandom shuffle;
    private SftpServerBridge bridge;
    private int channel = -1;

    /** Serves {@code root}; {@code shuffle} non-null makes the server answer out of order. */
    public SftpServerApp(Path root, SplittableRandom shuffle) {
        this.root = root;
        this.shuffle = shuffle;
    }

    /** The bridge of the SFTP channel, or null before the subsystem started. */
    public SftpServerBridge bridge() {
        return bridge;
    }

    @Override
    public void onEvent(SimEndpoint<SshConnection> endpoint, SshEvent event) {
        SshConnection c = endpoint.engine();
        if (event instanceof ChannelOpenRequested r) {
            c.channels().acceptChannel(r.channel());
        } else if (event instanceof ChannelRequestReceived r) {
            boolean sftp = bridge == null && r.body() instanceof ChannelRequestBody.Subsystem s
                    && "sftp".equals(s.name());
            if (sftp) {
                channel = r.channel();
                bridge = new SftpServerBridge(c.channels(), channel, new SftpServerSession(backend()),
                        shuffle == null ? null : new ReplyShuffler(shuffle),
                        action -> endpoint.schedule(HOLD_NANOS, e -> action.run()));
            }
            if (r.wantReply()) {
                c.channels().replyChannelRequest(r.channel(), r.requestId(), sftp);
            }
        } else if (bridge != null && event instanceof ChannelData d && d.channel() == channel) {
            bridge.onData(d.data());
        } else if (bridge != null && event instanceof ChannelWritable w && w.channel() == channel) {
            bridge.pump();
        } else if (bridge != null && (event instanceof ChannelEof e && e.channel() == channel
                || event instanceof ChannelClosed cl && cl.channel() == channel || event instanceof Disconnected)) {
            bridge.ended();
        }
    }

    @Override
    public void onClosed(SimEndpoint<SshConnection> endpoint) {
        if (bridge != null) {
            bridge.session().channelEnded();
        }
    }

    private NioFileSystemBackend backend() {
        try {
            return new NioFileSystemBackend(root, false, "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
