package io.sanssh.engine.kex.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * The exchange hash against the concatenation written out independently with the spec module's
 * {@link SshWriter} and hashed in one go.
 */
class ExchangeHashTest {
    private static final String V_C = "SSH-2.0-Sanssh_0.1";
    private static final String V_S = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10";
    private static final byte[] I_C = {20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final byte[] I_S = {20, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    private static final byte[] K_S = new SshWriter().writeAscii("ssh-ed25519")
            .writeString(new byte[32]).toByteArray();

    private static byte[] digest(String algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    private static SshWriter prefix() {
        return new SshWriter()
                .writeString(V_C.getBytes(StandardCharsets.US_ASCII))
                .writeString(V_S.getBytes(StandardCharsets.US_ASCII))
                .writeString(I_C)
                .writeString(I_S)
                .writeString(K_S);
    }

    @Test
    void ecdhShapeHashesStringsAndMpintK() throws Exception {
        byte[] qc = new byte[32];
        byte[] qs = new byte[32];
        qc[0] = 1;
        qs[31] = (byte) 0xff;
        BigInteger k = new BigInteger("80112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 16);
        byte[] expected = digest("SHA-256", prefix().writeString(qc).writeString(qs).writeMpint(k)
                .toByteArray());
        byte[] h = ExchangeHash.compute("SHA-256", V_C, V_S, I_C, I_S, K_S,
                ExchangeHash.encodePublic(KexShape.ECDH, qc),
                ExchangeHash.encodePublic(KexShape.ECDH, qs),
                ExchangeHash.encodeMpint(k));
        assertArrayEquals(expected, h);
        assertEquals(32, h.length);
    }

    @Test
    void dhShapeHashesMpintPublicValues() throws Exception {
        BigInteger e = new BigInteger("ff00000000000000000000000000000001", 16);
        BigInteger f = new BigInteger("7f", 16);
        BigInteger k = BigInteger.TEN.pow(300);
        byte[] expected = digest("SHA-512", prefix().writeMpint(e).writeMpint(f).writeMpint(k)
                .toByteArray());
        // ourPublic() gives magnitudes; a leading zero byte must not change the encoding.
        byte[] eRaw = new byte[18];
        System.arraycopy(Encoding.magnitude(e), 0, eRaw, 1, 17);
        byte[] h = ExchangeHash.compute("SHA-512", V_C, V_S, I_C, I_S, K_S,
                ExchangeHash.encodePublic(KexShape.DH, eRaw),
                ExchangeHash.encodePublic(KexShape.DH, Encoding.magnitude(f)),
                ExchangeHash.encodeMpint(k));
        assertArrayEquals(expected, h);
        assertEquals(64, h.length);
    }

    @Test
    void hybridsHashKAsAString() throws Exception {
        byte[] init = new byte[1216];
        byte[] reply = new byte[1120];
        init[0] = 7;
        reply[1119] = 9;
        byte[] kHash = digest("SHA-256", new byte[] {1, 2, 3});
        byte[] expected = digest("SHA-256", prefix().writeString(init).writeString(reply)
                .writeString(kHash).toByteArray());
        assertArrayEquals(expected, ExchangeHash.compute("SHA-256", V_C, V_S, I_C, I_S, K_S,
                ExchangeHash.encodePublic(KexShape.ECDH, init),
                ExchangeHash.encodePublic(KexShape.ECDH, reply),
                Encoding.string(kHash)));
    }

    @Test
    void groupExchangeAddsBoundsAndGroupAfterTheHostKey() throws Exception {
        BigInteger p = DhGroups.MODP_2048;
        BigInteger g = DhGroups.GENERATOR;
        BigInteger e = g.pow(1000).mod(p);
        BigInteger f = g.pow(2000).mod(p);
        BigInteger k = e.modPow(BigInteger.valueOf(2000), p);
        byte[] expected = digest("SHA-256", prefix().writeUint32(2048).writeUint32(3072)
                .writeUint32(8192).writeMpint(p).writeMpint(g).writeMpint(e).writeMpint(f)
                .writeMpint(k).toByteArray());
        assertArrayEquals(expected, ExchangeHash.computeGex("SHA-256", V_C, V_S, I_C, I_S, K_S,
                2048, 3072, 8192, p, g, ExchangeHash.encodeMpint(e), ExchangeHash.encodeMpint(f),
                ExchangeHash.encodeMpint(k)));

        byte[] expectedOld = digest("SHA-1", prefix().writeUint32(4096).writeMpint(p).writeMpint(g)
                .writeMpint(e).writeMpint(f).writeMpint(k).toByteArray());
        assertArrayEquals(expectedOld, ExchangeHash.computeGexOld("SHA-1", V_C, V_S, I_C, I_S,
                K_S, 4096, p, g, ExchangeHash.encodeMpint(e), ExchangeHash.encodeMpint(f),
                ExchangeHash.encodeMpint(k)));
    }

    @Test
    void everyMethodsHashHasTheRightLength() {
        for (String name : KexMethods.supported()) {
            String alg = KexMethods.hashAlgorithm(name);
            int expected = switch (alg) {
                case "SHA-1" -> 20;
                case "SHA-256" -> 32;
                case "SHA-384" -> 48;
                default -> 64;
            };
            assertEquals(expected, ExchangeHash.compute(alg, V_C, V_S, I_C, I_S, K_S,
                    new byte[4], new byte[4], new byte[4]).length, name);
        }
    }

    @Test
    void mpintEncodingIsMinimalTwosComplement() {
        assertEquals("00000000", Seeded.hex(ExchangeHash.encodeMpint(BigInteger.ZERO)));
        assertEquals("000000017f", Seeded.hex(ExchangeHash.encodeMpint(BigInteger.valueOf(0x7f))));
        assertEquals("000000020080", Seeded.hex(ExchangeHash.encodeMpint(BigInteger.valueOf(0x80))));
        assertEquals("0000000109", Seeded.hex(ExchangeHash.encodePublic(KexShape.DH,
                new byte[] {0, 0, 9})));
        assertEquals("00000000", Seeded.hex(ExchangeHash.encodePublic(KexShape.GROUP_EXCHANGE,
                new byte[] {0, 0})));
        assertEquals("00000003000009", Seeded.hex(ExchangeHash.encodePublic(KexShape.ECDH,
                new byte[] {0, 0, 9})));
        assertThrows(IllegalArgumentException.class,
                () -> ExchangeHash.encodeMpint(BigInteger.valueOf(-1)));
    }

    @Test
    void boundsOutsideUint32AndUnknownDigestsAreLocalMisuse() {
        BigInteger p = DhGroups.MODP_2048;
        assertThrows(IllegalArgumentException.class, () -> ExchangeHash.computeGex("SHA-256",
                V_C, V_S, I_C, I_S, K_S, -1, 2048, 8192, p, BigInteger.TWO, new byte[4],
                new byte[4], new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> ExchangeHash.computeGex("SHA-256",
                V_C, V_S, I_C, I_S, K_S, 2048, 2048, 1L << 32, p, BigInteger.TWO, new byte[4],
                new byte[4], new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> ExchangeHash.compute("MD7",
                V_C, V_S, I_C, I_S, K_S, new byte[4], new byte[4], new byte[4]));
    }
}
