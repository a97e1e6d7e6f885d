package io.sanssh.engine.kex.method;

/**
 * The message shapes a key exchange method uses; mirrors the spec module's {@code KexFamily}.
 *
 * <p>The key exchange state machine picks its expected messages from the shape alone, so a new
 * method that reuses a shape needs no new states.
 */
public enum KexShape {
    /**
     * {@code SSH_MSG_KEXDH_INIT} (30) with {@code mpint e}, then {@code SSH_MSG_KEXDH_REPLY} (31)
     * with {@code mpint f} (RFC 4253 §8). Public values are unsigned magnitudes.
     */
    DH,

    /**
     * {@code SSH_MSG_KEX_ECDH_INIT} (30) with {@code string Q_C}, then
     * {@code SSH_MSG_KEX_ECDH_REPLY} (31) with {@code string Q_S} (RFC 5656 §4). Used by the NIST
     * curves, curve25519 (RFC 8731) and the post-quantum hybrids, whose public values are opaque
     * byte strings.
     */
    ECDH,

    /**
     * Diffie-Hellman group exchange (RFC 4419): {@code SSH_MSG_KEX_DH_GEX_REQUEST} (34),
     * {@code GROUP} (31), {@code INIT} (32) with {@code mpint e}, {@code REPLY} (33) with
     * {@code mpint f}. The group comes from {@link GroupExchange}; the agreement from
     * {@link KexMethods#dh}.
     */
    GROUP_EXCHANGE
}
