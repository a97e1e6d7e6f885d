package io.sanssh.spec.connection;

import static io.sanssh.spec.testing.CodecAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed payloads: each gives {@link SshFormatException} and nothing else. */
class ConnectionMalformedTest {
    /** Vectors whose layout is open-ended: trailing bytes belong to them. */
    private static final List<String> OPEN_ENDED = List.of("global-keepalive", "global-unknown", "request-success",
            "request-success-bound-port", "request-success-signatures", "open-unknown", "open-confirmation",
            "unknown-127", "req-keepalive", "req-unknown");

    private static final String EXEC_HEADER = "62 00000000 00000004 65786563 01";

    static Stream<ConnectionVectors.Vector> vectors() {
        return ConnectionVectors.ALL.stream();
    }

    private static void rejected(String hex) {
        assertRejected(Hex.parse(hex), ConnectionCodec::decode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationIsRejectedOrReencodesToItself(ConnectionVectors.Vector v) {
        CodecAssertions.assertTruncationsSafe(v.bytes(), SshMessage::encode, ConnectionCodec::decode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void randomMutationsAreRejectedOrReencodeToThemselves(ConnectionVectors.Vector v) {
        CodecAssertions.assertMutationsSafe(v.bytes(), SshMessage::encode, ConnectionCodec::decode,
                v.name().hashCode(), 3000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void trailingBytesAfterAFixedLayoutAreRejected(ConnectionVectors.Vector v) {
        if (OPEN_ENDED.contains(v.name())) {
            return;
        }
        byte[] longer = Arrays.copyOf(v.bytes(), v.bytes().length + 1);
        assertRejected(longer, ConnectionCodec::decode);
    }

    @Test
    void emptyPayloadsAndNumbersOutsideTheRangeAreRejected() {
        rejected("");
        rejected("4f");         // 79: user authentication
        rejected("80");         // 128: outside the connection range
        rejected("02");
    }

    @Test
    void lengthsPastTheInputOrPast2To31AreRejected() {
        rejected("5e 00000000 7fffffff 68656c6c6f");   // CHANNEL_DATA claims 2^31-1 bytes
        rejected("5e 00000000 80000000 68656c6c6f");   // 2^31
        rejected("5e 00000000 ffffffff 68656c6c6f");   // 2^32-1
        rejected("5f 00000000 00000001 00000006 6f6f7073");
        rejected("50 fffffffe 7463706970");            // request name
        rejected("5a 00000007 73657373696f6e 00000000 00200000");  // CHANNEL_OPEN cut in the packet size
        rejected(EXEC_HEADER + "00000100 6c73");
        rejected("50 0000001d 686f73746b6579732d70726f76652d3030406f70656e7373682e636f6d 01 00000040 0102");
    }

    @Test
    void booleansOtherThanZeroOrOneAreRejected() {
        rejected("50 00000015 6e6f2d6d6f72652d73657373696f6e73406f70656e7373682e636f6d 02");  // want reply 2
        rejected("62 00000000 00000005 7368656c6c ff");                                       // shell, want reply 0xff
        rejected("62 00000000 00000008 786f6e2d786f6666 00 02");                                // xon-xoff client can do 2
        rejected("62 00000000 0000000b 657869742d7369676e616c 00 00000003 494e54 05 00000000 00000000");
        rejected("62 00000000 00000007 7831312d726571 00 80 00000000 00000000 00000000");       // x11-req single 0x80
    }

    @Test
    void invalidUtf8InTextIsRejected() {
        rejected("5c 00000000 00000002 00000002 c328 00000000");                 // open failure description
        rejected("5c 00000000 00000002 00000000 00000001 ff");                    // open failure language
        rejected("62 00000000 0000000b 657869742d7369676e616c 00 00000003 494e54 00 00000003 eda080 00000000");
        rejected("5a 0000000c 6469726563742d7463706970 00000000 00000000 00000000"  // direct-tcpip, channel 0
                + " 00000002 c0af 00000016 00000000 00000000");                     // host: overlong "/"
        rejected("62 00000000 00000007 7074792d726571 00 00000001 fe 00000000 00000000 00000000 00000000 00000000");
        rejected("62 00000000 00000003 656e76 00 00000001 e2 00000000");         // env name
    }

    @Test
    void namesMustBePrintableAscii() {
        rejected("50 00000003 610a62 00");                                        // request name "a\nb"
        rejected("5a 00000002 c3a9 00000000 00000000 00000000");                 // channel type "é"
        rejected("62 00000000 00000004 65786300 01 00000000");                 // request type "exc\0"
        rejected("62 00000000 00000006 7369676e616c 00 00000002 4900");         // signal name "I\0"
        rejected("62 00000000 00000009 73756273797374656d 01 00000002 73ff");   // subsystem name
    }

    @Test
    void nonUtf8ExecCommandsAndEnvValuesAreAccepted() {
        // commands and environment values are bytes: a Latin-1 "é" is not a protocol error
        ChannelRequest exec = (ChannelRequest) ConnectionCodec.decode(Hex.parse(EXEC_HEADER + "00000001 e9"));
        assertEquals(new ChannelRequestBody.Exec(Bytes.fromHex("e9")), exec.body());
        ChannelRequest env = (ChannelRequest) ConnectionCodec.decode(
                Hex.parse("62 00000000 00000003 656e76 00 00000001 41 00000001 e9"));
        assertEquals(new ChannelRequestBody.Env("A", Bytes.fromHex("e9")), env.body());
    }

    @Test
    void theErrorCarriesProtocolErrorAsItsDisconnectReason() {
        Executable decode = () -> ConnectionCodec.decode(Hex.parse("60 00000001 00"));
        SshFormatException e = assertThrows(SshFormatException.class, decode);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
    }
}
