package io.sanssh.spec.kex;

import static io.sanssh.spec.testing.CodecAssertions.assertMutationsSafe;
import static io.sanssh.spec.testing.CodecAssertions.assertRejected;
import static io.sanssh.spec.testing.CodecAssertions.assertTruncationsSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Hostile and broken key exchange payloads: each one gives {@link SshFormatException} and nothing else. */
class KexMalformedInputTest {

    /** A valid payload and the family to decode it with. */
    private record Golden(byte[] payload, KexFamily family) {
        Function<byte[], SshMessage> decoder() {
            return b -> KexCodec.decode(b, family);
        }
    }

    private static List<Golden> goldens() {
        return List.of(
                new Golden(GoldenFiles.load(GoldenFiles.CLIENT_ECDH_INIT), KexFamily.ECDH),
                new Golden(GoldenFiles.load(GoldenFiles.SERVER_ECDH_REPLY), KexFamily.ECDH),
                new Golden(GoldenFiles.load(GoldenFiles.CLIENT_DH_INIT), KexFamily.DH),
                new Golden(GoldenFiles.load(GoldenFiles.SERVER_DH_REPLY), KexFamily.DH),
                new Golden(GoldenFiles.load(GoldenFiles.CLIENT_GEX_REQUEST), KexFamily.GROUP_EXCHANGE),
                new Golden(GoldenFiles.load(GoldenFiles.SERVER_GEX_GROUP), KexFamily.GROUP_EXCHANGE),
                new Golden(GoldenFiles.load(GoldenFiles.CLIENT_GEX_INIT), KexFamily.GROUP_EXCHANGE),
                new Golden(GoldenFiles.load(GoldenFiles.SERVER_GEX_REPLY), KexFamily.GROUP_EXCHANGE),
                new Golden(new KexDhGexRequestOld(2048).encode(), KexFamily.GROUP_EXCHANGE));
    }

    private static void rejected(String hex, KexFamily family) {
        assertRejected(Hex.parse(hex), b -> KexCodec.decode(b, family));
    }

    @Test
    void everyTruncationOfEveryGoldenIsRejectedOrReEncodesToItself() {
        for (Golden g : goldens()) {
            assertTruncationsSafe(g.payload(), SshMessage::encode, g.decoder());
        }
    }

    @Test
    void randomMutationsOfEveryGoldenAreRejectedOrReEncodeToThemselves() {
        long seed = 100;
        for (Golden g : goldens()) {
            assertMutationsSafe(g.payload(), SshMessage::encode, g.decoder(), seed++, 3000);
        }
    }

    @Test
    void everyGoldenDecodedWithEveryFamilyIsSafe() {
        for (Golden g : goldens()) {
            for (KexFamily f : KexFamily.values()) {
                assertMutationsSafe(g.payload(), SshMessage::encode, b -> KexCodec.decode(b, f), f.ordinal(), 300);
            }
        }
    }

    @Test
    void trailingBytesAfterTheLastFieldAreRejected() {
        for (Golden g : goldens()) {
            assertRejected(Arrays.copyOf(g.payload(), g.payload().length + 1), g.decoder());
        }
    }

    @Test
    void lengthsPastTheInputOrPast2To31AreRejected() {
        rejected("1e 7fffffff 01", KexFamily.ECDH);
        rejected("1e 80000000 01", KexFamily.ECDH);
        rejected("1e ffffffff", KexFamily.DH);
        rejected("1f 00000000 80000020 00 00000000", KexFamily.ECDH);
        rejected("21 00000000 fffffffe 01 00000000", KexFamily.GROUP_EXCHANGE);
        rejected("1f 00000001 17 00000005 05", KexFamily.GROUP_EXCHANGE);
    }

    @Test
    void nonMinimalMpintsAreRejected() {
        rejected("1e 00000002 0001", KexFamily.DH);              // needless leading 00
        rejected("1e 00000001 00", KexFamily.DH);                // zero written as one byte
        rejected("20 00000003 0000ff", KexFamily.GROUP_EXCHANGE);
        rejected("1f 00000002 0017 00000001 05", KexFamily.GROUP_EXCHANGE);
    }

    @Test
    void dhNumbersThatAreZeroOrNegativeFailTheKeyExchange() {
        for (String hex : List.of("1e 00000000", "1e 00000001 ff", "1e 00000002 ff7f", "1e 00000001 80")) {
            SshFormatException e = assertThrows(SshFormatException.class,
                    () -> KexCodec.decode(Hex.parse(hex), KexFamily.DH));
            assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, e.reason(), hex);
        }
        rejected("1f 00000001 17 00000000", KexFamily.GROUP_EXCHANGE);       // g = 0
        rejected("1f 00000001 ef 00000001 05", KexFamily.GROUP_EXCHANGE);    // p negative
        rejected("21 00000000 00000001 f0 00000000", KexFamily.GROUP_EXCHANGE);
    }

    @Test
    void dhNumbersOver16384BitsAreRejected() {
        BigInteger huge = BigInteger.ONE.shiftLeft(16384);        // 16385 bits
        byte[] payload = new SshWriter().writeByte(30).writeMpint(huge).toByteArray();
        assertRejected(payload, b -> KexCodec.decode(b, KexFamily.DH));
        BigInteger max = BigInteger.ONE.shiftLeft(16384).subtract(BigInteger.ONE);
        assertEquals(new KexDhInit(max),
                KexCodec.decode(new SshWriter().writeByte(30).writeMpint(max).toByteArray(), KexFamily.DH));
        assertThrows(IllegalArgumentException.class, () -> new KexDhInit(huge));
    }

    @Test
    void emptyPayloadAndNumbersOutsideTheRangeAreRejected() {
        for (KexFamily f : KexFamily.values()) {
            assertRejected(new byte[0], b -> KexCodec.decode(b, f));
            for (int n : new int[] {0, 1, 20, 21, 29, 50, 94, 192, 255}) {
                assertRejected(new byte[] {(byte) n}, b -> KexCodec.decode(b, f));
            }
        }
    }

    @Test
    void constructorsRefuseValuesThatMustNotBeSent() {
        assertThrows(IllegalArgumentException.class, () -> new KexDhInit(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new KexDhGexInit(BigInteger.valueOf(-5)));
        assertThrows(IllegalArgumentException.class,
                () -> new KexDhReply(Bytes.EMPTY, BigInteger.ZERO, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new KexDhGexGroup(BigInteger.TEN, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new KexDhGexRequest(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new KexDhGexRequestOld(1L << 32));
        assertThrows(NullPointerException.class, () -> new KexEcdhInit(null));
    }

    @Test
    void requestOrderIsReportedNotEnforced() {
        KexDhGexRequest inverted = (KexDhGexRequest) KexCodec.decode(
                Hex.parse("22 00002000 00000800 00000400"), KexFamily.GROUP_EXCHANGE);
        assertEquals(false, inverted.isOrdered());
        assertEquals(true, new KexDhGexRequest(2048, 2048, 2048).isOrdered());
    }
}
