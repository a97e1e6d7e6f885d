package io.sanssh.engine.testing;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Seeded, reproducible SecureRandom for tests (SHA1PRNG is deterministic when seeded before use). */
public final class TestRandom {
    private TestRandom() {
    }

    /** A SecureRandom whose output depends only on {@code seed}. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
