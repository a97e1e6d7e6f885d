package io.sanssh.cli;

import io.sanssh.drivers.api.LocalPortForward;
import io.sanssh.drivers.api.SshSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The demo's port forward: a tiny echo server on 127.0.0.1, a local forward ({@code ssh -L}) to it
 * through the SSH server, and one round trip through the tunnel.
 */
final class DemoForward {
    private DemoForward() {
    }

    /** What the round trip did. */
    record Result(boolean echoed, int listenPort, int echoPort, double millis) {
    }

    static Result roundTrip(SshSession session, String message) throws IOException {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveOnce(echo), "sanssh-demo-echo");
            server.setDaemon(true);
            server.start();
            try (LocalPortForward forward = session.forwardLocal(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "127.0.0.1", echo.getLocalPort());
                 Socket s = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
                s.setSoTimeout(10_000);
                long start = System.nanoTime();
                byte[] sent = message.getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(sent);
                s.getOutputStream().flush();
                byte[] back = s.getInputStream().readNBytes(sent.length);
                double millis = (System.nanoTime() - start) / 1e6;
                return new Result(new String(back, StandardCharsets.UTF_8).equals(message), forward.localPort(),
                        echo.getLocalPort(), millis);
            }
        }
    }

    /** Echoes one connection's bytes until it ends. */
    private static void serveOnce(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            OutputStream o = s.getOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                o.write(buf, 0, n);
                o.flush();
            }
        } catch (IOException e) {
            // the demo's round trip reports what arrived
        }
    }
}
