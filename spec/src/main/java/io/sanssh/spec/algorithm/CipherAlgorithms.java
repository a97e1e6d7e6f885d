package io.sanssh.spec.algorithm;

/**
 * Encryption algorithm names, as used in the {@code encryption_algorithms_*} name-lists of
 * {@code SSH_MSG_KEXINIT} (RFC 4253 §6.3, §7.1).
 *
 * <p>The two AES-GCM names and ChaCha20-Poly1305 are authenticated encryption: when one is chosen
 * the negotiated MAC is ignored (OpenSSH PROTOCOL §1.6).
 */
public final class CipherAlgorithms {
    private CipherAlgorithms() {
    }

    /** ChaCha20 with Poly1305, OpenSSH's construction (OpenSSH PROTOCOL.chacha20poly1305). */
    public static final String CHACHA20_POLY1305 = "chacha20-poly1305@openssh.com";

    /** AES-128 in GCM mode (RFC 5647, with OpenSSH's negotiation rules, PROTOCOL §1.6). */
    public static final String AES128_GCM = "aes128-gcm@openssh.com";

    /** AES-256 in GCM mode (RFC 5647, with OpenSSH's negotiation rules, PROTOCOL §1.6). */
    public static final String AES256_GCM = "aes256-gcm@openssh.com";

    /** AES-128 in counter mode (RFC 4344 §4). */
    public static final String AES128_CTR = "aes128-ctr";

    /** AES-192 in counter mode (RFC 4344 §4). */
    public static final String AES192_CTR = "aes192-ctr";

    /** AES-256 in counter mode (RFC 4344 §4). */
    public static final String AES256_CTR = "aes256-ctr";

    /** No encryption (RFC 4253 §6.3): the state before the first NEWKEYS; never offered. */
    public static final String NONE = "none";

    /** Whether {@code name} is an authenticated cipher, for which no separate MAC is used. */
    public static boolean isAead(String name) {
        return CHACHA20_POLY1305.equals(name) || AES128_GCM.equals(name) || AES256_GCM.equals(name);
    }
}
