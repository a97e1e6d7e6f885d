package io.sanssh.spec.transport;

import static io.sanssh.spec.testing.CodecAssertions.assertMutationsSafe;
import static io.sanssh.spec.testing.CodecAssertions.assertRejected;
import static io.sanssh.spec.testing.CodecAssertions.assertTruncationsSafe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken payloads: each one gives {@link SshFormatException} and nothing else. */
class TransportMalformedInputTest {

    /** One valid payload of every shape the codec knows, real captures first. */
    private static List<byte[]> goldens() {
        return List.of(
                GoldenFiles.load(GoldenFiles.SERVER_KEXINIT),
                GoldenFiles.load(GoldenFiles.CLIENT_KEXINIT),
                GoldenFiles.load(GoldenFiles.SERVER_DISCONNECT),
                new Ignore(Bytes.fromHex("00112233")).encode(),
                new Unimplemented(77).encode(),
                new Debug(false, "d\u00e9bug", "en").encode(),
                new ServiceRequest("ssh-userauth").encode(),
                new ServiceAccept("ssh-userauth").encode(),
                ExtInfo.of(ExtensionValues.serverSigAlgs(List.of("ssh-ed25519", "rsa-sha2-512")),
                        ExtensionValues.delayCompression(List.of("none"), List.of("zlib@openssh.com")),
                        ExtensionValues.ping()).encode(),
                NewCompress.INSTANCE.encode(),
                NewKeys.INSTANCE.encode(),
                new Ping(Bytes.utf8("ping")).encode(),
                new Pong(Bytes.utf8("pong")).encode());
    }

    private static void rejected(String hex) {
        assertRejected(Hex.parse(hex), TransportCodec::decode);
    }

    @Test
    void everyTruncationOfEveryGoldenIsRejectedOrReEncodesToItself() {
        for (byte[] golden : goldens()) {
            assertTruncationsSafe(golden, SshMessage::encode, TransportCodec::decode);
        }
    }

    @Test
    void randomMutationsOfEveryGoldenAreRejectedOrReEncodeToThemselves() {
        long seed = 1;
        for (byte[] golden : goldens()) {
            assertMutationsSafe(golden, SshMessage::encode, TransportCodec::decode, seed++, 3000);
        }
    }

    @Test
    void trailingBytesAfterTheLastFieldAreRejected() {
        for (byte[] golden : goldens()) {
            byte[] longer = Arrays.copyOf(golden, golden.length + 1);
            assertRejected(longer, TransportCodec::decode);
        }
    }

    @Test
    void stringLengthsPastTheInputOrPast2To31AreRejected() {
        rejected("02 7fffffff 00");               // IGNORE claiming 2^31-1 bytes
        rejected("02 80000000 00");               // IGNORE claiming 2^31: negative as an int
        rejected("02 ffffffff");                  // IGNORE claiming 2^32-1
        rejected("02 00000005 01020304");         // one byte short
        rejected("01 00000002 ffffffff 00000000"); // DISCONNECT with an impossible description
        rejected("05 fffffff0 61");               // SERVICE_REQUEST
        rejected("c0 80000001");                  // PING
    }

    @Test
    void booleansOtherThanZeroOrOneAreRejected() {
        rejected("04 02 00000000 00000000");      // DEBUG always_display = 2
        rejected("04 ff 00000000 00000000");
        byte[] kexInit = GoldenFiles.load(GoldenFiles.SERVER_KEXINIT);
        kexInit[kexInit.length - 5] = 2;           // first_kex_packet_follows
        assertRejected(kexInit, TransportCodec::decode);
    }

    @Test
    void kexInitCookieShorterThan16BytesIsRejected() {
        rejected("14 000102030405060708090a0b0c0d0e");
        rejected("14");
        // 16 bytes of cookie but then nothing: the name-lists are missing
        rejected("14 000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void kexInitWithBadNamesIsRejected() {
        String cookie = "000102030405060708090a0b0c0d0e0f";
        String tail = "00000000".repeat(9) + "00 00000000";
        rejected("14" + cookie + "00000002 2c61" + tail);   // ",a": empty name
        rejected("14" + cookie + "00000002 612c" + tail);   // "a,": empty name
        rejected("14" + cookie + "00000002 61ff" + tail);   // non-ASCII byte
        rejected("14" + cookie + "00000002 610a" + tail);   // control char
        assertInstanceOf(KexInit.class, TransportCodec.decode(Hex.parse("14" + cookie + "00000001 61" + tail)));
    }

    @Test
    void invalidUtf8TextIsRejected() {
        rejected("01 00000002 00000002 c328 00000000");      // DISCONNECT description
        rejected("04 00 00000001 80 00000000");              // DEBUG lone continuation byte
        rejected("04 00 00000002 c0af 00000000");            // overlong encoding of '/'
        rejected("04 00 00000003 eda080 00000000");          // encoded surrogate
    }

    @Test
    void extInfoWithRepeatedEmptyOrTooManyNamesIsRejected() {
        rejected("07 00000002 00000001 61 00000000 00000001 61 00000000");   // "a" twice
        rejected("07 00000001 00000000 00000000");                           // empty name
        rejected("07 ffffffff 00000001 61 00000000");                        // count far beyond the bytes
        rejected("07 00000002 00000001 61 00000000");                        // one extension missing
        rejected("07 00000001 00000001 0a 00000000");                        // control char in the name
    }

    @Test
    void emptyPayloadIsRejected() {
        assertRejected(new byte[0], TransportCodec::decode);
    }

    @Test
    void numbersOutsideTheTransportRangeAreRejectedNotUnknown() {
        for (int n : new int[] {0, 30, 31, 49, 50, 80, 94, 127, 128, 191}) {
            assertRejected(new byte[] {(byte) n}, TransportCodec::decode);
            assertFalse(TransportCodec.handles(n), "handles(" + n + ")");
        }
    }

    @Test
    void unassignedNumbersInsideTheRangeAreUnknownMessages() {
        for (int n = 1; n <= 255; n++) {
            if (!TransportCodec.handles(n)) {
                continue;
            }
            boolean known = n <= 8 || n == 20 || n == 21 || n == 192 || n == 193;
            if (!known) {
                SshMessage m = TransportCodec.decode(new byte[] {(byte) n, 7});
                assertEquals(new UnknownMessage(n, Bytes.of((byte) 7)), m);
            }
        }
    }

    @Test
    void constructorsRefuseValuesThatCouldNotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> new Unimplemented(-1));
        assertThrows(IllegalArgumentException.class, () -> new Unimplemented(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new Debug(true, "\ud800", ""));
        assertThrows(IllegalArgumentException.class, () -> new ServiceRequest("caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> KexInit.symmetric(Bytes.of(new byte[15]),
                List.of(), List.of(), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> KexInit.symmetric(Bytes.of(new byte[16]),
                List.of("a,b"), List.of(), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> KexInit.symmetric(Bytes.of(new byte[16]),
                List.of(""), List.of(), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ExtInfo.of(ExtensionValues.ping(), ExtensionValues.ping()));
    }

    @Test
    void decodeOfARegionReadsOnlyThatRegion() {
        byte[] buf = Hex.parse("ff ff 15 ff");
        assertEquals(NewKeys.INSTANCE, TransportCodec.decode(buf, 2, 1));
        assertThrows(SshFormatException.class, () -> TransportCodec.decode(buf, 2, 2));
    }
}
