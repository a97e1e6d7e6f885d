package io.sanssh.drivers.api;

import java.net.SocketAddress;
import java.util.Map;

/**
 * What a client asked a server to run on a session channel.
 *
 * @param user the authenticated user
 * @param command the "exec" command line (RFC 4254 §6.5), or {@code null} for a "shell" request
 * @param environment variables the client set with "env" requests and the server accepted
 * @param remoteAddress the client's address
 * @param terminal the pseudo-terminal the client asked for with "pty-req" (RFC 4254 §6.2) and the
 *     server granted, or {@code null} for none; only handlers whose {@link ExecHandler#supportsPty()}
 *     is true get one
 */
public record ExecRequest(String user, String command, Map<String, String> environment, SocketAddress remoteAddress,
                          Terminal terminal) {
    public ExecRequest {
        environment = Map.copyOf(environment);
    }

    /** A request without a terminal. */
    public ExecRequest(String user, String command, Map<String, String> environment, SocketAddress remoteAddress) {
        this(user, command, environment, remoteAddress, null);
    }

    /** Whether this is a "shell" request (no command). */
    public boolean isShell() {
        return command == null;
    }

    /** Whether the command is to run on a pseudo-terminal ({@link #terminal()} is set). */
    public boolean hasTerminal() {
        return terminal != null;
    }
}
