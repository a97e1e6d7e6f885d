package io.sanssh.engine.transport.packet;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One cipher and MAC pairing with a fixed set of keys, for tests: every supported cipher once with
 * each MAC it can use (AEAD ciphers with none), and "none" for the plaintext state.
 */
record Combo(String cipher, String mac, byte[] key, byte[] iv, byte[] macKey) {
    static final String NONE = "none";

    /** Every supported pairing, keyed from {@code seed}. */
    static List<Combo> all(long seed) {
        Random r = new Random(seed);
        List<Combo> out = new ArrayList<>();
        for (String c : PacketProtection.supportedCiphers()) {
            if (PacketProtection.isAead(c)) {
                out.add(keyed(c, null, r));
            } else {
                for (String m : PacketProtection.supportedMacs()) {
                    out.add(keyed(c, m, r));
                }
            }
        }
        return out;
    }

    /** Every pairing plus the plaintext state. */
    static List<Combo> allWithPlaintext(long seed) {
        List<Combo> out = new ArrayList<>(all(seed));
        out.add(new Combo(NONE, null, new byte[0], new byte[0], null));
        return out;
    }

    static Combo keyed(String cipher, String mac, Random r) {
        byte[] key = bytes(r, PacketProtection.keyLength(cipher));
        byte[] iv = bytes(r, PacketProtection.ivLength(cipher));
        byte[] macKey = mac == null ? null : bytes(r, PacketProtection.macKeyLength(mac));
        return new Combo(cipher, mac, key, iv, macKey);
    }

    boolean plaintext() {
        return cipher.equals(NONE);
    }

    PacketSealer sealer(SecureRandom padding) {
        return plaintext() ? PacketProtection.plaintextSealer(padding)
                : PacketProtection.sealer(cipher, mac, key, iv, macKey, padding);
    }

    PacketOpener opener() {
        return plaintext() ? PacketProtection.plaintextOpener()
                : PacketProtection.opener(cipher, mac, key, iv, macKey);
    }

    /** A reader already switched to this pairing's keys. */
    PacketReader reader(int maxPacketLength) {
        PacketReader reader = new PacketReader(maxPacketLength);
        reader.changeKeys(opener());
        return reader;
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** A SecureRandom whose output depends only on {@code seed}. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom s = SecureRandom.getInstance("SHA1PRNG");
            s.setSeed(seed);
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return mac == null ? cipher : cipher + "+" + mac;
    }
}
