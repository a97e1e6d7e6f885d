package io.sanssh.engine;

import io.sanssh.engine.auth.ClientAuthLayer;
import io.sanssh.engine.auth.ServerAuthLayer;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.trace.OutboundTrace;
import io.sanssh.engine.transport.Layer;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.transport.Unimplemented;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * One SSH connection, client or server role, with no I/O: the transport (RFC 4253), user
 * authentication (RFC 4252) and the connection protocol (RFC 4254) stacked and routed.
 *
 * <p>Drivers use the {@link SansIoEngine} verbs; the application talks to {@link #clientAuth()}
 * or {@link #serverAuth()} to authenticate and to {@link #channels()} for channels and requests,
 * all on the thread (or under the lock) the driver serialises the engine with. Messages 5-6 and
 * 50-79 go to authentication; 80-127 to the connection layer, and only after authentication
 * succeeded (before that they are a protocol error); anything else unknown gets
 * SSH_MSG_UNIMPLEMENTED.
 */
public final class SshConnection implements SansIoEngine {
    private final Role role;
    private final Transport transport;
    private final ClientAuthLayer clientAuth;
    private final ServerAuthLayer serverAuth;
    private final ConnectionLayer connection;

    private SshConnection(Role role, Router router, Transport transport, ClientAuthLayer clientAuth,
                          ServerAuthLayer serverAuth, ConnectionLayer connection) {
        this.role = role;
        this.transport = transport;
        this.clientAuth = clientAuth;
        this.serverAuth = serverAuth;
        this.connection = connection;
    }

    /**
     * A client-role connection. Our identification line and first KEXINIT are queued at once.
     *
     * @param nowNanos the driver's current time
     */
    public static SshConnection client(SshClientConfig config, SecureRandom random, long nowNanos) {
        return client(config, random, nowNanos, OutboundTrace.NONE);
    }

    /** Like {@link #client(SshClientConfig, SecureRandom, long)}, recording outbound actions into {@code trace}. */
    public static SshConnection client(SshClientConfig config, SecureRandom random, long nowNanos, OutboundTrace trace) {
        Router router = new Router();
        Transport t = new Transport(Role.CLIENT, config.transport(), random, router, nowNanos, trace);
        t.setRekeyAllowed(false);
        ConnectionLayer conn = new ConnectionLayer(t, config.connection(), Role.CLIENT);
        ClientAuthLayer auth = new ClientAuthLayer(t, () -> {
            conn.start();
            t.setRekeyAllowed(true);
        }, config.allowSha1Rsa());
        router.wire(t, auth, conn);
        return new SshConnection(Role.CLIENT, router, t, auth, null, conn);
    }

    /** A server-role connection for one accepted TCP connection. */
    public static SshConnection server(SshServerConfig config, SecureRandom random, long nowNanos) {
        return server(config, random, nowNanos, OutboundTrace.NONE);
    }

    /** Like {@link #server(SshServerConfig, SecureRandom, long)}, recording outbound actions into {@code trace}. */
    public static SshConnection server(SshServerConfig config, SecureRandom random, long nowNanos, OutboundTrace trace) {
        Router router = new Router();
        Transport t = new Transport(Role.SERVER, config.transport(), random, router, nowNanos, trace);
        t.setRekeyAllowed(false);
        ConnectionLayer conn = new ConnectionLayer(t, config.connection(), Role.SERVER);
        ServerAuthLayer auth = new ServerAuthLayer(t, config.auth(), user -> {
            conn.start();
            t.setRekeyAllowed(true);
        });
        router.wire(t, auth, conn);
        return new SshConnection(Role.SERVER, router, t, null, auth, conn);
    }

    /** Routes transport messages and notifications to the two layers above. */
    private static final class Router implements TransportListener {
        private Transport transport;
        private Layer auth;
        private ConnectionLayer connection;

        void wire(Transport t, Layer a, ConnectionLayer c) {
            transport = t;
            auth = a;
            connection = c;
        }

        @Override
        public void onMessage(byte[] payload, int off, int len, boolean owned) {
            int n = payload[off] & 0xff;
            if (n == MessageNumbers.SERVICE_REQUEST || n == MessageNumbers.SERVICE_ACCEPT
                    || MessageNumbers.isUserAuth(n)) {
                auth.onMessage(payload, off, len, owned);
            } else if (n >= MessageNumbers.GLOBAL_REQUEST && n <= MessageNumbers.CHANNEL_FAILURE) {
                if (!connection.isStarted()) {
                    throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                            MessageNumbers.name(n) + " before user authentication succeeded");
                }
                connection.onMessage(payload, off, len, owned);
            } else {
                transport.send(new Unimplemented(transport.lastReceivedSequenceNumber()), Origin.INTERNAL);
            }
        }

        @Override
        public void onTransportReady() {
            auth.onTransportReady();
            connection.onTransportReady();
        }

        @Override
        public void onKexActiveChanged(boolean active) {
            if (auth == null) {
                return; // the first KEX starts inside the Transport constructor, before wiring
            }
            auth.onKexActiveChanged(active);
            connection.onKexActiveChanged(active);
        }

        @Override
        public void onTimer(TimerKind kind) {
            auth.onTimer(kind);
            connection.onTimer(kind);
        }

        @Override
        public void onPacketReceived() {
            if (connection != null) {
                connection.onPacketReceived();
            }
        }
    }

    // ---------------------------------------------------------------- driver verbs

    @Override
    public int receive(ByteBuffer src, long nowNanos) {
        return transport.receive(src, nowNanos);
    }

    @Override
    public int transmit(ByteBuffer dst) {
        int n = transport.transmit(dst);
        if (n > 0) {
            connection.onOutputDrained();
        }
        return n;
    }

    @Override
    public ByteBuffer peekOutput() {
        return transport.peekOutput();
    }

    @Override
    public void consumeOutput(int n) {
        transport.consumeOutput(n);
        if (n > 0) {
            connection.onOutputDrained();
        }
    }

    /**
     * Gives back the bytes of a {@code ChannelData} or {@code ChannelExtendedData} event this
     * engine emitted, once the application has read them and holds them no more: a later bulk
     * packet may be decrypted into their array, so a long stream does not allocate an array per
     * packet. Optional (without it the collector frees the arrays); call it once per event, and
     * never for bytes anyone still reads, for they will be overwritten. Bytes that did not come
     * from a bulk packet are ignored.
     */
    public void recycle(Bytes data) {
        transport.recycle(data.backingArrayForRecycling());
    }

    @Override
    public boolean wantsRead() {
        return transport.wantsRead();
    }

    @Override
    public boolean wantsWrite() {
        return transport.wantsWrite();
    }

    @Override
    public boolean hasDeadline() {
        return transport.hasDeadline();
    }

    @Override
    public long nextDeadline() {
        return transport.nextDeadline();
    }

    @Override
    public void onTimeout(long nowNanos) {
        transport.onTimeout(nowNanos);
    }

    @Override
    public SshEvent pollEvent() {
        return transport.pollEvent();
    }

    @Override
    public void connectionLost(String why) {
        transport.connectionLost(why);
    }

    @Override
    public boolean isClosed() {
        return transport.isClosed();
    }

    // ---------------------------------------------------------------- application

    /** Our role. */
    public Role role() {
        return role;
    }

    /** Client role: user authentication (none, password, publickey, keyboard-interactive). */
    public ClientAuthLayer clientAuth() {
        if (clientAuth == null) {
            throw new IllegalStateException("not a client-role connection");
        }
        return clientAuth;
    }

    /** Server role: the authentication state (who logged in, failures). */
    public ServerAuthLayer serverAuth() {
        if (serverAuth == null) {
            throw new IllegalStateException("not a server-role connection");
        }
        return serverAuth;
    }

    /** Channels and global requests; usable once authentication succeeded. */
    public ConnectionLayer channels() {
        return connection;
    }

    /** The transport, for its state (algorithms, session id, key exchange count). */
    public Transport transport() {
        return transport;
    }

    /** Client role: accepts the host key of a pending {@code HostKeyPresented} event. */
    public void acceptHostKey() {
        transport.acceptHostKey();
    }

    /** Client role: rejects the pending host key; the connection ends with HOST_KEY_NOT_VERIFIABLE. */
    public void rejectHostKey() {
        transport.rejectHostKey();
    }

    /** Starts a key re-exchange now (RFC 4253 §9); a no-op while one runs. */
    public void requestRekey() {
        transport.requestRekey();
    }

    /** Ends the connection: queues DISCONNECT with {@code reason}; drain, then close the socket. */
    @Override
    public void disconnect(DisconnectReason reason, String description) {
        transport.disconnect(reason, description);
    }
}
