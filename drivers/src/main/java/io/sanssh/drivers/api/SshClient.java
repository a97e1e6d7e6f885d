package io.sanssh.drivers.api;

import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.blocking.BlockingOptions;
import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.drivers.selector.SelectorOptions;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Connects to SSH servers. {@link #connect} returns once the server's host key is verified and
 * the server is ready for user authentication; the returned {@link SshSession} then
 * authenticates and runs commands.
 *
 * <pre>{@code
 * try (SshSession s = SshClient.connect("example.org", 22, ClientOptions.defaults())) {
 *     s.authPublicKey("alice", key);
 *     ExecResult r = s.exec("uname -a");
 * }
 * }</pre>
 *
 * The driver is {@link ClientOptions#driver()}: the blocking one (per connection a reader, a pump
 * and an event thread) or a selector loop (one thread for many connections, shared through
 * {@link ClientOptions.Builder#selectorLoop}). The session behaves the same over both.
 */
public final class SshClient {
    private SshClient() {
    }

    /**
     * Connects to {@code host}:{@code port}, runs the key exchange and verifies the host key.
     *
     * @throws io.sanssh.drivers.SshConnectException if the TCP connection could not be made
     * @throws HostKeyRejectedException if the host key is not trusted (nothing was sent about the user)
     * @throws io.sanssh.drivers.SshDisconnectedException if the server ended the connection (e.g. no
     *     algorithm in common)
     * @throws io.sanssh.drivers.SshTimeoutException if the handshake took longer than {@link ClientOptions#timeout()}
     */
    public static SshSession connect(String host, int port, ClientOptions options) throws IOException {
        return connect(host, port, options, null);
    }

    /**
     * As {@link #connect(String, int, ClientOptions)}, over {@code tunnel} (already connected, e.g.
     * to a jump host's channel, see {@link JumpHost}) on the blocking driver if not null.
     */
    static SshSession connect(String host, int port, ClientOptions options, Socket tunnel) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        SecureRandom random = options.random();
        KnownHostsVerifier verifier = new KnownHostsVerifier(host, port, options.knownHostsFile(),
                options.strictHostKeyChecking(), options.trustedHostKeys(), options.hashKnownHosts(), random);
        SshClientConfig config = config(options, verifier);
        InetSocketAddress address = new InetSocketAddress(host, port);
        Link link = tunnel != null ? tunnelLink(tunnel, config, options)
                : options.driver() == Driver.SELECTOR ? selectorLink(address, config, options)
                : blockingLink(address, config, options);
        SshSession session = new SshSession(link, options, verifier);
        try {
            session.start(host + ":" + port);
            return session;
        } catch (IOException | RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /** The engine configuration {@code options} ask for, verifying host keys with {@code verifier}. */
    static SshClientConfig config(ClientOptions options, KnownHostsVerifier verifier) {
        TransportConfig.Builder t = EngineSettings.transport(options.kexAlgorithms(), options.hostKeyAlgorithms(),
                options.ciphers(), options.macs(), options.rekeyBytes(), options.rekeyInterval());
        ConnectionConfig connection = EngineSettings.connection(options.keepAliveInterval(), options.keepAliveCountMax());
        return new SshClientConfig(t.hostKeyVerifier(verifier).build(), connection, false);
    }

    private static Link blockingLink(InetSocketAddress address, SshClientConfig config, ClientOptions options)
            throws IOException {
        BlockingOptions blocking = BlockingOptions.builder().connectTimeout(options.connectTimeout()).build();
        LongSupplier clock = blocking.nanoClock();
        BlockingConnection<SshConnection> c = BlockingConnection.connect(address,
                now -> SshConnection.client(config, options.random(), now), blocking);
        return Link.blocking(c, clock);
    }

    private static Link tunnelLink(Socket tunnel, SshClientConfig config, ClientOptions options) throws IOException {
        BlockingOptions blocking = BlockingOptions.builder().connectTimeout(options.connectTimeout()).build();
        BlockingConnection<SshConnection> c = BlockingConnection.open(tunnel,
                now -> SshConnection.client(config, options.random(), now), blocking);
        return Link.blocking(c, blocking.nanoClock());
    }

    private static Link selectorLink(InetSocketAddress address, SshClientConfig config, ClientOptions options)
            throws IOException {
        SelectorLoop loop = options.selectorLoop();
        boolean owned = loop == null;
        SelectorOptions so = SelectorOptions.builder().connectTimeout(options.connectTimeout())
                .threadName("sanssh-client-" + address).build();
        if (owned) {
            loop = SelectorLoop.open(so);
        }
        SelectorLink link = new SelectorLink(loop, owned, so.closeTimeout());
        try {
            loop.connect(address, now -> SshConnection.client(config, options.random(), now), link)
                    .get(options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return link;
        } catch (ExecutionException e) {
            if (owned) {
                loop.close();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new SshConnectException(address, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            if (owned) {
                loop.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SshConnectException(address, "no connection within " + options.connectTimeout(), e);
        }
    }
}
