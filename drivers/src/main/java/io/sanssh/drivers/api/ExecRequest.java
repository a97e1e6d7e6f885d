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
 */
public record ExecRequest(String user, String command, Map<String, String> environment, SocketAddress remoteAddress) {
    public ExecRequest {
        environment = Map.copyOf(environment);
    }

    /** Whether this is a "shell" request (no command). */
    public boolean isShell() {
        return command == null;
    }
}
