package io.sanssh.spec.algorithm;

/**
 * Public key and signature algorithm names, as used in the {@code server_host_key_algorithms}
 * name-list of {@code SSH_MSG_KEXINIT} (RFC 4253 §7.1), in user authentication (RFC 4252 §7) and
 * in the {@code server-sig-algs} extension (RFC 8308 §3.1).
 *
 * <p>Since RFC 8332 the name of a signature algorithm can differ from the name of its key type:
 * an {@code ssh-rsa} key signs as {@code rsa-sha2-256} or {@code rsa-sha2-512}.
 */
public final class HostKeyAlgorithms {
    private HostKeyAlgorithms() {
    }

    /** Ed25519 (RFC 8709 §4). */
    public static final String SSH_ED25519 = "ssh-ed25519";

    /** ECDSA over NIST P-256 with SHA-256 (RFC 5656 §6.2). */
    public static final String ECDSA_SHA2_NISTP256 = "ecdsa-sha2-nistp256";

    /** ECDSA over NIST P-384 with SHA-384 (RFC 5656 §6.2). */
    public static final String ECDSA_SHA2_NISTP384 = "ecdsa-sha2-nistp384";

    /** ECDSA over NIST P-521 with SHA-512 (RFC 5656 §6.2). */
    public static final String ECDSA_SHA2_NISTP521 = "ecdsa-sha2-nistp521";

    /** RSA PKCS#1 v1.5 signatures with SHA-512 over an {@code ssh-rsa} key (RFC 8332 §3). */
    public static final String RSA_SHA2_512 = "rsa-sha2-512";

    /** RSA PKCS#1 v1.5 signatures with SHA-256 over an {@code ssh-rsa} key (RFC 8332 §3). */
    public static final String RSA_SHA2_256 = "rsa-sha2-256";

    /**
     * The RSA key type (RFC 4253 §6.6); as a signature algorithm it means SHA-1 and is deprecated
     * (RFC 8332 §3). The key blob of every RSA signature algorithm still carries this name.
     */
    public static final String SSH_RSA = "ssh-rsa";

    /** FIDO security-key Ed25519 (OpenSSH PROTOCOL.u2f); appears in {@code server-sig-algs}. */
    public static final String SK_SSH_ED25519 = "sk-ssh-ed25519@openssh.com";

    /** FIDO security-key ECDSA P-256 (OpenSSH PROTOCOL.u2f); appears in {@code server-sig-algs}. */
    public static final String SK_ECDSA_SHA2_NISTP256 = "sk-ecdsa-sha2-nistp256@openssh.com";

    /** OpenSSH certificate over an Ed25519 key (OpenSSH PROTOCOL.certkeys). */
    public static final String SSH_ED25519_CERT_V01 = "ssh-ed25519-cert-v01@openssh.com";

    /** OpenSSH certificate over an ECDSA P-256 key (OpenSSH PROTOCOL.certkeys). */
    public static final String ECDSA_SHA2_NISTP256_CERT_V01 = "ecdsa-sha2-nistp256-cert-v01@openssh.com";

    /** OpenSSH certificate over an ECDSA P-384 key (OpenSSH PROTOCOL.certkeys). */
    public static final String ECDSA_SHA2_NISTP384_CERT_V01 = "ecdsa-sha2-nistp384-cert-v01@openssh.com";

    /** OpenSSH certificate over an ECDSA P-521 key (OpenSSH PROTOCOL.certkeys). */
    public static final String ECDSA_SHA2_NISTP521_CERT_V01 = "ecdsa-sha2-nistp521-cert-v01@openssh.com";

    /** OpenSSH certificate over an RSA key, signing with SHA-512 (OpenSSH PROTOCOL.certkeys). */
    public static final String RSA_SHA2_512_CERT_V01 = "rsa-sha2-512-cert-v01@openssh.com";

    /** OpenSSH certificate over an RSA key, signing with SHA-256 (OpenSSH PROTOCOL.certkeys). */
    public static final String RSA_SHA2_256_CERT_V01 = "rsa-sha2-256-cert-v01@openssh.com";

    /** OpenSSH certificate over an RSA key, signing with SHA-1 (OpenSSH PROTOCOL.certkeys). */
    public static final String SSH_RSA_CERT_V01 = "ssh-rsa-cert-v01@openssh.com";

    /** Whether {@code name} is an OpenSSH certificate algorithm ({@code *-cert-v01@openssh.com}). */
    public static boolean isCertificate(String name) {
        return name.endsWith("-cert-v01@openssh.com");
    }
}
