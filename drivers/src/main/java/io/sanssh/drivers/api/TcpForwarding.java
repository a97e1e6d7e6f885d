package io.sanssh.drivers.api;

import io.sanssh.engine.SshConnection;
import io.sanssh.spec.connection.OpenFailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * TCP forwarding over "direct-tcpip" channels (RFC 4254 §7.2): the server side connects to the
 * requested target, and either side splices a socket and a channel with two pump threads. EOF
 * travels both ways: the socket's end of input sends CHANNEL_EOF, the channel's EOF shuts the
 * socket's output; the channel and the socket close when both directions are done.
 */
final class TcpForwarding {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private TcpForwarding() {
    }

    /**
     * Server side: connects to {@code host}:{@code port} on a new thread, then accepts the
     * channel the client asked for and splices it with the socket, or refuses it with
     * CONNECT_FAILED.
     */
    static void connect(Link link, ChannelRouter router, int channel, String host, int port, Consumer<String> log) {
        Thread t = new Thread(() -> {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(s);
                log.accept("direct-tcpip to " + host + ":" + port + " failed: " + e.getMessage());
                link.run(c -> c.channels().rejectChannel(channel, OpenFailureReason.CONNECT_FAILED,
                        "connect to " + host + ":" + port + " failed: " + e.getMessage()));
                return;
            }
            ChannelState state = link.call(c -> {
                c.channels().acceptChannel(channel);
                return router.register(channel);
            });
            splice(link, state, s);
        }, "sanssh-forward-connect-" + channel);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Opens a channel for an accepted socket with {@code open} (on the engine; returns the channel
     * number), waits for the peer to confirm it, then splices the two. On failure the socket is
     * closed and the reason passed to {@code failures}.
     */
    static void openAndSplice(Link link, ChannelRouter router, Socket s, Function<SshConnection, Integer> open,
                              Duration timeout, String what, Consumer<String> failures) {
        try {
            ChannelState state = link.call(c -> router.register(open.apply(c)));
            state.awaitOpen(timeout, what);
            splice(link, state, s);
        } catch (IOException | RuntimeException e) {
            failures.accept(what + " failed: " + e.getMessage());
            closeQuietly(s);
        }
    }

    /** Splices an open channel and a connected socket until both directions ended, then closes both. */
    static void splice(Link link, ChannelState state, Socket socket) {
        ChannelInputStream fromChannel = new ChannelInputStream(link, state, ChannelState.STDOUT);
        ChannelOutputStream toChannel = new ChannelOutputStream(link, state, -1);
        Thread up = new Thread(() -> {
            try {
                // not closed here: closing a socket's stream closes the socket, and the other
                // direction may still be running
                InputStream in = socket.getInputStream();
                copy(in, toChannel);
            } catch (IOException e) {
                // the socket or the channel failed: end this direction
            } finally {
                toChannel.close();
            }
        }, "sanssh-forward-up-" + state.channel);
        Thread down = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                copy(fromChannel, out);
                if (state.isClosed() || state.lostReason() != null) {
                    closeQuietly(socket); // the channel is gone: nothing can travel up any more
                } else {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the socket or the channel failed: end this direction
            } finally {
                fromChannel.close();
            }
        }, "sanssh-forward-down-" + state.channel);
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
        Thread closer = new Thread(() -> {
            try {
                up.join();
                down.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(socket);
                try {
                    link.run(c -> c.channels().close(state.channel));
                } catch (IllegalStateException e) {
                    // the connection is closed already
                }
            }
        }, "sanssh-forward-close-" + state.channel);
        closer.setDaemon(true);
        closer.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
