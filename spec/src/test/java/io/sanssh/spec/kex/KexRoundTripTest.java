package io.sanssh.spec.kex;

import static io.sanssh.spec.testing.CodecAssertions.assertRoundTrip;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.wire.Bytes;
import java.math.BigInteger;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * For every key exchange record and 256 seeds: {@code decode(encode(x)) == x} and
 * {@code encode(decode(b)) == b}, decoding with the record's family. A failure names its seed.
 */
class KexRoundTripTest {
    private static final int SEEDS = 256;

    private static void forEachSeed(KexFamily family, Function<Gen, SshMessage> generator) {
        for (long seed = 0; seed < SEEDS; seed++) {
            SshMessage m = generator.apply(new Gen(seed));
            assertRoundTrip(m, SshMessage::encode, b -> KexCodec.decode(b, family), seed);
        }
    }

    /** A DH number: positive, of any size up to the 16384-bit limit, often near a real group size. */
    private static BigInteger dhNumber(Gen g) {
        int bits = g.oneOf(1, 2, 8, 9, 1023, 2048, 3072, 4096, 8192, 16384, g.between(1, 16384));
        BigInteger v = new BigInteger(bits, new Random(g.anyLong()));
        return v.signum() == 0 ? BigInteger.ONE : v;
    }

    /** An opaque KEX string: X25519 (32), P-256 point (65), sntrup761 (1158+32), ML-KEM-768 (1184+32), or any. */
    private static Bytes publicValue(Gen g) {
        return g.bytesOfLength(g.oneOf(0, 32, 65, 97, 133, 1190, 1216, 1120, g.nextInt(300)));
    }

    @Test
    void kexDhInitRoundTrips() {
        forEachSeed(KexFamily.DH, g -> new KexDhInit(dhNumber(g)));
    }

    @Test
    void kexDhReplyRoundTrips() {
        forEachSeed(KexFamily.DH, g -> new KexDhReply(g.bytes(120), dhNumber(g), g.bytes(90)));
    }

    @Test
    void kexEcdhInitRoundTrips() {
        forEachSeed(KexFamily.ECDH, g -> new KexEcdhInit(publicValue(g)));
    }

    @Test
    void kexEcdhReplyRoundTrips() {
        forEachSeed(KexFamily.ECDH, g -> new KexEcdhReply(g.bytes(120), publicValue(g), g.bytes(90)));
    }

    @Test
    void groupExchangeRequestRoundTrips() {
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new KexDhGexRequest(g.uint32(), g.uint32(), g.uint32()));
    }

    @Test
    void groupExchangeRequestOldRoundTrips() {
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new KexDhGexRequestOld(g.uint32()));
    }

    @Test
    void groupExchangeGroupRoundTrips() {
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new KexDhGexGroup(dhNumber(g), dhNumber(g)));
    }

    @Test
    void groupExchangeInitRoundTrips() {
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new KexDhGexInit(dhNumber(g)));
    }

    @Test
    void groupExchangeReplyRoundTrips() {
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new KexDhGexReply(g.bytes(120), dhNumber(g), g.bytes(90)));
    }

    @Test
    void unusedNumbersOfEachFamilyRoundTripAsUnknown() {
        forEachSeed(KexFamily.DH, g -> new UnknownMessage(g.between(32, 49), g.bytes(20)));
        forEachSeed(KexFamily.ECDH, g -> new UnknownMessage(g.between(32, 49), g.bytes(20)));
        forEachSeed(KexFamily.GROUP_EXCHANGE, g -> new UnknownMessage(g.between(35, 49), g.bytes(20)));
    }
}
