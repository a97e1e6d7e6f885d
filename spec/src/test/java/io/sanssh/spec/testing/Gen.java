package io.sanssh.spec.testing;

import io.sanssh.spec.wire.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random values for round-trip tests: the same seed gives the same values on every run,
 * so a failure is reproduced by its seed alone.
 */
public final class Gen {
    private static final String NAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+=/:";
    private static final String TEXT_EXTRA = " \u00e9\u00df\u4e2d\u6587\ud83d\ude00\n\t";

    private final long seed;
    private final SplittableRandom rnd;

    /** A generator for {@code seed}. */
    public Gen(long seed) {
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
    }

    /** The seed this generator started from; print it when a check fails. */
    public long seed() {
        return seed;
    }

    /** A uniform int in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    /** A uniform int in {@code [lo, hi]}. */
    public int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    /** Any 32-bit value, biased towards edges (0, 1, max). */
    public int anyInt() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE;
            default -> rnd.nextInt();
        };
    }

    /** A uint32 value in 0..2^32-1, biased towards edges. */
    public long uint32() {
        return anyInt() & 0xffffffffL;
    }

    /** Any 64-bit value, biased towards edges. */
    public long anyLong() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MAX_VALUE;
            default -> rnd.nextLong();
        };
    }

    /** A fair coin. */
    public boolean bool() {
        return rnd.nextBoolean();
    }

    /** Random bytes of a length in {@code [0, maxLen]}. */
    public Bytes bytes(int maxLen) {
        return bytesOfLength(rnd.nextInt(maxLen + 1));
    }

    /** Random bytes of exactly {@code len}. */
    public Bytes bytesOfLength(int len) {
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return Bytes.wrap(b);
    }

    /** A raw byte array of exactly {@code len}. */
    public byte[] rawBytes(int len) {
        byte[] b = new byte[len];
        rnd.nextBytes(b);
        return b;
    }

    /** A non-empty algorithm-style name: printable ASCII, no comma. */
    public String name() {
        int len = 1 + rnd.nextInt(24);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(NAME_CHARS.charAt(rnd.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    /** A possibly empty name-list. */
    public List<String> nameList() {
        int n = rnd.nextInt(5);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(name());
        }
        return List.copyOf(names);
    }

    /** UTF-8 text, possibly empty, with non-ASCII characters mixed in. */
    public String text() {
        int len = rnd.nextInt(20);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (rnd.nextInt(4) == 0) {
                int j = rnd.nextInt(TEXT_EXTRA.length());
                char c = TEXT_EXTRA.charAt(j);
                if (Character.isHighSurrogate(c)) {
                    sb.append(c).append(TEXT_EXTRA.charAt(j + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    sb.append(c);
                }
            } else {
                sb.append(NAME_CHARS.charAt(rnd.nextInt(NAME_CHARS.length())));
            }
        }
        return sb.toString();
    }

    /** A signed big integer, including zero and values with high bits set. */
    public BigInteger mpint() {
        return switch (rnd.nextInt(5)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(rnd.nextInt(256) - 128);
            default -> {
                BigInteger v = new BigInteger(1 + rnd.nextInt(600), new java.util.Random(rnd.nextLong()));
                yield rnd.nextBoolean() ? v : v.negate();
            }
        };
    }

    /** A non-negative big integer. */
    public BigInteger positiveMpint() {
        return mpint().abs();
    }

    /** One of {@code options}. */
    @SafeVarargs
    public final <T> T oneOf(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    /** One of {@code options}. */
    public <T> T oneOf(List<T> options) {
        return options.get(rnd.nextInt(options.size()));
    }
}
