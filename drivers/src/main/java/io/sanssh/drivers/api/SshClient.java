package io.sanssh.drivers.api;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.blocking.BlockingOptions;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
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
 * Uses the blocking driver: per connection a reader thread, a pump thread and an event thread.
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

    /** As {@link #connect(String, int, ClientOptions)}, over {@code tunnel} (already connected) if not null. */
    static SshSession connect(String host, int port, ClientOptions options, Socket tunnel) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        SecureRandom random = options.random();
        KnownHostsVerifier verifier = new KnownHostsVerifier(host, port, options.knownHostsFile(),
                options.strictHostKeyChecking(), options.trustedHostKeys(), options.hashKnownHosts(), random);
        TransportConfig.Builder t = TransportConfig.builder().hostKeyVerifier(verifier);
        if (options.kexAlgorithms() != null) {
            t.kexAlgorithms(options.kexAlgorithms());
        }
        if (options.hostKeyAlgorithms() != null) {
            t.hostKeyAlgorithms(options.hostKeyAlgorithms());
        }
        if (options.ciphers() != null) {
            t.ciphers(options.ciphers());
        }
        if (options.macs() != null) {
            t.macs(options.macs());
        }
        if (options.rekeyBytes() > 0) {
            t.rekeyBytes(options.rekeyBytes());
        }
        if (options.rekeyInterval() != null) {
            t.rekeyInterval(options.rekeyInterval());
        }
        ConnectionConfig connection = ConnectionConfig.builder()
                .keepAliveInterval(options.keepAliveInterval())
                .keepAliveMaxMissed(options.keepAliveCountMax())
                .build();
        SshClientConfig config = new SshClientConfig(t.build(), connection, false);
        BlockingOptions blocking = BlockingOptions.builder().connectTimeout(options.connectTimeout()).build();
        LongSupplier clock = blocking.nanoClock();
        BlockingConnection<SshConnection> c = tunnel != null
                ? BlockingConnection.open(tunnel, now -> SshConnection.client(config, random, now), blocking)
                : BlockingConnection.connect(new InetSocketAddress(host, port),
                        now -> SshConnection.client(config, random, now), blocking);
        SshSession session = new SshSession(Link.blocking(c, clock), options, verifier);
        try {
            session.start(host + ":" + port);
            return session;
        } catch (IOException | RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }
}
