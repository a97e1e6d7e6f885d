package io.sanssh.engine.kex.method;

import java.math.BigInteger;
import java.util.List;

/**
 * Diffie-Hellman group exchange (RFC 4419): the bounds a client asks for, the group a server
 * picks, and the client's check of the group it is offered.
 *
 * <p>The server offers only the RFC 3526 MODP groups of 2048 to 8192 bits: well-known safe
 * primes, so nothing needs generating or testing at run time, and no moduli file to read (the
 * engine does no I/O). Groups below 2048 bits are refused both ways (RFC 8270 §3, RFC 9142 §3.3).
 */
public final class GroupExchange {
    /** The smallest modulus we ask for or accept (RFC 8270 §3). */
    public static final int MIN_BITS = 2048;

    /**
     * The modulus size a client asks for. 3072 bits match the 128-bit strength of everything else
     * in the default proposal (AES-128-GCM, SHA-256, curve25519; NIST SP 800-57 Part 1 Table 2),
     * which is also what OpenSSH asks for with a 128-bit cipher. 4096 bits would cost about twice
     * the modular exponentiation time for no gain: the weakest link stays at 128 bits.
     */
    public static final int PREFERRED_BITS = 3072;

    /** The largest modulus we ask for or accept (RFC 4419 §3 suggests 8192 as the limit). */
    public static final int MAX_BITS = 8192;

    /** A group: an odd prime modulus {@code p} and a generator {@code g}. */
    public record DhGroup(BigInteger p, BigInteger g) {
        /** Size of the modulus in bits. */
        public int bits() {
            return p.bitLength();
        }
    }

    /** The groups a server offers, smallest first (RFC 3526 §3-§7). */
    private static final List<DhGroup> GROUPS = List.of(
            new DhGroup(DhGroups.MODP_2048, DhGroups.GENERATOR),
            new DhGroup(DhGroups.MODP_3072, DhGroups.GENERATOR),
            new DhGroup(DhGroups.MODP_4096, DhGroups.GENERATOR),
            new DhGroup(DhGroups.MODP_6144, DhGroups.GENERATOR),
            new DhGroup(DhGroups.MODP_8192, DhGroups.GENERATOR));

    private GroupExchange() {
    }

    /**
     * Server role: the group to answer {@code SSH_MSG_KEX_DH_GEX_REQUEST} with (RFC 4419 §3).
     *
     * <p>The acceptable range is {@code [max(min, 2048), min(max, 8192)]}; {@code n} is clamped
     * into it (a client that prefers more than its own maximum gets its maximum). The answer is
     * the smallest group of at least {@code n} bits in range, or else the largest group in range.
     *
     * @param min the client's minimum, a uint32
     * @param n the client's preferred size, a uint32
     * @param max the client's maximum, a uint32
     * @throws io.sanssh.spec.wire.SshFormatException KEY_EXCHANGE_FAILED if {@code min > max} or
     *     no group of ours lies in the range
     */
    public static DhGroup choose(long min, long n, long max) {
        if (min > max) {
            throw Encoding.failed("group exchange request has min " + min + " > max " + max);
        }
        long lo = Math.max(min, MIN_BITS);
        long hi = Math.min(max, MAX_BITS);
        if (lo > hi) {
            throw Encoding.failed("no group between " + min + " and " + max + " bits");
        }
        long want = Math.max(lo, Math.min(n, hi));
        DhGroup largest = null;
        for (DhGroup group : GROUPS) {
            int bits = group.bits();
            if (bits < lo || bits > hi) {
                continue;
            }
            if (bits >= want) {
                return group;
            }
            largest = group;
        }
        if (largest == null) {
            throw Encoding.failed("no group between " + min + " and " + max + " bits");
        }
        return largest;
    }

    /**
     * The RFC 3526 group of exactly {@code bits} bits (2048, 3072, 4096, 6144 or 8192).
     *
     * @throws IllegalArgumentException for any other size
     */
    public static DhGroup modpGroup(int bits) {
        for (DhGroup group : GROUPS) {
            if (group.bits() == bits) {
                return group;
            }
        }
        throw new IllegalArgumentException("no RFC 3526 group of " + bits + " bits");
    }

    /**
     * Client role: checks the group in {@code SSH_MSG_KEX_DH_GEX_GROUP} against what we asked for
     * (RFC 4419 §3, §6): p odd and of a size within {@code [max(min, 2048), max]}, g in
     * {@code 2..p-2}. Primality is not tested: that would cost seconds for an 8192-bit modulus,
     * and a server that lies about its group can read the session anyway.
     *
     * @param min the minimum we sent
     * @param max the maximum we sent
     * @throws io.sanssh.spec.wire.SshFormatException KEY_EXCHANGE_FAILED if the group is refused
     */
    public static void checkOffered(BigInteger p, BigInteger g, long min, long max) {
        int bits = p.bitLength();
        if (p.signum() <= 0 || bits < Math.max(min, MIN_BITS) || bits > max) {
            throw Encoding.failed("server's group has " + bits + " bits, outside ["
                    + Math.max(min, MIN_BITS) + ", " + max + "]");
        }
        if (!p.testBit(0)) {
            throw Encoding.failed("server's group modulus is even");
        }
        if (g.compareTo(BigInteger.TWO) < 0 || g.compareTo(p.subtract(BigInteger.TWO)) > 0) {
            throw Encoding.failed("server's group generator is outside 2..p-2");
        }
    }
}
