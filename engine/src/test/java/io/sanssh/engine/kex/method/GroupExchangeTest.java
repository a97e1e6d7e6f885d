package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4419 group choice (server) and group check (client). */
class GroupExchangeTest {
    /** The 1024-bit Oakley group 2 prime (RFC 2409 §6.2), which RFC 8270 retired. */
    private static final BigInteger OAKLEY_1024 = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
            + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6"
            + "F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"
            + "FFFFFFFFFFFFFFFF", 16);

    @ParameterizedTest(name = "min={0} n={1} max={2} -> {3} bits")
    @CsvSource({
        // What OpenSSH asks for: min 2048, n by cipher strength, max 8192.
        "2048, 3072, 8192, 3072",
        "2048, 7680, 8192, 8192",
        "2048, 8192, 8192, 8192",
        // Old clients with a 1024-bit minimum get at least 2048.
        "1024, 1024, 8192, 2048",
        "1024, 2048, 8192, 2048",
        "1024, 2048, 2048, 2048",
        // A preference between our sizes rounds up.
        "2048, 2500, 8192, 3072",
        "2048, 5000, 8192, 6144",
        // n above max: clamped to max (then to the largest group that fits).
        "2048, 10000, 8192, 8192",
        "2048, 9000, 4096, 4096",
        "2048, 9000, 5000, 4096",
        // n below min: clamped to min.
        "4096, 1024, 8192, 4096",
        "8192, 8192, 8192, 8192",
        // Wide open.
        "0, 0, 4294967295, 2048"})
    void chooseThePreferredOrNextLargerGroupWithinTheBounds(long min, long n, long max, int bits) {
        GroupExchange.DhGroup g = GroupExchange.choose(min, n, max);
        assertEquals(bits, g.bits());
        assertEquals(BigInteger.TWO, g.g());
        assertEquals(GroupExchange.modpGroup(bits), g);
    }

    @ParameterizedTest(name = "min={0} n={1} max={2} fails")
    @CsvSource({
        "1024, 1024, 1024",
        "1024, 1536, 2047",
        "3100, 3500, 4000",
        "8193, 9000, 16384",
        "8192, 2048, 2048",
        "4096, 4096, 3072"})
    void noFittingGroupOrMinAboveMaxFails(long min, long n, long max) {
        assertKexFails(() -> GroupExchange.choose(min, n, max));
    }

    @Test
    void theBoundsOfferedByTheClient() {
        assertEquals(2048, GroupExchange.MIN_BITS);
        assertEquals(3072, GroupExchange.PREFERRED_BITS);
        assertEquals(8192, GroupExchange.MAX_BITS);
        GroupExchange.DhGroup g = GroupExchange.choose(GroupExchange.MIN_BITS,
                GroupExchange.PREFERRED_BITS, GroupExchange.MAX_BITS);
        assertDoesNotThrow(() -> GroupExchange.checkOffered(g.p(), g.g(), GroupExchange.MIN_BITS,
                GroupExchange.MAX_BITS));
    }

    @Test
    void clientAcceptsEveryRfc3526GroupInRange() {
        for (int bits : new int[] {2048, 3072, 4096, 6144, 8192}) {
            GroupExchange.DhGroup g = GroupExchange.modpGroup(bits);
            assertDoesNotThrow(() -> GroupExchange.checkOffered(g.p(), g.g(), 2048, 8192));
            assertDoesNotThrow(() -> GroupExchange.checkOffered(g.p(), g.g(), 1024, 8192));
        }
        BigInteger p = DhGroups.MODP_2048;
        assertDoesNotThrow(() -> GroupExchange.checkOffered(p, p.subtract(BigInteger.TWO), 2048, 8192));
    }

    @Test
    void clientRejectsSmallLargeOrMalformedGroups() {
        BigInteger p = DhGroups.MODP_2048;
        assertKexFails(() -> GroupExchange.checkOffered(OAKLEY_1024, BigInteger.TWO, 1024, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(OAKLEY_1024, BigInteger.TWO, 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p, BigInteger.ONE, 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p, BigInteger.ZERO, 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p, BigInteger.valueOf(-2), 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p, p.subtract(BigInteger.ONE), 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p, p, 2048, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p.add(BigInteger.ONE), BigInteger.TWO,
                2048, 8192));
        // Bigger than we asked for, or smaller than our minimum.
        assertKexFails(() -> GroupExchange.checkOffered(DhGroups.MODP_8192, BigInteger.TWO,
                2048, 4096));
        assertKexFails(() -> GroupExchange.checkOffered(p, BigInteger.TWO, 3072, 8192));
        assertKexFails(() -> GroupExchange.checkOffered(p.negate(), BigInteger.TWO, 2048, 8192));
    }

    @Test
    void onlyTheFiveRfc3526SizesExist() {
        assertThrows(IllegalArgumentException.class, () -> GroupExchange.modpGroup(1024));
        assertThrows(IllegalArgumentException.class, () -> GroupExchange.modpGroup(5000));
    }
}
