package io.sanssh.drivers.api;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.blocking.BlockingOptions;
import io.sanssh.drivers.selector.ConnectionHandler;
import io.sanssh.drivers.selector.SelectorAcceptor;
import io.sanssh.drivers.selector.SelectorConnection;
import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.drivers.selector.SelectorOptions;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * An SSH server: listens, runs the key exchange with its host keys, authenticates users with the
 * configured authenticators, and serves "exec" and "shell" (by default with {@code /bin/sh} as
 * the server's own user), the "sftp" subsystem over a directory, and, as its {@link ForwardingPolicy}
 * allows, local ("direct-tcpip") and remote ("tcpip-forward") TCP forwarding. The accepted key's
 * authorized_keys options are enforced: a forced command, forwarding restrictions, environment.
 * Everything else (pty, X11, agent forwarding) is refused.
 *
 * <p>The driver is {@link ServerOptions#driver()}: the blocking one (one accept thread, and per
 * connection a reader, a pump and an event thread) or a selector loop (one thread for every
 * connection, its own or {@link ServerOptions.Builder#selectorLoop shared}); either way a running
 * command has a thread of its own. {@link #close()} stops accepting and ends
 * every connection.
 */
public final class SshServer implements AutoCloseable {
    private final ServerOptions options;
    private final List<SshKeyPair> hostKeys;
    private final SshServerConfig config;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;
    private SelectorLoop loop;
    private boolean ownsLoop;
    private SelectorAcceptor<SshConnection> selectorAcceptor;
    private InetSocketAddress address;
    private volatile boolean closed;

    private SshServer(ServerOptions options, List<SshKeyPair> hostKeys, SshServerConfig config) {
        this.options = options;
        this.hostKeys = hostKeys;
        this.config = config;
    }

    /**
     * Loads (or generates) the host keys, binds the listening socket and starts accepting.
     *
     * @throws IOException if the address cannot be bound or the host key file cannot be read or written
     * @throws IllegalArgumentException if no host key is given or found
     */
    public static SshServer start(ServerOptions options) throws IOException {
        List<SshKeyPair> keys = new ArrayList<>();
        if (options.hostKeyFile() != null) {
            keys.add(HostKeyFiles.loadOrGenerate(options.hostKeyFile(), options.random()));
        }
        keys.addAll(options.hostKeys());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no host key: set hostKeys or hostKeyFile");
        }
        SshServer server = new SshServer(options, List.copyOf(keys), config(options, keys));
        if (options.driver() == Driver.SELECTOR) {
            server.listenOnSelector();
        } else {
            server.listenBlocking();
        }
        return server;
    }

    /** The engine configuration {@code options} ask for, with host keys {@code keys}. */
    static SshServerConfig config(ServerOptions options, List<SshKeyPair> keys) {
        TransportConfig.Builder t = EngineSettings.transport(options.kexAlgorithms(), null, options.ciphers(),
                options.macs(), 0, null).hostKeys(keys);
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password(options.passwordAuthenticator())
                .publicKey(options.publicKeyAuthenticator())
                .maxAttempts(options.maxAuthAttempts())
                .authTimeout(options.authTimeout())
                .epochSeconds(() -> System.currentTimeMillis() / 1000)
                .build();
        ConnectionConfig connection = EngineSettings.connection(options.keepAliveInterval(), options.keepAliveCountMax());
        return new SshServerConfig(t.build(), auth, connection);
    }

    /** {@link #config} narrowed to one client (its address, for per-client limits). */
    static SshServerConfig forClient(SshServerConfig config, SocketAddress peer) {
        String host = !(peer instanceof InetSocketAddress a) ? String.valueOf(peer)
                : a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return new SshServerConfig(config.transport(), config.auth().forClient(host, null), config.connection());
    }

    private void listenBlocking() throws IOException {
        listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(options.listen(), 64);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + options.listen() + ": " + e.getMessage(), e);
        }
        address = (InetSocketAddress) listener.getLocalSocketAddress();
        acceptor = new Thread(this::acceptLoop, "sanssh-server-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void listenOnSelector() throws IOException {
        loop = options.selectorLoop();
        ownsLoop = loop == null;
        if (ownsLoop) {
            loop = SelectorLoop.open(SelectorOptions.builder().threadName("sanssh-server-loop").build());
        }
        EngineFactory<SshConnection> factory = new EngineFactory<>() {
            @Override
            public SshConnection create(long nowNanos) {
                return SshConnection.server(config, options.random(), nowNanos);
            }

            @Override
            public SshConnection create(long nowNanos, SocketAddress peer) {
                return SshConnection.server(forClient(config, peer), options.random(), nowNanos);
            }
        };
        try {
            selectorAcceptor = loop.listen(options.listen(), factory, new Accepted());
        } catch (IOException e) {
            if (ownsLoop) {
                loop.close();
            }
            throw new IOException("cannot listen on " + options.listen() + ": " + e.getMessage(), e);
        }
        address = selectorAcceptor.localAddress();
    }

    /** Every connection the selector acceptor takes: a {@link SelectorLink} and a {@link ServerConnection}. */
    private final class Accepted implements ConnectionHandler<SshConnection> {
        private final Map<SelectorConnection<SshConnection>, SelectorLink> links = new IdentityHashMap<>();

        @Override
        public void onOpen(SelectorConnection<SshConnection> c) {
            SelectorLink link = new SelectorLink(loop, false, loop.closeTimeout());
            link.onOpen(c);
            links.put(c, link);
            ServerConnection[] self = new ServerConnection[1];
            self[0] = new ServerConnection(link, options, () -> connections.remove(self[0]));
            connections.add(self[0]);
            options.log().accept("connection from " + c.remoteAddress());
            self[0].start(String.valueOf(c.remoteAddress()));
            if (closed) {
                self[0].close();
            }
        }

        @Override
        public void onEvent(SelectorConnection<SshConnection> c, SshEvent e) {
            links.get(c).onEvent(c, e);
        }

        @Override
        public void onClosed(SelectorConnection<SshConnection> c, DisconnectCause cause) {
            SelectorLink link = links.remove(c);
            if (link != null) {
                link.onClosed(c, cause);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    options.log().accept("accept failed: " + e.getMessage());
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            try {
                serve(s);
            } catch (IOException | RuntimeException e) {
                options.log().accept("connection from " + s.getRemoteSocketAddress() + " failed to start: " + e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket s) throws IOException {
        SshServerConfig perClient = forClient(config, s.getRemoteSocketAddress());
        BlockingOptions blocking = BlockingOptions.defaults();
        LongSupplier clock = blocking.nanoClock();
        BlockingConnection<SshConnection> c = BlockingConnection.open(s,
                now -> SshConnection.server(perClient, options.random(), now), blocking);
        ServerConnection[] self = new ServerConnection[1];
        self[0] = new ServerConnection(Link.blocking(c, clock), options, () -> connections.remove(self[0]));
        connections.add(self[0]);
        options.log().accept("connection from " + s.getRemoteSocketAddress());
        self[0].start(s.getRemoteSocketAddress().toString());
        if (closed) {
            self[0].close();
        }
    }

    /** The address listened on (with the port chosen, if 0 was asked). */
    public InetSocketAddress address() {
        return address;
    }

    /** The port listened on. */
    public int port() {
        return address.getPort();
    }

    /** The server's host keys' public halves, in the order offered. */
    public List<SshPublicKey> hostKeys() {
        return hostKeys.stream().map(SshKeyPair::publicKey).toList();
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** {@link ServerConnection#packetsReceived()} summed over the open connections (for tests). */
    long packetsReceived() {
        return ServerConnection.packetsReceived(connections);
    }

    /** Stops accepting and ends every connection (DISCONNECT BY_APPLICATION); bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (selectorAcceptor != null) {
            selectorAcceptor.close();
        }
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (ServerConnection c : List.copyOf(connections)) {
            c.close();
        }
        try {
            if (acceptor != null) {
                acceptor.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsLoop) {
            loop.close();
        }
    }
}
