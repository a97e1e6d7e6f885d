package io.sanssh.drivers;

import java.net.SocketAddress;

/**
 * The TCP connection could not be established: refused, unreachable, unresolved, or not done within
 * the connect timeout. No engine was created, so nothing needs closing.
 */
public final class SshConnectException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    private final transient SocketAddress address;

    /**
     * @param address where we tried to connect
     * @param message what went wrong
     * @param cause the socket-level failure, or {@code null}
     */
    public SshConnectException(SocketAddress address, String message, Throwable cause) {
        super("connect to " + address + " failed: " + message, cause);
        this.address = address;
    }

    /** Where we tried to connect. */
    public SocketAddress address() {
        return address;
    }
}
