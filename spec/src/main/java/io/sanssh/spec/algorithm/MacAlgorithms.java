package io.sanssh.spec.algorithm;

/**
 * MAC algorithm names, as used in the {@code mac_algorithms_*} name-lists of
 * {@code SSH_MSG_KEXINIT} (RFC 4253 §6.4, §7.1).
 */
public final class MacAlgorithms {
    private MacAlgorithms() {
    }

    /** HMAC-SHA-256 over the ciphertext, encrypt-then-MAC (OpenSSH PROTOCOL §1.5). */
    public static final String HMAC_SHA2_256_ETM = "hmac-sha2-256-etm@openssh.com";

    /** HMAC-SHA-512 over the ciphertext, encrypt-then-MAC (OpenSSH PROTOCOL §1.5). */
    public static final String HMAC_SHA2_512_ETM = "hmac-sha2-512-etm@openssh.com";

    /** HMAC-SHA-256 over the plaintext (RFC 6668 §2). */
    public static final String HMAC_SHA2_256 = "hmac-sha2-256";

    /** HMAC-SHA-512 over the plaintext (RFC 6668 §2). */
    public static final String HMAC_SHA2_512 = "hmac-sha2-512";

    /** HMAC-SHA-1 over the plaintext (RFC 4253 §6.4). */
    public static final String HMAC_SHA1 = "hmac-sha1";

    /** HMAC-SHA-1 over the ciphertext, encrypt-then-MAC (OpenSSH PROTOCOL §1.5). */
    public static final String HMAC_SHA1_ETM = "hmac-sha1-etm@openssh.com";

    /** No MAC (RFC 4253 §6.4): the state before the first NEWKEYS, or beside an AEAD cipher. */
    public static final String NONE = "none";

    /**
     * Whether {@code name} is an encrypt-then-MAC variant: the packet length is sent in clear and
     * the MAC covers the ciphertext (OpenSSH PROTOCOL §1.5).
     */
    public static boolean isEncryptThenMac(String name) {
        return name.endsWith("-etm@openssh.com");
    }
}
