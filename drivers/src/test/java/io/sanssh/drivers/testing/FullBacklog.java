package io.sanssh.drivers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts, with its accept queue filled: Linux then drops further
 * SYNs, so a connect to it hangs until the client's connect timeout. For connect-timeout tests.
 */
public final class FullBacklog implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();
    private final boolean full;

    /** Opens the listener and fills its queue (bounded: at most 16 filler connects of 200 ms each). */
    public FullBacklog() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        boolean timedOut = false;
        for (int i = 0; i < 16 && !timedOut; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(address(), 200);
            } catch (SocketTimeoutException e) {
                timedOut = true;
            }
        }
        full = timedOut;
    }

    /** Whether a connect really hangs here (the kernel dropped a SYN); tests assume it. */
    public boolean isFull() {
        return full;
    }

    /** The listener's address. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
