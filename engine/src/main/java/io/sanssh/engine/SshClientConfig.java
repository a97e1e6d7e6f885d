package io.sanssh.engine;

import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.transport.TransportConfig;
import java.util.Objects;

/**
 * Everything a client-role {@link SshConnection} needs: the transport's algorithms, limits and
 * host key verifier, and the connection layer's windows and keep-alives.
 *
 * @param transport algorithms, rekey limits, timeouts, host key verifier
 * @param connection windows, packet sizes, keep-alive (like ServerAliveInterval/CountMax)
 * @param allowSha1Rsa whether publickey auth may fall back to SHA-1 {@code ssh-rsa}
 */
public record SshClientConfig(TransportConfig transport, ConnectionConfig connection, boolean allowSha1Rsa) {
    public SshClientConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(connection, "connection");
    }

    /** The defaults, with {@code transport} for the transport layer. */
    public static SshClientConfig of(TransportConfig transport) {
        return new SshClientConfig(transport, ConnectionConfig.defaults(), false);
    }
}
