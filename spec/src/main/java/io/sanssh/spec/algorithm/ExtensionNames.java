package io.sanssh.spec.algorithm;

/**
 * Extension names carried in {@code SSH_MSG_EXT_INFO} (RFC 8308 §2.3). The formats of their values
 * are in {@link io.sanssh.spec.transport.ExtensionValues}.
 */
public final class ExtensionNames {
    private ExtensionNames() {
    }

    /** The signature algorithms the server accepts in user authentication (RFC 8308 §3.1). */
    public static final String SERVER_SIG_ALGS = "server-sig-algs";

    /** Compression that starts at {@code SSH_MSG_NEWCOMPRESS} (RFC 8308 §3.2). */
    public static final String DELAY_COMPRESSION = "delay-compression";

    /** Channel flow control may be disabled, "p" or "s" (RFC 8308 §3.3). */
    public static final String NO_FLOW_CONTROL = "no-flow-control";

    /** Windows session elevation, "y", "n" or "d" (RFC 8308 §3.4). */
    public static final String ELEVATION = "elevation";

    /**
     * The server accepts the {@code publickey-hostbound-v00@openssh.com} user authentication
     * method, which binds the signature to the host key (OpenSSH PROTOCOL, "host-bound public key
     * authentication"; OpenSSH 8.9 and later); value "0".
     */
    public static final String PUBLICKEY_HOSTBOUND = "publickey-hostbound@openssh.com";

    /** The peer answers {@code SSH2_MSG_PING} with {@code SSH2_MSG_PONG} (OpenSSH PROTOCOL §1.9); value "0". */
    public static final String PING = "ping@openssh.com";
}
