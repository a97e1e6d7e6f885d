package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finite field DH over the RFC 3526 groups (RFC 4253 §8, RFC 8268). */
class DhAgreementTest {
    private static final BigInteger P = DhGroups.MODP_2048;
    private static final BigInteger G = DhGroups.GENERATOR;

    /** floor(pi * 2^bits), by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239). */
    private static BigInteger piTimesTwoTo(int bits) {
        int guard = 64;
        BigInteger one = BigInteger.ONE.shiftLeft(bits + guard);
        BigInteger pi = atanInverse(5, one).shiftLeft(4).subtract(atanInverse(239, one).shiftLeft(2));
        return pi.shiftRight(guard);
    }

    private static BigInteger atanInverse(int x, BigInteger one) {
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger x2 = bx.multiply(bx);
        BigInteger term = one.divide(bx);
        BigInteger sum = term;
        for (int n = 1; term.signum() != 0; n++) {
            term = term.divide(x2);
            BigInteger t = term.divide(BigInteger.valueOf(2L * n + 1));
            sum = (n % 2 == 1) ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    @Test
    void theGroupsAreTheRfc3526PrimesRecomputedFromPi() {
        // RFC 3526: p = 2^N - 2^(N-64) - 1 + 2^64 * (floor(2^(N-130) * pi) + offset).
        Map<Integer, Long> offsets = Map.of(2048, 124476L, 3072, 1690314L, 4096, 240904L,
                6144, 929484L, 8192, 4743158L);
        BigInteger pi = piTimesTwoTo(8192 - 130);
        for (var e : offsets.entrySet()) {
            int n = e.getKey();
            BigInteger floor = pi.shiftRight(8192 - n);
            BigInteger p = BigInteger.ONE.shiftLeft(n)
                    .subtract(BigInteger.ONE.shiftLeft(n - 64))
                    .subtract(BigInteger.ONE)
                    .add(floor.add(BigInteger.valueOf(e.getValue())).shiftLeft(64));
            assertEquals(p, GroupExchange.modpGroup(n).p(), "group of " + n + " bits");
            assertEquals(n, p.bitLength());
            assertEquals(G, GroupExchange.modpGroup(n).g());
        }
        assertEquals(DhGroups.MODP_2048, GroupExchange.modpGroup(2048).p());
        assertEquals(DhGroups.MODP_4096, GroupExchange.modpGroup(4096).p());
        assertEquals(DhGroups.MODP_8192, GroupExchange.modpGroup(8192).p());
    }

    @Test
    void group14IsASafePrime() {
        assertTrue(P.isProbablePrime(16));
        assertTrue(P.shiftRight(1).isProbablePrime(16));
    }

    @Test
    void sharedSecretIsGToTheXYAsAnMpint() {
        BigInteger x = new BigInteger("123456789abcdef0123456789abcdef", 16);
        BigInteger y = new BigInteger("fedcba9876543210fedcba9876543210f", 16);
        DhAgreement a = new DhAgreement(P, G, x);
        DhAgreement b = new DhAgreement(P, G, y);
        assertEquals(G.modPow(x, P), new BigInteger(1, a.ourPublic()));
        byte[] k = a.agree(b.ourPublic());
        assertArrayEquals(ExchangeHash.encodeMpint(G.modPow(x.multiply(y), P)), k);
        assertArrayEquals(k, b.agree(a.ourPublic()));
    }

    @Test
    void publicValuesAreMinimalUnsignedMagnitudes() {
        SecureRandom r = Seeded.random(11);
        for (int i = 0; i < 20; i++) {
            byte[] pub = new DhAgreement(P, G, r).ourPublic();
            assertTrue(pub[0] != 0 && pub.length <= 256, "length " + pub.length);
        }
        // A value with few bits: g^2 = 4 is the single byte 04.
        assertArrayEquals(new byte[] {4}, new DhAgreement(P, G, BigInteger.TWO).ourPublic());
    }

    @Test
    void exponentsHaveTwiceTheGroupStrength() {
        assertEquals(256, DhAgreement.exponentBits(2048));
        assertEquals(256, DhAgreement.exponentBits(3072));
        assertEquals(320, DhAgreement.exponentBits(4096));
        assertEquals(384, DhAgreement.exponentBits(6144));
        assertEquals(512, DhAgreement.exponentBits(8192));
        SecureRandom r = Seeded.random(12);
        for (int i = 0; i < 200; i++) {
            BigInteger x = DhAgreement.randomExponent(P, r);
            assertTrue(x.compareTo(BigInteger.ONE) > 0 && x.bitLength() <= 256);
        }
        // A tiny modulus still gets an exponent below (p-1)/2.
        BigInteger small = BigInteger.valueOf(23);
        for (int i = 0; i < 50; i++) {
            BigInteger x = DhAgreement.randomExponent(small, r);
            assertTrue(x.compareTo(BigInteger.ONE) > 0 && x.compareTo(BigInteger.valueOf(11)) < 0);
        }
    }

    @Test
    void peerValuesOutsideOneToPMinusOneFail() {
        SecureRandom r = Seeded.random(13);
        BigInteger[] bad = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P,
            P.add(BigInteger.ONE), P.add(BigInteger.TWO), BigInteger.ONE.shiftLeft(2048),
            BigInteger.ONE.shiftLeft(4096)};
        for (BigInteger y : bad) {
            DhAgreement a = new DhAgreement(P, G, r);
            assertKexFails(() -> a.agree(Encoding.magnitude(y)));
        }
        DhAgreement empty = new DhAgreement(P, G, r);
        assertKexFails(() -> empty.agree(new byte[0]));
        DhAgreement huge = new DhAgreement(P, G, r);
        assertKexFails(() -> huge.agree(new byte[100_000]));
        // The bounds themselves are fine: 2 and p-2.
        new DhAgreement(P, G, r).agree(new byte[] {2});
        new DhAgreement(P, G, r).agree(Encoding.magnitude(P.subtract(BigInteger.TWO)));
    }

    @Test
    void negativeOrZeroMpintsFailBeforeTheirMagnitudeIsLookedAt() {
        SecureRandom r = Seeded.random(14);
        // -5 as two's complement is the byte fb, which read unsigned would be a valid 251.
        DhAgreement a = new DhAgreement(P, G, r);
        assertKexFails(() -> a.agreeMpint(BigInteger.valueOf(-5)));
        DhAgreement b = new DhAgreement(P, G, r);
        assertKexFails(() -> b.agreeMpint(BigInteger.ZERO));
        DhAgreement c = new DhAgreement(P, G, r);
        DhAgreement d = new DhAgreement(P, G, r);
        assertArrayEquals(c.agreeMpint(new BigInteger(1, d.ourPublic())), d.agree(c.ourPublic()));
    }

    @Test
    void aSmallOrderElementOfANonSafeGroupGivesAFailureNotAWeakKey() {
        // p = 29 is not a safe prime: 12 has order 4 (12^2 = 144 = -1 mod 29), passes the range
        // check, and with x = 4 gives K = 1.
        BigInteger p = BigInteger.valueOf(29);
        DhAgreement a = new DhAgreement(p, BigInteger.TWO, BigInteger.valueOf(4));
        assertKexFails(() -> a.agree(new byte[] {12}));
    }

    @Test
    void unusableGroupsAndExponentsAreLocalMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new DhAgreement(P.add(BigInteger.ONE), G,
                BigInteger.TWO));
        assertThrows(IllegalArgumentException.class, () -> new DhAgreement(P, BigInteger.ONE,
                BigInteger.TWO));
        assertThrows(IllegalArgumentException.class, () -> new DhAgreement(P, G, BigInteger.ONE));
    }

    @Test
    void anAgreementIsSingleUse() {
        SecureRandom r = Seeded.random(15);
        DhAgreement a = new DhAgreement(P, G, r);
        byte[] peer = new DhAgreement(P, G, r).ourPublic();
        a.agree(peer);
        assertThrows(IllegalStateException.class, () -> a.agree(peer));
    }
}
