package io.sanssh.spec.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sanssh.spec.wire.SshFormatException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The properties every codec must have, as reusable assertions.
 *
 * <ul>
 *   <li>round trip: {@code decode(encode(x)) == x} and {@code encode(decode(b)) == b};
 *   <li>truncation: every proper prefix of a valid encoding is either rejected with
 *       {@link SshFormatException} or decodes to a value that re-encodes to that prefix;
 *   <li>mutation: random corruptions are either rejected with {@link SshFormatException} or decode
 *       to a value that re-encodes to the corrupted bytes. No other exception, ever.
 * </ul>
 */
public final class CodecAssertions {
    private CodecAssertions() {
    }

    /** Asserts that {@code value} survives encode then decode, and the bytes survive the reverse. */
    public static <T> void assertRoundTrip(T value, Function<T, byte[]> encode, Function<byte[], T> decode, long seed) {
        byte[] bytes = encode.apply(value);
        T back;
        try {
            back = decode.apply(bytes);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": decode failed for " + value + ": " + e, e);
        }
        assertEquals(value, back, "seed " + seed + ": decode(encode(x)) != x");
        assertArrayEquals(bytes, encode.apply(back), "seed " + seed + ": encode(decode(b)) != b for " + value);
    }

    /** Asserts that {@code golden} decodes to {@code expected} and that {@code expected} encodes to it. */
    public static <T> void assertGolden(byte[] golden, T expected, Function<T, byte[]> encode, Function<byte[], T> decode) {
        assertEquals(expected, decode.apply(golden), "golden bytes decode to the expected value");
        assertEquals(Hex.of(golden), Hex.of(encode.apply(expected)), "expected value encodes to the golden bytes");
    }

    /** Asserts the truncation property for every proper prefix of {@code valid}. */
    public static <T> void assertTruncationsSafe(byte[] valid, Function<T, byte[]> encode, Function<byte[], T> decode) {
        for (int len = 0; len < valid.length; len++) {
            byte[] prefix = Arrays.copyOf(valid, len);
            checkDecodeIsSafe(prefix, encode, decode, "prefix of length " + len);
        }
    }

    /** Asserts the mutation property for {@code rounds} random corruptions of {@code valid}. */
    public static <T> void assertMutationsSafe(byte[] valid, Function<T, byte[]> encode, Function<byte[], T> decode,
                                               long seed, int rounds) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < rounds; i++) {
            byte[] m = mutate(valid, rnd);
            checkDecodeIsSafe(m, encode, decode, "seed " + seed + " round " + i + " bytes " + Hex.of(m));
        }
    }

    /** Asserts that decoding {@code bytes} throws {@link SshFormatException}, and nothing else. */
    public static void assertRejected(byte[] bytes, Function<byte[], ?> decode) {
        try {
            Object v = decode.apply(bytes);
            fail("expected SshFormatException for " + Hex.of(bytes) + ", got " + v);
        } catch (SshFormatException expected) {
            // the typed error is the only acceptable outcome
        } catch (RuntimeException e) {
            throw new AssertionError("untyped " + e + " for " + Hex.of(bytes), e);
        }
    }

    private static <T> void checkDecodeIsSafe(byte[] bytes, Function<T, byte[]> encode, Function<byte[], T> decode,
                                              String what) {
        T v;
        try {
            v = decode.apply(bytes);
        } catch (SshFormatException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("untyped " + e + " decoding " + what, e);
        }
        byte[] again;
        try {
            again = encode.apply(v);
        } catch (RuntimeException e) {
            throw new AssertionError("decoded value cannot be re-encoded (" + what + "): " + v, e);
        }
        assertEquals(Hex.of(bytes), Hex.of(again), "accepted input must re-encode to itself: " + what);
    }

    private static byte[] mutate(byte[] valid, SplittableRandom rnd) {
        byte[] m = valid.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> { // flip bits
                if (m.length > 0) {
                    m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> { // a huge length where a length might be
                if (m.length >= 5) {
                    int at = 1 + rnd.nextInt(m.length - 4);
                    int v = rnd.nextBoolean() ? 0x7fffffff : 0x80000000 + rnd.nextInt(1 << 20);
                    m[at] = (byte) (v >>> 24);
                    m[at + 1] = (byte) (v >>> 16);
                    m[at + 2] = (byte) (v >>> 8);
                    m[at + 3] = (byte) v;
                }
            }
            case 2 -> { // drop a tail
                m = Arrays.copyOf(m, rnd.nextInt(m.length + 1));
            }
            case 3 -> { // append garbage
                int extra = 1 + rnd.nextInt(8);
                m = Arrays.copyOf(m, m.length + extra);
                for (int i = valid.length; i < m.length; i++) {
                    m[i] = (byte) rnd.nextInt(256);
                }
            }
            default -> { // random byte
                if (m.length > 1) {
                    m[1 + rnd.nextInt(m.length - 1)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return m;
    }
}
