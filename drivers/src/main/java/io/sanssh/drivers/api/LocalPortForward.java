package io.sanssh.drivers.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A local port forward ({@code ssh -L}): every connection accepted on a local address is carried
 * to {@code host:port} as seen from the server, over a "direct-tcpip" channel (RFC 4254 §7.2).
 * Made by {@link SshSession#forwardLocal}; {@link #close()} stops accepting (connections already
 * forwarded carry on until either end closes, or the session does).
 */
public final class LocalPortForward implements AutoCloseable {
    private final Link link;
    private final ChannelRouter router;
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final Duration timeout;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Predicate<InetSocketAddress> admit;
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Starts accepting on {@code listener}; a connection whose peer address fails {@code admit} is
     * closed at once, without opening a channel.
     */
    LocalPortForward(Link link, ChannelRouter router, ServerSocket listener, String host, int port, Duration timeout,
            Predicate<InetSocketAddress> admit) {
        this.link = link;
        this.admit = admit;
        this.router = router;
        this.listener = listener;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.acceptor = new Thread(this::acceptLoop, "sanssh-forward-accept-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!closed) {
                    failures.add("accept failed: " + e.getMessage());
                }
                continue;
            }
            if (!admit.test((InetSocketAddress) s.getRemoteSocketAddress())) {
                TcpForwarding.closeQuietly(s);
                continue;
            }
            Thread t = new Thread(() -> forward(s), "sanssh-forward-open-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void forward(Socket s) {
        InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
        TcpForwarding.openAndSplice(link, router, s, c -> c.channels().openDirectTcpip(host, port,
                from.getAddress().getHostAddress(), from.getPort()), timeout, "direct-tcpip to " + host + ":" + port,
                failures::add);
    }

    /** The local port connections are accepted on. */
    public int localPort() {
        return listener.getLocalPort();
    }

    /** The local address connections are accepted on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Why forwarded connections failed (e.g. the server refused the channel), oldest first. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops accepting new connections. Idempotent. */
    @Override
    public void close() {
        closed = true;
        TcpForwarding.closeQuietly(listener);
    }
}
