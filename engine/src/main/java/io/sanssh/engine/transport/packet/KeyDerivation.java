package io.sanssh.engine.transport.packet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Derives the six keys of a connection from a key exchange's shared secret (RFC 4253 §7.2).
 *
 * <pre>
 *   K1 = HASH(K || H || X || session_id)      X = 'A' .. 'F'
 *   K2 = HASH(K || H || K1)
 *   K3 = HASH(K || H || K1 || K2)  ...       key = K1 || K2 || K3 || ... cut to length
 * </pre>
 *
 * <p>The letters: 'A' IV client to server, 'B' IV server to client, 'C' and 'D' the encryption
 * keys in the same order, 'E' and 'F' the integrity keys.
 */
public final class KeyDerivation {
    private KeyDerivation() {
    }

    /**
     * Derives one key. Call it once per letter after the key exchange has produced {@code K} and
     * {@code H}, before sending {@code SSH_MSG_NEWKEYS}; size each key with
     * {@link PacketProtection#keyLength}, {@link PacketProtection#ivLength} or
     * {@link PacketProtection#macKeyLength}.
     *
     * @param hashAlgorithm the key exchange's hash as a JCA name: SHA-1, SHA-256, SHA-384, SHA-512
     * @param encodedK the shared secret exactly as it enters the hash: the {@code mpint} encoding
     *     with its length prefix (or the {@code string} encoding for methods that say so)
     * @param exchangeHash H of this key exchange
     * @param sessionId H of the connection's first key exchange
     * @param letter 'A' to 'F'
     * @param length the key length in bytes, 0 or more
     * @return a fresh array of exactly {@code length} bytes
     */
    public static byte[] derive(String hashAlgorithm, byte[] encodedK, byte[] exchangeHash, byte[] sessionId,
            char letter, int length) {
        if (letter < 'A' || letter > 'F') {
            throw new IllegalArgumentException("key letter must be 'A'..'F', got '" + letter + "'");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative key length " + length);
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(hashAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown hash " + hashAlgorithm, e);
        }
        int hashLength = md.getDigestLength();
        byte[] out = new byte[roundUp(length, hashLength)];
        md.update(encodedK);
        md.update(exchangeHash);
        md.update((byte) letter);
        md.update(sessionId);
        int have = 0;
        if (length > 0) {
            System.arraycopy(md.digest(), 0, out, 0, hashLength);
            have = hashLength;
        }
        while (have < length) {
            md.update(encodedK);
            md.update(exchangeHash);
            md.update(out, 0, have);
            System.arraycopy(md.digest(), 0, out, have, hashLength);
            have += hashLength;
        }
        byte[] key = Arrays.copyOf(out, length);
        Arrays.fill(out, (byte) 0);
        return key;
    }

    private static int roundUp(int length, int unit) {
        return Math.max(unit, (length + unit - 1) / unit * unit);
    }
}
