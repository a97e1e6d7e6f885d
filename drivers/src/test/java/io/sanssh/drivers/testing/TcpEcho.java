package io.sanssh.drivers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A TCP echo service on 127.0.0.1 for forwarding tests: every connection gets its bytes back. */
public final class TcpEcho implements AutoCloseable {
    private final ServerSocket listener;

    public TcpEcho() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tcp-echo-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread t = new Thread(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        // the peer went away
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Connects to 127.0.0.1:{@code port}, sends {@code message}, half-closes and returns all that
     * came back (10 s read timeout).
     */
    public static String roundTrip(int port, String message) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
