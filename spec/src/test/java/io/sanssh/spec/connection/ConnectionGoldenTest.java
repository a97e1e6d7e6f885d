package io.sanssh.spec.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.connection.ChannelRequestBody.Shell;
import io.sanssh.spec.connection.ChannelRequestBody.UnknownRequest;
import io.sanssh.spec.connection.GlobalRequestBody.HostKeysProve;
import io.sanssh.spec.connection.GlobalRequestBody.TcpipForward;
import io.sanssh.spec.connection.GlobalRequestBody.UnknownGlobal;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden vectors of RFC 4254, RFC 4335 and OpenSSH PROTOCOL §2, and the helpers around them. */
class ConnectionGoldenTest {

    static Stream<ConnectionVectors.Vector> vectors() {
        return ConnectionVectors.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenBytesDecodeToTheRecordAndTheRecordEncodesToThem(ConnectionVectors.Vector v) {
        CodecAssertions.assertGolden(v.bytes(), v.expected(), SshMessage::encode, ConnectionCodec::decode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void fuzzSeedCorpusHoldsEveryGoldenVector(ConnectionVectors.Vector v) throws IOException {
        String path = "ConnectionCodecFuzzTestInputs/decode/" + v.name();
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertNotNull(in, "missing seed " + path);
            assertArrayEquals(v.bytes(), in.readAllBytes(), "seed " + path + " differs from its golden vector");
        }
    }

    @Test
    void boundPortIsReadFromTheTcpipForwardReply() {
        RequestSuccess reply = (RequestSuccess) ConnectionCodec.decode(ConnectionVectors.load("request-success-bound-port"));
        assertEquals(40123, reply.boundPort());
        assertThrows(SshFormatException.class, RequestSuccess.EMPTY::boundPort);
        assertThrows(SshFormatException.class, () -> new RequestSuccess(Bytes.fromHex("0000000000")).boundPort());
    }

    @Test
    void signaturesAreReadFromTheHostkeysProveReply() {
        RequestSuccess reply = (RequestSuccess) ConnectionCodec.decode(ConnectionVectors.load("request-success-signatures"));
        assertEquals(List.of(ConnectionVectors.SIGNATURE_1, ConnectionVectors.SIGNATURE_2), reply.signatures());
        assertEquals(List.of(), RequestSuccess.EMPTY.signatures());
        assertThrows(SshFormatException.class, () -> new RequestSuccess(Bytes.fromHex("00000005 0102")).signatures());
    }

    @Test
    void hostkeysProveSignedDataFollowsOpenSshProtocolSection25() {
        byte[] expected = Hex.parse("""
                0000001d 686f73746b6579732d70726f76652d3030406f70656e7373682e636f6d  # string "hostkeys-prove-00@openssh.com"
                00000004 01020304                                                    # string session identifier
                00000002 abcd                                                        # string hostkey
                """);
        assertArrayEquals(expected, HostKeysProve.signedData(Bytes.fromHex("01020304"), Bytes.fromHex("abcd")));
    }

    @Test
    void channelMessagesExposeTheRecipientThatFollowsTheirNumber() {
        int seen = 0;
        for (ConnectionVectors.Vector v : ConnectionVectors.ALL) {
            if (v.expected() instanceof ChannelMessage m) {
                assertEquals(new SshReader(v.bytes(), 1, 4).readInt(), m.recipient(), v.name());
                seen++;
            }
        }
        assertEquals(25, seen, "every channel message vector but CHANNEL_OPEN");
    }

    @Test
    void openFailureReasonsHaveTheirRfcCodes() {
        assertEquals(1, OpenFailureReason.ADMINISTRATIVELY_PROHIBITED.code());
        assertEquals(2, OpenFailureReason.CONNECT_FAILED.code());
        assertEquals(3, OpenFailureReason.UNKNOWN_CHANNEL_TYPE.code());
        assertEquals(4, OpenFailureReason.RESOURCE_SHORTAGE.code());
        assertEquals(OpenFailureReason.CONNECT_FAILED, new ChannelOpenFailure(1, 2, "", "").reason());
        assertNull(new ChannelOpenFailure(1, 0xfe000001L, "private", "").reason());
    }

    @Test
    void typesAndBodiesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelRequest(0, "exec", true, new Shell()));
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelRequest(0, "shell", true, new UnknownRequest(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> new GlobalRequest("tcpip-forward", true, new UnknownGlobal(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> new GlobalRequest("cancel-tcpip-forward", true, new TcpipForward("", 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelOpen("session", 0, 0, 0, new ChannelOpenBody.UnknownOpen(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class,
                () -> ChannelOpen.of(0, 0, 0, new ChannelOpenBody.UnknownOpen(Bytes.EMPTY)));
        assertThrows(IllegalArgumentException.class, () -> new ChannelWindowAdjust(0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new ChannelOpenConfirmation(0, 0, -1, 0, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TcpipForward("", -1));
    }

    @Test
    void signalNamesAreTheThirteenOfRfc4254AndLocalExtensions() {
        assertEquals(13, SignalNames.STANDARD.size());
        assertTrue(SignalNames.isValid(SignalNames.USR2));
        assertTrue(SignalNames.isValid(SignalNames.INFO_OPENSSH));
        assertTrue(!SignalNames.isValid("SIGINT") && !SignalNames.isValid("@x") && !SignalNames.isValid("a@b@c"));
    }
}
