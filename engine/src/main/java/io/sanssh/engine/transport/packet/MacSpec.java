package io.sanssh.engine.transport.packet;

/**
 * The MAC algorithms Sanssh speaks: HMAC with SHA-2 (RFC 6668) and SHA-1 (RFC 4253 §6.4), each in
 * the RFC 4253 encrypt-and-MAC order and in OpenSSH's encrypt-then-MAC order (OpenSSH PROTOCOL
 * §1.5). Declared in default preference order: EtM first, since it never decrypts unauthenticated
 * bytes.
 */
enum MacSpec {
    HMAC_SHA2_256_ETM("hmac-sha2-256-etm@openssh.com", "HmacSHA256", 32, true),
    HMAC_SHA2_512_ETM("hmac-sha2-512-etm@openssh.com", "HmacSHA512", 64, true),
    HMAC_SHA2_256("hmac-sha2-256", "HmacSHA256", 32, false),
    HMAC_SHA2_512("hmac-sha2-512", "HmacSHA512", 64, false),
    HMAC_SHA1_ETM("hmac-sha1-etm@openssh.com", "HmacSHA1", 20, true),
    HMAC_SHA1("hmac-sha1", "HmacSHA1", 20, false);

    final String sshName;
    final String jcaName;
    /** Key length and tag length: equal for every HMAC here (RFC 4253 §6.4, RFC 6668 §2). */
    final int length;
    final boolean encryptThenMac;

    MacSpec(String sshName, String jcaName, int length, boolean encryptThenMac) {
        this.sshName = sshName;
        this.jcaName = jcaName;
        this.length = length;
        this.encryptThenMac = encryptThenMac;
    }

    /** The spec for an SSH MAC name; {@link IllegalArgumentException} for an unknown one. */
    static MacSpec of(String sshName) {
        for (MacSpec m : values()) {
            if (m.sshName.equals(sshName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unsupported MAC: " + sshName);
    }
}
