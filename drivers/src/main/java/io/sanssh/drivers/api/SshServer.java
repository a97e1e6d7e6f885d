package io.sanssh.drivers.api;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.blocking.BlockingOptions;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * <p>Uses the blocking driver: one accept thread, and per connection a reader, a pump and an
 * event thread, plus a thread per running command. {@link #close()} stops accepting and ends
 * every connection.
 */
public final class SshServer implements AutoCloseable {
    private final ServerOptions options;
    private final ServerSocket listener;
    private final List<SshKeyPair> hostKeys;
    private final SshServerConfig config;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private SshServer(ServerOptions options, ServerSocket listener, List<SshKeyPair> hostKeys, SshServerConfig config) {
        this.options = options;
        this.listener = listener;
        this.hostKeys = hostKeys;
        this.config = config;
        this.acceptor = new Thread(this::acceptLoop, "sanssh-server-accept-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
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
        TransportConfig.Builder t = TransportConfig.builder().hostKeys(keys);
        if (options.kexAlgorithms() != null) {
            t.kexAlgorithms(options.kexAlgorithms());
        }
        if (options.ciphers() != null) {
            t.ciphers(options.ciphers());
        }
        if (options.macs() != null) {
            t.macs(options.macs());
        }
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password(options.passwordAuthenticator())
                .publicKey(options.publicKeyAuthenticator())
                .maxAttempts(options.maxAuthAttempts())
                .authTimeout(options.authTimeout())
                .epochSeconds(() -> System.currentTimeMillis() / 1000)
                .build();
        SshServerConfig config = new SshServerConfig(t.build(), auth, ConnectionConfig.defaults());
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(options.listen(), 64);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + options.listen() + ": " + e.getMessage(), e);
        }
        SshServer server = new SshServer(options, listener, List.copyOf(keys), config);
        server.acceptor.start();
        return server;
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
        InetAddress peer = s.getInetAddress();
        SshServerConfig perClient = new SshServerConfig(config.transport(),
                config.auth().forClient(peer.getHostAddress(), null), config.connection());
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
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The port listened on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The server's host keys' public halves, in the order offered. */
    public List<SshPublicKey> hostKeys() {
        return hostKeys.stream().map(SshKeyPair::publicKey).toList();
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting and ends every connection (DISCONNECT BY_APPLICATION); bounded, idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (ServerConnection c : List.copyOf(connections)) {
            c.close();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
