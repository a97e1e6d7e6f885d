package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 4253 §7.2 key derivation. */
class KeyDerivationTest {
    private static final HexFormat HEX = HexFormat.of();
    /** K = mpint 1, H = 00..1f, session_id = 64..83 (hex 0x64 = 100). */
    private static final byte[] K = HEX.parseHex("0000000101");
    private static final byte[] H = range(0, 32);
    private static final byte[] SESSION = range(100, 32);

    private static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** Golden values computed outside Java (Python hashlib) from the RFC 4253 §7.2 formulas. */
    @Test
    void matchesGoldenValuesComputedIndependently() {
        assertEquals("f911436964b8c231bb83bf4257331fa2acfcde2639c1a0534e9acb4ea2932944"
                + "b21f79f5a059a4b089f65b3f108b8b4e846be1db94a36b3d8cc720d2f695682b",
                HEX.formatHex(KeyDerivation.derive("SHA-256", K, H, SESSION, 'C', 64)));
        assertEquals("03a34a12dcd9e242e21fbf61b8ba1c2c4db49702aaf10252ec41e7c8cdc9d259"
                + "ef6b42f8f1c02b700dfbbf316aa50c32b5b4",
                HEX.formatHex(KeyDerivation.derive("SHA-1", K, H, SESSION, 'A', 50)));
    }

    @Test
    void firstBlockIsHashOfKHLetterSessionId() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(K);
        md.update(H);
        md.update((byte) 'E');
        md.update(SESSION);
        byte[] k1 = md.digest();
        assertArrayEquals(k1, KeyDerivation.derive("SHA-256", K, H, SESSION, 'E', 32));
        assertArrayEquals(Arrays.copyOf(k1, 16), KeyDerivation.derive("SHA-256", K, H, SESSION, 'E', 16));
    }

    @Test
    void longerKeysAreExtendedWithHashOfKHAndAllPreviousBlocks() throws Exception {
        for (String alg : new String[] {"SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
            MessageDigest md = MessageDigest.getInstance(alg);
            md.update(K);
            md.update(H);
            md.update((byte) 'D');
            md.update(SESSION);
            byte[] k1 = md.digest();
            md.update(K);
            md.update(H);
            md.update(k1);
            byte[] k2 = md.digest();
            md.update(K);
            md.update(H);
            md.update(k1);
            md.update(k2);
            byte[] k3 = md.digest();
            byte[] expected = new byte[k1.length * 3];
            System.arraycopy(k1, 0, expected, 0, k1.length);
            System.arraycopy(k2, 0, expected, k1.length, k1.length);
            System.arraycopy(k3, 0, expected, 2 * k1.length, k1.length);
            int length = 2 * k1.length + 7;
            assertArrayEquals(Arrays.copyOf(expected, length), KeyDerivation.derive(alg, K, H, SESSION, 'D', length), alg);
        }
    }

    @Test
    void lettersGiveDifferentKeys() {
        byte[] a = KeyDerivation.derive("SHA-256", K, H, SESSION, 'A', 16);
        byte[] b = KeyDerivation.derive("SHA-256", K, H, SESSION, 'B', 16);
        assertEquals(16, a.length);
        assertEquals(false, Arrays.equals(a, b));
        assertEquals(0, KeyDerivation.derive("SHA-256", K, H, SESSION, 'F', 0).length);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> KeyDerivation.derive("SHA-256", K, H, SESSION, 'G', 16));
        assertThrows(IllegalArgumentException.class, () -> KeyDerivation.derive("MD7", K, H, SESSION, 'A', 16));
        assertThrows(IllegalArgumentException.class, () -> KeyDerivation.derive("SHA-256", K, H, SESSION, 'A', -1));
    }
}
