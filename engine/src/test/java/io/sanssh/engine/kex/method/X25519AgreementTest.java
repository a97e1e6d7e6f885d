package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static io.sanssh.engine.kex.method.Seeded.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** curve25519-sha256 (RFC 8731) over X25519, checked against RFC 7748's vectors. */
class X25519AgreementTest {

    /** K as RFC 8731 §3.1 defines it: the raw output read big-endian, as an mpint. */
    private static byte[] expectedK(String rawHex) {
        return ExchangeHash.encodeMpint(new BigInteger(1, hex(rawHex)));
    }

    private static byte[] raw(byte[] mpintK) {
        BigInteger v = new BigInteger(1, Arrays.copyOfRange(mpintK, 4, mpintK.length));
        return Encoding.fixedLength(v, 32);
    }

    @Test
    void rfc7748ScalarMultiplicationVectorsThroughTheWrapper() {
        // RFC 7748 §5.2: unclamped scalars; the second u has its top bit set, which must be masked.
        byte[] k1 = new X25519Agreement(hex(
                "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"))
                .agree(hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        assertArrayEquals(expectedK(
                "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"), k1);
        byte[] k2 = new X25519Agreement(hex(
                "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"))
                .agree(hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));
        assertArrayEquals(expectedK(
                "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"), k2);
    }

    @Test
    void rfc7748IteratedVectorAfterOneAndThousandRounds() {
        byte[] k = new byte[32];
        byte[] u = new byte[32];
        k[0] = 9;
        u[0] = 9;
        for (int i = 1; i <= 1000; i++) {
            byte[] r = raw(new X25519Agreement(k).agree(u));
            u = k;
            k = r;
            if (i == 1) {
                assertEquals("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
                        hex(k));
            }
        }
        assertEquals("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", hex(k));
    }

    @Test
    void rfc7748DiffieHellmanVector() {
        X25519Agreement alice = new X25519Agreement(
                hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        X25519Agreement bob = new X25519Agreement(
                hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                hex(alice.ourPublic()));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                hex(bob.ourPublic()));
        byte[] kAlice = alice.agree(bob.ourPublic());
        byte[] kBob = bob.agree(alice.ourPublic());
        // Top bit clear: mpint is the 32 bytes with a length prefix and no sign byte.
        assertEquals("00000020" + "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
                hex(kAlice));
        assertArrayEquals(kAlice, kBob);
    }

    @Test
    void kIsTheOutputReadBigEndianAsAMinimalMpint() {
        SecureRandom r = Seeded.random(7);
        int signBytes = 0;
        for (int i = 0; i < 200; i++) {
            byte[] privateA = X25519Agreement.generatePrivateKey(r);
            X25519Agreement a = new X25519Agreement(privateA);
            X25519Agreement b = new X25519Agreement(r);
            byte[] raw = X25519Agreement.sharedSecret(privateA, b.ourPublic(), 0, 32);
            // Two's complement, minimal: what BigInteger.toByteArray gives for a positive value.
            byte[] body = new BigInteger(1, raw).toByteArray();
            byte[] expected = new byte[4 + body.length];
            expected[3] = (byte) body.length;
            System.arraycopy(body, 0, expected, 4, body.length);
            byte[] k = a.agree(b.ourPublic());
            assertArrayEquals(expected, k);
            assertArrayEquals(k, b.agree(a.ourPublic()));
            if (body[0] == 0) {
                signBytes++;
            }
        }
        // About half the outputs have the top bit set and need the 0x00 sign byte.
        assertTrue(signBytes > 50 && signBytes < 150, "sign bytes seen: " + signBytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    void lowOrderPeerKeysGiveAnAllZeroSecretAndFail(String point) {
        X25519Agreement a = new X25519Agreement(Seeded.random(1));
        assertKexFails(() -> a.agree(hex(point)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void peerKeysOfTheWrongLengthFail(int length) {
        X25519Agreement a = new X25519Agreement(Seeded.random(2));
        byte[] peer = new byte[length];
        Arrays.fill(peer, (byte) 9);
        assertKexFails(() -> a.agree(peer));
    }

    @Test
    void anAgreementIsSingleUse() {
        X25519Agreement a = new X25519Agreement(Seeded.random(3));
        X25519Agreement b = new X25519Agreement(Seeded.random(4));
        a.agree(b.ourPublic());
        assertThrows(IllegalStateException.class, () -> a.agree(b.ourPublic()));
    }
}
