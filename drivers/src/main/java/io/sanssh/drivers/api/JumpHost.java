package io.sanssh.drivers.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Connections through a jump host ({@code ssh -J}, OpenSSH's {@code ProxyJump}): the inner SSH
 * connection runs inside a "direct-tcpip" channel (RFC 4254 §7.2) of an authenticated session to
 * the jump host, so the target only needs to be reachable from the jump host. The inner session is
 * end-to-end: its host key is verified against {@code host}:{@code port} as given, and the jump host
 * sees only ciphertext.
 *
 * <p>The channel reaches the inner engine through a loopback socket pair, so the inner connection
 * runs on the ordinary blocking driver unchanged: a local forward of the jump session listens on
 * 127.0.0.1 only during the inner handshake, then stops listening. It admits only our own socket
 * (bound before connecting, so its port is known): another local process that connects to the
 * port in that window is closed at once and never reaches the jump host.
 */
public final class JumpHost {
    private JumpHost() {
    }

    /**
     * Connects to {@code host}:{@code port} through {@code jump} (which must be authenticated) and
     * runs the key exchange, as {@link SshClient#connect}. Closing the returned session does not
     * close {@code jump}; close it afterwards.
     *
     * @throws SshChannelException if the jump host refused to open the channel
     */
    public static SshSession connect(SshSession jump, String host, int port, ClientOptions options) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        // the forward listens until the inner handshake is done: closing it earlier could reset a
        // connection the kernel completed but the forward had not accepted yet
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        int ours = socket.getLocalPort();
        LocalPortForward forward;
        try {
            forward = jump.forwardLocal(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), host, port,
                    from -> from.getAddress().isLoopbackAddress() && from.getPort() == ours);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        try (forward) {
            try {
                socket.connect(forward.localAddress(), (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, options.connectTimeout().toMillis())));
                socket.setTcpNoDelay(true);
                return SshClient.connect(host, port, options, socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                if (!forward.failures().isEmpty()) {
                    throw new SshChannelException("the jump host could not reach " + host + ":" + port + ": "
                            + forward.failures().get(0));
                }
                throw e;
            }
        }
    }
}
