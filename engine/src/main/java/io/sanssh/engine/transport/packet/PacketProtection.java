package io.sanssh.engine.transport.packet;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * The encryption and MAC algorithms of the binary packet protocol: their SSH names in default
 * preference order, the key sizes key exchange must derive (RFC 4253 §7.2), and factories for the
 * {@link PacketSealer} and {@link PacketOpener} of one direction.
 *
 * <p>Ciphers: {@code aes128-gcm@openssh.com} and {@code aes256-gcm@openssh.com} (RFC 5647),
 * {@code chacha20-poly1305@openssh.com} (OpenSSH PROTOCOL.chacha20poly1305), and
 * {@code aes128-ctr}, {@code aes192-ctr}, {@code aes256-ctr} (RFC 4344). AES-GCM leads the
 * default order because the JDK 17 runs it about fifteen times faster than ChaCha20-Poly1305 (see
 * DESIGN.md, "Crypto"). The first three are AEAD ciphers: with them the negotiated MAC is ignored
 * (RFC 5647 §5.1 as amended by OpenSSH PROTOCOL §1.6), and no MAC key is derived.
 *
 * <p>MACs, for the CTR ciphers: HMAC-SHA2-256/512 (RFC 6668) and HMAC-SHA1 (RFC 4253 §6.4), each
 * in the RFC 4253 encrypt-and-MAC form and OpenSSH's {@code -etm@openssh.com} encrypt-then-MAC
 * form, EtM first.
 *
 * <p>Unknown names and keys of the wrong size are local misuse: {@link IllegalArgumentException}.
 */
public final class PacketProtection {
    private static final List<String> CIPHERS;
    private static final List<String> MACS;

    static {
        String[] ciphers = new String[CipherSpec.values().length];
        for (CipherSpec c : CipherSpec.values()) {
            ciphers[c.ordinal()] = c.sshName;
        }
        CIPHERS = List.of(ciphers);
        String[] macs = new String[MacSpec.values().length];
        for (MacSpec m : MacSpec.values()) {
            macs[m.ordinal()] = m.sshName;
        }
        MACS = List.of(macs);
    }

    private PacketProtection() {
    }

    /** The supported cipher names, most preferred first: the default client and server proposal. */
    public static List<String> supportedCiphers() {
        return CIPHERS;
    }

    /** The supported MAC names, most preferred first: the default client and server proposal. */
    public static List<String> supportedMacs() {
        return MACS;
    }

    /**
     * Whether {@code cipher} authenticates packets itself (AES-GCM, chacha20-poly1305). If so, the
     * MAC negotiated in KEXINIT is ignored and may even fail to match (OpenSSH PROTOCOL §1.6).
     */
    public static boolean isAead(String cipher) {
        return CipherSpec.of(cipher).isAead();
    }

    /** The encryption key length in bytes that key derivation must produce for {@code cipher}. */
    public static int keyLength(String cipher) {
        return CipherSpec.of(cipher).keyLength;
    }

    /** The IV length in bytes that key derivation must produce for {@code cipher} (0 for chacha). */
    public static int ivLength(String cipher) {
        return CipherSpec.of(cipher).ivLength;
    }

    /** The integrity key length in bytes that key derivation must produce for {@code mac}. */
    public static int macKeyLength(String mac) {
        return MacSpec.of(mac).length;
    }

    /** The cipher block size in bytes (16 for AES, 8 for chacha20-poly1305). */
    public static int blockSize(String cipher) {
        return CipherSpec.of(cipher).blockSize;
    }

    /**
     * A sealer for one outbound direction, to install right after sending {@code SSH_MSG_NEWKEYS}
     * (RFC 4253 §7.3). The arrays are copied; the caller may wipe them afterwards.
     *
     * @param cipher a name from {@link #supportedCiphers()}
     * @param macOrNull a name from {@link #supportedMacs()}; ignored for AEAD ciphers, required
     *     otherwise
     * @param key exactly {@link #keyLength} bytes
     * @param iv exactly {@link #ivLength} bytes
     * @param macKeyOrNull exactly {@link #macKeyLength} bytes for a non-AEAD cipher; ignored otherwise
     * @param padding the source of random padding bytes (the connection's injected randomness)
     */
    public static PacketSealer sealer(String cipher, String macOrNull, byte[] key, byte[] iv,
            byte[] macKeyOrNull, SecureRandom padding) {
        Objects.requireNonNull(padding, "padding");
        CipherSpec c = CipherSpec.of(cipher);
        check(c, key, iv);
        return switch (c.kind) {
            case GCM -> new AesGcm.Sealer(key, iv, padding);
            case CHACHA20_POLY1305 -> new ChaCha20Poly1305.Sealer(key, padding);
            case CTR -> {
                MacSpec m = mac(macOrNull, macKeyOrNull);
                yield new CtrHmac.Sealer(c, m, key, iv, macKeyOrNull, padding);
            }
        };
    }

    /**
     * An opener for one inbound direction, to hand to {@link PacketReader#changeKeys} right after
     * the peer's {@code SSH_MSG_NEWKEYS} was read (RFC 4253 §7.3). Arguments as for
     * {@link #sealer}, with the keys of the other direction.
     */
    public static PacketOpener opener(String cipher, String macOrNull, byte[] key, byte[] iv, byte[] macKeyOrNull) {
        CipherSpec c = CipherSpec.of(cipher);
        check(c, key, iv);
        return switch (c.kind) {
            case GCM -> new AesGcm.Opener(key, iv);
            case CHACHA20_POLY1305 -> new ChaCha20Poly1305.Opener(key);
            case CTR -> {
                MacSpec m = mac(macOrNull, macKeyOrNull);
                yield new CtrHmac.Opener(c, m, key, iv, macKeyOrNull);
            }
        };
    }

    /**
     * The sealer for the first packets of a connection, before the first {@code SSH_MSG_NEWKEYS}:
     * no cipher, no MAC, 8-byte alignment and random padding (RFC 4253 §6).
     */
    public static PacketSealer plaintextSealer(SecureRandom padding) {
        return new Plaintext.Sealer(padding);
    }

    /** The opener matching {@link #plaintextSealer}; a new {@link PacketReader} starts with one. */
    public static PacketOpener plaintextOpener() {
        return new Plaintext.Opener();
    }

    private static void check(CipherSpec c, byte[] key, byte[] iv) {
        if (key.length != c.keyLength) {
            throw new IllegalArgumentException(c.sshName + " needs a " + c.keyLength + "-byte key, got " + key.length);
        }
        int ivLength = iv == null ? 0 : iv.length;
        if (ivLength != c.ivLength) {
            throw new IllegalArgumentException(c.sshName + " needs a " + c.ivLength + "-byte IV, got " + ivLength);
        }
    }

    private static MacSpec mac(String macOrNull, byte[] macKeyOrNull) {
        if (macOrNull == null) {
            throw new IllegalArgumentException("a non-AEAD cipher needs a MAC");
        }
        MacSpec m = MacSpec.of(macOrNull);
        if (macKeyOrNull == null || macKeyOrNull.length != m.length) {
            throw new IllegalArgumentException(m.sshName + " needs a " + m.length + "-byte key, got "
                    + (macKeyOrNull == null ? "none" : macKeyOrNull.length));
        }
        return m;
    }
}
