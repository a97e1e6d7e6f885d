package io.sanssh.engine;

import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.transport.TransportConfig;
import java.util.Objects;

/**
 * Everything a server-role {@link SshConnection} needs.
 *
 * @param transport algorithms, host keys, rekey limits, timeouts
 * @param auth authenticators, attempt limit, auth timeout, banner
 * @param connection windows, packet sizes, keep-alive (like ClientAliveInterval/CountMax)
 */
public record SshServerConfig(TransportConfig transport, ServerAuthConfig auth, ConnectionConfig connection) {
    public SshServerConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connection, "connection");
    }
}
