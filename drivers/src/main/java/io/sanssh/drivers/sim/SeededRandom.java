package io.sanssh.drivers.sim;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The deterministic random bit generator the simulator hands to engines (DESIGN.md: "the simulator
 * passes a seeded DRBG"). SUN's SHA1PRNG produces a fixed stream when seeded before its first use,
 * which is exactly what a reproducible run needs and exactly what production must never use.
 */
public final class SeededRandom {
    private SeededRandom() {
    }

    /**
     * A {@link SecureRandom} whose whole output is a function of {@code seed} and {@code stream}:
     * give each engine of a run its own stream number.
     */
    public static SecureRandom create(long seed, long stream) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
            r.setSeed(mix(seed, stream));
            return r;
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException("SHA1PRNG from the SUN provider is required for seeded runs", e);
        }
    }

    /** Combines two numbers into one seed (SplitMix64 finaliser), so nearby seeds diverge. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
