package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** {@link Poly1305} against RFC 8439's vectors and against Bouncy Castle's implementation. */
class Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final String Z16 = "00000000000000000000000000000000";
    private static final String F16 = "ffffffffffffffffffffffffffffffff";

    private static String tag(String key, String message) {
        byte[] m = HEX.parseHex(message);
        byte[] out = new byte[16];
        Poly1305.mac(HEX.parseHex(key), 0, m, 0, m.length, out, 0);
        return HEX.formatHex(out);
    }

    /** RFC 8439 §2.5.2. */
    @Test
    void matchesRfc8439Section252() {
        String msg = HEX.formatHex("Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII));
        assertEquals("a8061dc1305136c6c22b8baf0c0127a9",
                tag("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", msg));
    }

    /** RFC 8439 appendix A.3, vectors 5 to 11: the reduction and carry corner cases. */
    @Test
    void matchesRfc8439AppendixA3CornerCases() {
        assertEquals("03000000000000000000000000000000", tag("02" + Z16.substring(2) + Z16, F16));
        assertEquals("03000000000000000000000000000000", tag("02" + Z16.substring(2) + F16, "02" + Z16.substring(2)));
        assertEquals("05000000000000000000000000000000", tag("01" + Z16.substring(2) + Z16,
                F16 + "f0ffffffffffffffffffffffffffffff" + "11000000000000000000000000000000"));
        assertEquals("00000000000000000000000000000000", tag("01" + Z16.substring(2) + Z16,
                F16 + "fbfefefefefefefefefefefefefefefe" + "01010101010101010101010101010101"));
        assertEquals("faffffffffffffffffffffffffffffff", tag("02" + Z16.substring(2) + Z16,
                "fdffffffffffffffffffffffffffffff"));
        String m10 = "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
                + "00000000000000000000000000000000" + "01000000000000000000000000000000";
        assertEquals("14000000000000005500000000000000", tag("01000000000000000400000000000000" + Z16, m10));
        assertEquals("13000000000000000000000000000000", tag("01000000000000000400000000000000" + Z16,
                m10.substring(0, 96)));
    }

    /** Every length from 0 to 300 and some long ones, random and worst-case bytes, against BC. */
    @Test
    void agreesWithBouncyCastleOnEveryLength() {
        Random r = new Random(1305);
        org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();
        byte[] expected = new byte[16];
        byte[] actual = new byte[16];
        int[] lengths = new int[320];
        for (int i = 0; i <= 300; i++) {
            lengths[i] = i;
        }
        int[] longer = {511, 512, 513, 1023, 4096, 32768, 32769, 32783, 35000, 65536, 100_001, 262_144, 31, 47};
        System.arraycopy(longer, 0, lengths, 301, longer.length);
        for (int round = 0; round < 3; round++) {
            for (int len : lengths) {
                byte[] key = Combo.bytes(r, 32);
                byte[] msg = Combo.bytes(r, len + 3);
                if (round == 1) {
                    Arrays.fill(key, 0, 16, (byte) 0xff);  // largest r after clamping
                    Arrays.fill(msg, (byte) 0xff);         // largest blocks
                } else if (round == 2) {
                    Arrays.fill(key, (byte) 0xff);
                    Arrays.fill(msg, (byte) 0xfe);
                }
                bc.init(new KeyParameter(key));
                bc.update(msg, 3, len);
                bc.doFinal(expected, 0);
                byte[] keyAt = new byte[40];
                System.arraycopy(key, 0, keyAt, 5, 32);
                Poly1305.mac(keyAt, 5, msg, 3, len, actual, 0);
                assertArrayEquals(expected, actual, "length " + len + " round " + round);
            }
        }
    }

    @Test
    void rejectsOutOfRangeArguments() {
        assertThrows(IndexOutOfBoundsException.class, () -> Poly1305.mac(new byte[31], 0, new byte[1], 0, 1, new byte[16], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Poly1305.mac(new byte[32], 0, new byte[1], 0, 2, new byte[16], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Poly1305.mac(new byte[32], 0, new byte[1], 0, 1, new byte[15], 0));
    }
}
