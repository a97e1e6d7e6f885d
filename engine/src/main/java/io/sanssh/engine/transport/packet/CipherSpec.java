package io.sanssh.engine.transport.packet;

/**
 * The encryption algorithms Sanssh speaks, with the sizes key exchange needs (RFC 4253 §7.2
 * derives exactly {@link #keyLength} and {@link #ivLength} bytes for each).
 *
 * <p>Declared in default preference order. AES-GCM comes first because the JDK has CPU intrinsics
 * for it (about 15 times the speed of ChaCha20-Poly1305 on JDK 17); see DESIGN.md, "Crypto".
 */
enum CipherSpec {
    /** RFC 5647 as OpenSSH negotiates it (OpenSSH PROTOCOL §1.6). */
    AES128_GCM("aes128-gcm@openssh.com", Kind.GCM, 16, 12, 16),
    AES256_GCM("aes256-gcm@openssh.com", Kind.GCM, 32, 12, 16),
    /** OpenSSH PROTOCOL.chacha20poly1305: K_2 (payload) then K_1 (length), 32 bytes each. */
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", Kind.CHACHA20_POLY1305, 64, 0, 8),
    /** RFC 4344 §4: AES in SDCTR mode, the IV being the initial 128-bit big-endian counter. */
    AES128_CTR("aes128-ctr", Kind.CTR, 16, 16, 16),
    AES192_CTR("aes192-ctr", Kind.CTR, 24, 16, 16),
    AES256_CTR("aes256-ctr", Kind.CTR, 32, 16, 16);

    /** How a cipher protects a packet. */
    enum Kind { GCM, CHACHA20_POLY1305, CTR }

    final String sshName;
    final Kind kind;
    final int keyLength;
    final int ivLength;
    final int blockSize;

    CipherSpec(String sshName, Kind kind, int keyLength, int ivLength, int blockSize) {
        this.sshName = sshName;
        this.kind = kind;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
    }

    /** Whether the cipher authenticates by itself, so that the negotiated MAC is ignored. */
    boolean isAead() {
        return kind != Kind.CTR;
    }

    /** The spec for an SSH cipher name; {@link IllegalArgumentException} for an unknown one. */
    static CipherSpec of(String sshName) {
        for (CipherSpec c : values()) {
            if (c.sshName.equals(sshName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unsupported cipher: " + sshName);
    }
}
