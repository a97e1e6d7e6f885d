package io.sanssh.drivers.pump;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket options every Sanssh driver sets (DESIGN.md, "Sockets"). SSH sends many small
 * packets whose answers the peer waits for; without TCP_NODELAY Nagle's algorithm holds a small
 * write until the previous one is acknowledged, and the peer's delayed-ACK timer (40 ms on Linux)
 * then stalls every such round trip. TCP_QUICKACK (Linux) makes the kernel acknowledge at once.
 *
 * <p>The kernel clears QUICKACK again on its own ("not permanent", tcp(7)), so drivers re-arm it
 * after every read with {@link #rearmQuickAck}. Where the option does not exist the calls do
 * nothing.
 */
public final class SocketTuning {
    private static final SocketOption<Boolean> QUICKACK = ExtendedSocketOptions.TCP_QUICKACK;

    private SocketTuning() {
    }

    /**
     * Sets TCP_NODELAY and, where supported, TCP_QUICKACK on a connected or about-to-connect
     * socket. Call once before the first byte moves.
     *
     * @return whether QUICKACK is in effect (so {@link #rearmQuickAck} is worth calling)
     */
    public static boolean apply(Socket socket, boolean noDelay, boolean quickAck) throws IOException {
        socket.setTcpNoDelay(noDelay);
        if (quickAck && socket.supportedOptions().contains(QUICKACK)) {
            socket.setOption(QUICKACK, true);
            return true;
        }
        return false;
    }

    /** Like {@link #apply(Socket, boolean, boolean)}, for an NIO channel. */
    public static boolean apply(NetworkChannel channel, boolean noDelay, boolean quickAck) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
        if (quickAck && channel.supportedOptions().contains(QUICKACK)) {
            channel.setOption(QUICKACK, true);
            return true;
        }
        return false;
    }

    /** Turns QUICKACK back on after a read; failures are ignored (the socket may be closing). */
    public static void rearmQuickAck(Socket socket) {
        try {
            socket.setOption(QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            // closing or unsupported: acknowledgements fall back to the kernel's default
        }
    }

    /** Turns QUICKACK back on after a read on an NIO channel; failures are ignored. */
    public static void rearmQuickAck(NetworkChannel channel) {
        try {
            channel.setOption(QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            // closing or unsupported: acknowledgements fall back to the kernel's default
        }
    }

    /** Whether this JDK and OS offer TCP_QUICKACK on stream sockets. */
    public static boolean quickAckSupported() {
        try (Socket probe = new Socket()) {
            return probe.supportedOptions().contains(QUICKACK);
        } catch (IOException e) {
            return false;
        }
    }
}
