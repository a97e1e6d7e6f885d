package io.sanssh.drivers.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on loopback between one client and a target, whose client-to-target direction can be
 * paused: the client's socket then fills up and its writes block, as with a peer that stops
 * reading. The other direction keeps flowing.
 */
final class PausableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Object gate = new Object();
    private Socket client;
    private Socket target;
    private Thread up;
    private Thread down;

    PausableProxy(InetSocketAddress targetAddress) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
        Thread acceptor = new Thread(() -> {
            try {
                client = listener.accept();
                target = new Socket(targetAddress.getAddress(), targetAddress.getPort());
                up = relay(client.getInputStream(), target.getOutputStream(), true);
                down = relay(target.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                close();
            }
        }, "test-proxy-accept");
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Stops (true) or resumes (false) relaying from the client to the target. */
    void pauseClientToTarget(boolean pause) {
        paused.set(pause);
        if (!pause) {
            synchronized (gate) {
                gate.notifyAll();
            }
        }
    }

    private Thread relay(InputStream in, OutputStream out, boolean pausable) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (pausable) {
                        synchronized (gate) {
                            while (paused.get()) {
                                gate.wait(100);
                            }
                        }
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // the relay ends with either socket
            } finally {
                close();
            }
        }, pausable ? "test-proxy-up" : "test-proxy-down");
        t.start();
        return t;
    }

    @Override
    public void close() {
        paused.set(false);
        synchronized (gate) {
            gate.notifyAll();
        }
        for (java.io.Closeable c : new java.io.Closeable[] {listener, client, target}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // closing everything regardless
            }
        }
    }
}
