package io.sanssh.engine.kex.method;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Finite field Diffie-Hellman (RFC 4253 §8): the fixed MODP groups of RFC 8268 and RFC 4253
 * §8.2, and the server-chosen groups of RFC 4419.
 *
 * <p>The private exponent x has twice as many bits as the group's estimated security strength
 * (RFC 8268 §4, NIST SP 800-57 Part 1 Table 2, RFC 3526 §8), which costs far less than a full
 * length exponent and loses nothing, since the group's strength is the limit anyway. The public
 * value is {@code g^x mod p}; the peer's value must satisfy {@code 1 < y < p-1} (RFC 4253 §8,
 * RFC 8268 §4), which excludes the elements of order 1 and 2; K is {@code y^x mod p} as an
 * {@code mpint}.
 */
final class DhAgreement implements KeyAgreement {
    private final BigInteger p;
    private final BigInteger x;
    private final byte[] publicValue;
    private boolean used;

    /** A fresh exponent for the group {@code (p, g)} from {@code random}. */
    DhAgreement(BigInteger p, BigInteger g, SecureRandom random) {
        this(p, g, randomExponent(p, random));
    }

    /** A given exponent; for known-answer tests. */
    DhAgreement(BigInteger p, BigInteger g, BigInteger x) {
        if (p.signum() <= 0 || !p.testBit(0) || g.compareTo(BigInteger.ONE) <= 0
                || g.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new IllegalArgumentException("not a usable DH group");
        }
        if (x.compareTo(BigInteger.ONE) <= 0 || x.compareTo(p) >= 0) {
            throw new IllegalArgumentException("DH exponent out of range");
        }
        this.p = p;
        this.x = x;
        this.publicValue = Encoding.magnitude(g.modPow(x, p));
    }

    /**
     * Bits of the private exponent for a modulus of {@code modulusBits}: at least twice the
     * group's security strength (NIST SP 800-57 Part 1: 112 bits for 2048, 128 for 3072, about
     * 150, 175 and 200 for 4096, 6144 and 8192), so 256, 256, 320, 384 and 512 bits.
     */
    static int exponentBits(int modulusBits) {
        int strength;
        if (modulusBits <= 3072) {
            strength = 128;
        } else if (modulusBits <= 4096) {
            strength = 160;
        } else if (modulusBits <= 6144) {
            strength = 192;
        } else {
            strength = 256;
        }
        return 2 * strength;
    }

    /** A uniformly random x with {@code 1 < x < 2^bits}, bits from {@link #exponentBits}. */
    static BigInteger randomExponent(BigInteger p, SecureRandom random) {
        // Never reach (p-1)/2, the subgroup order of a safe prime, whatever p we are given.
        int bits = Math.min(exponentBits(p.bitLength()), p.bitLength() - 2);
        if (bits < 2) {
            throw new IllegalArgumentException("DH modulus too small");
        }
        BigInteger x;
        do {
            x = new BigInteger(bits, random);
        } while (x.compareTo(BigInteger.ONE) <= 0);
        return x;
    }

    @Override
    public byte[] ourPublic() {
        return publicValue.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublic) {
        if (used) {
            throw new IllegalStateException("key agreement already used");
        }
        used = true;
        if (peerPublic.length > (p.bitLength() + 7) / 8 + 1) {
            throw Encoding.failed("peer DH value is longer than the modulus");
        }
        BigInteger y = new BigInteger(1, peerPublic);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw Encoding.failed("peer DH value is outside 1 < y < p-1");
        }
        BigInteger k = y.modPow(x, p);
        if (k.compareTo(BigInteger.ONE) <= 0) {
            // Only possible for a small-order y in a group that is not a safe prime.
            throw Encoding.failed("DH shared secret is degenerate");
        }
        return Encoding.mpint(k);
    }
}
