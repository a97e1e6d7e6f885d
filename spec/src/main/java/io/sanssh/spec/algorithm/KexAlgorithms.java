package io.sanssh.spec.algorithm;

/**
 * Key exchange method names, as they appear in the {@code kex_algorithms} name-list of
 * {@code SSH_MSG_KEXINIT} (RFC 4253 §7.1), with the pseudo-algorithms that only signal a feature.
 *
 * <p>Names are compared byte for byte; order of preference is a policy of the engine, not of this
 * class. Which message shapes a method uses is given by {@link io.sanssh.spec.kex.KexFamily}.
 */
public final class KexAlgorithms {
    private KexAlgorithms() {
    }

    /**
     * ML-KEM-768 combined with X25519, SHA-256 (draft-ietf-sshm-mlkem-hybrid-kex). Post-quantum
     * hybrid; uses the ECDH message shapes with opaque string values.
     */
    public static final String MLKEM768_X25519_SHA256 = "mlkem768x25519-sha256";

    /** Streamlined NTRU Prime sntrup761 combined with X25519, SHA-512 (draft-ietf-sshm-ntruprime-ssh). */
    public static final String SNTRUP761_X25519_SHA512 = "sntrup761x25519-sha512";

    /** The same method under OpenSSH's earlier private name (OpenSSH 9.0 and later). */
    public static final String SNTRUP761_X25519_SHA512_OPENSSH = "sntrup761x25519-sha512@openssh.com";

    /** X25519 ECDH with SHA-256 (RFC 8731 §3). */
    public static final String CURVE25519_SHA256 = "curve25519-sha256";

    /** The same method under libssh's pre-RFC name (RFC 8731 §3, OpenSSH PROTOCOL §1.8). */
    public static final String CURVE25519_SHA256_LIBSSH = "curve25519-sha256@libssh.org";

    /** ECDH over NIST P-256 with SHA-256 (RFC 5656 §6.3). */
    public static final String ECDH_SHA2_NISTP256 = "ecdh-sha2-nistp256";

    /** ECDH over NIST P-384 with SHA-384 (RFC 5656 §6.3). */
    public static final String ECDH_SHA2_NISTP384 = "ecdh-sha2-nistp384";

    /** ECDH over NIST P-521 with SHA-512 (RFC 5656 §6.3). */
    public static final String ECDH_SHA2_NISTP521 = "ecdh-sha2-nistp521";

    /** Finite field DH, 2048-bit MODP group 14 with SHA-256 (RFC 8268 §3). */
    public static final String DH_GROUP14_SHA256 = "diffie-hellman-group14-sha256";

    /** Finite field DH, 4096-bit MODP group 16 with SHA-512 (RFC 8268 §3). */
    public static final String DH_GROUP16_SHA512 = "diffie-hellman-group16-sha512";

    /** Finite field DH, 8192-bit MODP group 18 with SHA-512 (RFC 8268 §3). */
    public static final String DH_GROUP18_SHA512 = "diffie-hellman-group18-sha512";

    /** DH group exchange with SHA-256: the server picks the group (RFC 4419 §4.2). */
    public static final String DH_GROUP_EXCHANGE_SHA256 = "diffie-hellman-group-exchange-sha256";

    /** Group 14 with SHA-1 (RFC 4253 §8.2); SHA-1 makes it a last resort (RFC 9142 §3.2: MAY). */
    public static final String DH_GROUP14_SHA1 = "diffie-hellman-group14-sha1";

    /**
     * 1024-bit Oakley group 2 with SHA-1 (RFC 4253 §8.1). Named so a peer's offer can be recognised
     * and logged; RFC 9142 §3.2 says SHOULD NOT, and this library never offers it.
     */
    public static final String DH_GROUP1_SHA1 = "diffie-hellman-group1-sha1";

    /** Client pseudo-algorithm: "send me SSH_MSG_EXT_INFO" (RFC 8308 §2.1). Never negotiated. */
    public static final String EXT_INFO_C = "ext-info-c";

    /** Server pseudo-algorithm: "I accept SSH_MSG_EXT_INFO" (RFC 8308 §2.1). Never negotiated. */
    public static final String EXT_INFO_S = "ext-info-s";

    /**
     * Client pseudo-algorithm for strict key exchange, the Terrapin countermeasure (OpenSSH
     * PROTOCOL §1.10): only KEX messages during the first exchange, sequence numbers reset at each
     * NEWKEYS. Never negotiated; only recognised in the first KEXINIT.
     */
    public static final String KEX_STRICT_C_V00 = "kex-strict-c-v00@openssh.com";

    /** Server pseudo-algorithm for strict key exchange (OpenSSH PROTOCOL §1.10). */
    public static final String KEX_STRICT_S_V00 = "kex-strict-s-v00@openssh.com";

    /**
     * Whether {@code name} only signals a feature (ext-info, strict KEX) and must be skipped when
     * choosing the key exchange method (RFC 8308 §2.1, OpenSSH PROTOCOL §1.10).
     */
    public static boolean isSignal(String name) {
        return EXT_INFO_C.equals(name) || EXT_INFO_S.equals(name)
                || KEX_STRICT_C_V00.equals(name) || KEX_STRICT_S_V00.equals(name);
    }
}
