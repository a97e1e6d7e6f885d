package io.sanssh.drivers.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * "Application data" for transport-level driver tests: payloads with message number 94 (so the
 * transport hands them to the layer above untouched), a sequence number, and random bytes.
 */
public final class Payloads {
    /** The message number used: SSH_MSG_CHANNEL_DATA, which the transport passes through. */
    public static final int MESSAGE_NUMBER = 94;

    private Payloads() {
    }

    /** A payload of {@code length} bytes (at least 5) carrying {@code seq}. */
    public static byte[] make(SplittableRandom r, int seq, int length) {
        byte[] p = new byte[Math.max(5, length)];
        r.nextBytes(p);
        p[0] = (byte) MESSAGE_NUMBER;
        ByteBuffer.wrap(p, 1, 4).putInt(seq);
        return p;
    }

    /** A payload of random length: mostly small, sometimes up to {@code max} bytes. */
    public static byte[] random(SplittableRandom r, int seq, int max) {
        int len = r.nextInt(10) == 0 ? 5 + r.nextInt(max) : 5 + r.nextInt(300);
        return make(r, seq, len);
    }

    /** Asserts that {@code received} is exactly {@code sent}, in order, byte for byte. */
    public static void assertDelivered(List<byte[]> sent, List<byte[]> received, String what) {
        assertEquals(sent.size(), received.size(), what + ": message count");
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), received.get(i), what + ": message " + i);
        }
    }
}
