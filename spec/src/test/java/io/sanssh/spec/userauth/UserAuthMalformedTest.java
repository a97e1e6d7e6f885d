package io.sanssh.spec.userauth;

import static io.sanssh.spec.testing.CodecAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed payloads: each gives {@link SshFormatException} and nothing else. */
class UserAuthMalformedTest {
    private static final String ALICE = "00000005616c696365";
    private static final String SSH_CONNECTION = "0000000e7373682d636f6e6e656374696f6e";
    private static final String PASSWORD = "0000000870617373776f7264";

    static Stream<UserAuthVectors.Vector> vectors() {
        return UserAuthVectors.ALL.stream();
    }

    private static Function<byte[], SshMessage> in(AuthMethodContext ctx) {
        return b -> UserAuthCodec.decode(b, ctx);
    }

    private static void rejected(AuthMethodContext ctx, String hex) {
        assertRejected(Hex.parse(hex), in(ctx));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationIsRejectedOrReencodesToItself(UserAuthVectors.Vector v) {
        for (AuthMethodContext ctx : AuthMethodContext.values()) {
            CodecAssertions.assertTruncationsSafe(v.bytes(), SshMessage::encode, in(ctx));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void randomMutationsAreRejectedOrReencodeToThemselves(UserAuthVectors.Vector v) {
        CodecAssertions.assertMutationsSafe(v.bytes(), SshMessage::encode, in(v.context()), v.name().hashCode(), 3000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void trailingBytesAfterAFixedLayoutAreRejected(UserAuthVectors.Vector v) {
        if (v.name().contains("unknown")) {
            return; // unknown methods and numbers keep whatever follows
        }
        byte[] longer = Arrays.copyOf(v.bytes(), v.bytes().length + 1);
        assertRejected(longer, in(v.context()));
    }

    @Test
    void emptyPayloadsAndNumbersOutsideTheRangeAreRejected() {
        rejected(AuthMethodContext.OTHER, "");
        rejected(AuthMethodContext.OTHER, "31");  // 49: a key exchange number
        rejected(AuthMethodContext.OTHER, "50 00000000");  // 80: a connection number
        rejected(AuthMethodContext.OTHER, "ff");
    }

    @Test
    void lengthsPastTheInputOrPast2To31AreRejected() {
        rejected(AuthMethodContext.OTHER, "32 7fffffff 616c696365");      // user name claims 2^31-1 bytes
        rejected(AuthMethodContext.OTHER, "32 80000000 616c696365");      // 2^31
        rejected(AuthMethodContext.OTHER, "32 ffffffff 616c696365");      // 2^32-1
        rejected(AuthMethodContext.OTHER, "32" + ALICE + SSH_CONNECTION + PASSWORD + "00 00000010 6869");
        rejected(AuthMethodContext.OTHER, "33 00000100 7075626c69636b6579 00");
        rejected(AuthMethodContext.PUBLICKEY, "3c 0000000b 7373682d65643235353139 fffffff0");
    }

    @Test
    void hugeCountsAreRejectedWithoutAllocating() {
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3c 00000000 00000000 00000000 ffffffff");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3c 00000000 00000000 00000000 7fffffff 00000000 00");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3d 80000000");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3d 00000002 00000000");  // one response missing
    }

    @Test
    void booleansOtherThanZeroOrOneAreRejected() {
        rejected(AuthMethodContext.OTHER, "32" + ALICE + SSH_CONNECTION + PASSWORD + "02 00000000");
        rejected(AuthMethodContext.OTHER, "33 00000009 7075626c69636b6579 ff");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3c 00000000 00000000 00000000 00000001 00000000 02");
        rejected(AuthMethodContext.OTHER,
                "32" + ALICE + SSH_CONNECTION + "00000009 7075626c69636b6579 80 00000001 61 00000000");
    }

    @Test
    void invalidUtf8InTextIsRejected() {
        rejected(AuthMethodContext.OTHER, "32 00000002 c328" + SSH_CONNECTION + "00000004 6e6f6e65");  // bad continuation
        rejected(AuthMethodContext.OTHER, "32 00000002 c0af" + SSH_CONNECTION + "00000004 6e6f6e65");  // overlong '/'
        rejected(AuthMethodContext.OTHER, "32 00000003 eda080" + SSH_CONNECTION + "00000004 6e6f6e65"); // surrogate
        rejected(AuthMethodContext.OTHER, "32" + ALICE + SSH_CONNECTION + PASSWORD + "00 00000001 ff");
        rejected(AuthMethodContext.OTHER, "35 00000001 80 00000000");
        rejected(AuthMethodContext.PASSWORD, "3c 00000000 00000002 c328");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3c 00000001 fe 00000000 00000000 00000000");
        rejected(AuthMethodContext.KEYBOARD_INTERACTIVE, "3d 00000001 00000004 f8888080");
    }

    @Test
    void namesMustBePrintableAscii() {
        rejected(AuthMethodContext.OTHER, "32" + ALICE + "00000003 73730a" + "00000004 6e6f6e65");  // service "ss\n"
        rejected(AuthMethodContext.OTHER, "32" + ALICE + SSH_CONNECTION + "00000004 6e6fc3a9");     // method "noé"
        rejected(AuthMethodContext.PUBLICKEY, "3c 00000002 7800 00000000");                          // algorithm "x\0"
        rejected(AuthMethodContext.OTHER, "33 00000003 612c2c 00");                                  // empty name in list
    }

    @Test
    void aSignatureFlagWithoutSignatureIsRejected() {
        // What OpenSSH signs is a request with the flag set and no signature yet: not a valid request.
        byte[] signed = UserAuthVectors.load("openssh-9.2-hostbound-signed-data");
        int sessionIdLength = 4 + 64;
        byte[] request = Arrays.copyOfRange(signed, sessionIdLength, signed.length);
        assertRejected(request, in(AuthMethodContext.OTHER));
    }

    @Test
    void theErrorCarriesProtocolErrorAsItsDisconnectReason() {
        SshFormatException e = assertInstanceOf(SshFormatException.class, catchThrowable(
                () -> UserAuthCodec.decode(Hex.parse("34 00"), AuthMethodContext.OTHER)));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
