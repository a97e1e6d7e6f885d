package io.sanssh.engine.kex.method;

import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Test helpers: seeded randomness and hex. */
final class Seeded {
    private Seeded() {
    }

    /**
     * A deterministic SecureRandom: SUN's SHA1PRNG seeded before first use produces only what
     * the seed determines.
     */
    static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
