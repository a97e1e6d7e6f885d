package io.sanssh.engine.keys;

/**
 * The public key signature algorithms Sanssh speaks, with the key type each one belongs to.
 *
 * <p>An SSH signature algorithm name appears in three places: the server host key algorithms of
 * {@code SSH_MSG_KEXINIT}, the "public key algorithm name" of a {@code publickey} user auth
 * request, and the first field of a signature blob (RFC 4253 §6.6). For RSA the three differ from
 * the key type: an {@code ssh-rsa} key signs as {@code rsa-sha2-512}, {@code rsa-sha2-256}
 * (RFC 8332) or, opt-in only, {@code ssh-rsa} with SHA-1. Certificates (OpenSSH
 * PROTOCOL.certkeys) have their own names for negotiation, but their signature blobs carry the
 * plain name: {@link #fromName} maps both spellings to one constant.
 *
 * <p>{@link #SSH_RSA} signs with SHA-1 and is a legacy algorithm: proposals should leave it out
 * unless a user opts in for an old peer.
 */
public enum SignatureAlgorithm {
    /** Ed25519, RFC 8709. */
    SSH_ED25519("ssh-ed25519", PublicKeys.ED25519, "ssh-ed25519-cert-v01@openssh.com", null),
    /** ECDSA on NIST P-256 with SHA-256, RFC 5656 §3.1.2. */
    ECDSA_SHA2_NISTP256("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "SHA-256"),
    /** ECDSA on NIST P-384 with SHA-384, RFC 5656 §3.1.2. */
    ECDSA_SHA2_NISTP384("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "SHA-384"),
    /** ECDSA on NIST P-521 with SHA-512, RFC 5656 §3.1.2. */
    ECDSA_SHA2_NISTP521("ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "SHA-512"),
    /** RSASSA-PKCS1-v1_5 with SHA-512, RFC 8332. */
    RSA_SHA2_512("rsa-sha2-512", PublicKeys.RSA, "rsa-sha2-512-cert-v01@openssh.com", "SHA-512"),
    /** RSASSA-PKCS1-v1_5 with SHA-256, RFC 8332. */
    RSA_SHA2_256("rsa-sha2-256", PublicKeys.RSA, "rsa-sha2-256-cert-v01@openssh.com", "SHA-256"),
    /** RSASSA-PKCS1-v1_5 with SHA-1, RFC 4253 §6.6. Legacy: opt-in only. */
    SSH_RSA("ssh-rsa", PublicKeys.RSA, "ssh-rsa-cert-v01@openssh.com", "SHA-1");

    private final String wireName;
    private final String keyType;
    private final String certificateName;
    private final String digest;

    SignatureAlgorithm(String wireName, String keyType, String certificateName, String digest) {
        this.wireName = wireName;
        this.keyType = keyType;
        this.certificateName = certificateName;
        this.digest = digest;
    }

    /** The name inside signature blobs and in negotiation for plain keys, e.g. {@code rsa-sha2-256}. */
    public String wireName() {
        return wireName;
    }

    /** The plain key type that signs with this algorithm, e.g. {@code ssh-rsa}. */
    public String keyType() {
        return keyType;
    }

    /**
     * The name used in negotiation when the key is an OpenSSH certificate, e.g.
     * {@code rsa-sha2-256-cert-v01@openssh.com}.
     */
    public String certificateName() {
        return certificateName;
    }

    /** Whether this is {@code ssh-rsa}, which hashes with SHA-1 and must be opted into. */
    public boolean isLegacySha1() {
        return this == SSH_RSA;
    }

    /** The JDK {@code MessageDigest} name, or {@code null} for Ed25519 (which hashes inside). */
    String digest() {
        return digest;
    }

    /**
     * Looks up an algorithm by its plain or certificate name.
     *
     * @return the algorithm, or {@code null} if the name is not one Sanssh knows
     */
    public static SignatureAlgorithm fromName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.wireName.equals(name) || a.certificateName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code name} is a certificate algorithm name ({@code *-cert-v01@openssh.com}). */
    public static boolean isCertificateName(String name) {
        return name.endsWith(PublicKeys.CERT_SUFFIX);
    }
}
