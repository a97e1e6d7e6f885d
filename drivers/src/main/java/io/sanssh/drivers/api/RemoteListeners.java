package io.sanssh.drivers.api;

import io.sanssh.engine.event.GlobalRequestReceived;
import io.sanssh.spec.connection.GlobalRequestBody;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Server side of remote forwarding (RFC 4254 §7.1): "tcpip-forward" binds a listener for the
 * client, each connection accepted on it becomes a "forwarded-tcpip" channel to the client, and
 * "cancel-tcpip-forward" (or the connection's end) closes the listener. Whether a bind is allowed
 * is decided by {@code allowed} (the server's policy and the key's options) before anything is
 * bound. One per server connection.
 */
final class RemoteListeners {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Link link;
    private final ChannelRouter router;
    private final Consumer<String> log;
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RemoteListeners(Link link, ChannelRouter router, Consumer<String> log) {
        this.link = link;
        this.router = router;
        this.log = log;
    }

    /**
     * Handles "tcpip-forward" and "cancel-tcpip-forward"; returns false for any other request
     * (the caller answers those). {@code allowed} gets the bind host and port as the client sent them.
     */
    boolean onGlobalRequest(GlobalRequestReceived g, BiPredicate<String, Integer> allowed) {
        if (g.body() instanceof GlobalRequestBody.TcpipForward f) {
            int port = (int) f.port();
            boolean ok = port >= 0 && port <= 65535 && allowed.test(f.address(), port);
            Integer bound = ok ? bind(f.address(), port) : null;
            if (bound == null) {
                log.accept("tcpip-forward " + f.address() + ":" + port + " refused" + (ok ? " (bind failed)" : ""));
                reply(g, false, 0);
            } else {
                reply(g, true, port == 0 ? bound : -1);
            }
            return true;
        }
        if (g.body() instanceof GlobalRequestBody.CancelTcpipForward c) {
            ServerSocket s = listeners.remove(key(c.address(), (int) c.port()));
            if (s != null) {
                TcpForwarding.closeQuietly(s);
            }
            reply(g, s != null, -1);
            return true;
        }
        return false;
    }

    private void reply(GlobalRequestReceived g, boolean ok, int boundPort) {
        if (!g.wantReply()) {
            return;
        }
        link.run(c -> {
            if (ok && boundPort >= 0) {
                c.channels().replyTcpipForwardBound(g.requestId(), boundPort);
            } else {
                c.channels().replyGlobalRequest(g.requestId(), ok);
            }
        });
    }

    /** Binds a listener and starts its accept thread; returns the port, or null if binding failed. */
    private Integer bind(String host, int port) {
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bindAddress(host), port), 50);
        } catch (IOException e) {
            if (s != null) {
                TcpForwarding.closeQuietly(s);
            }
            log.accept("tcpip-forward bind " + host + ":" + port + " failed: " + e.getMessage());
            return null;
        }
        int bound = s.getLocalPort();
        if (closed || listeners.putIfAbsent(key(host, bound), s) != null) {
            TcpForwarding.closeQuietly(s);
            return null;
        }
        ServerSocket listener = s;
        Thread t = new Thread(() -> acceptLoop(listener, host, bound), "sanssh-remote-forward-" + bound);
        t.setDaemon(true);
        t.start();
        return bound;
    }

    /** RFC 4254 §7.1: "" means all addresses, "localhost" loopback; anything else is an address or name. */
    private static InetAddress bindAddress(String host) throws IOException {
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("*")) {
            return InetAddress.getByName("0.0.0.0");
        }
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        return InetAddress.getByName(host);
    }

    private void acceptLoop(ServerSocket listener, String host, int port) {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                return; // closed by cancel or by the connection's end
            }
            Thread t = new Thread(() -> forward(s, host, port), "sanssh-remote-forward-open-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void forward(Socket s, String host, int port) {
        InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
        TcpForwarding.openAndSplice(link, router, s, c -> c.channels().openForwardedTcpip(host, port,
                from.getAddress().getHostAddress(), from.getPort()), OPEN_TIMEOUT,
                "forwarded-tcpip for " + host + ":" + port, log);
    }

    /** Closes every listener (the connection ended). Idempotent. */
    void closeAll() {
        closed = true;
        for (ServerSocket s : listeners.values()) {
            TcpForwarding.closeQuietly(s);
        }
        listeners.clear();
    }

    private static String key(String host, int port) {
        return host + "\n" + port;
    }
}
