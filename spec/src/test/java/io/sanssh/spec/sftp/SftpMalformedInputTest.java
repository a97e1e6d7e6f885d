package io.sanssh.spec.sftp;

import static io.sanssh.spec.testing.CodecAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken input gives {@link io.sanssh.spec.wire.SshFormatException} and nothing else. */
class SftpMalformedInputTest {

    private static byte[] body(String hex) {
        return Hex.parse(hex);
    }

    @Test
    void anEmptyBodyHasNoTypeByte() {
        assertRejected(new byte[0], SftpCodec::decodeRequest);
        assertRejected(new byte[0], SftpCodec::decodeReply);
        assertRejected(new byte[0], SftpCodec::decodeBody);
    }

    @Test
    void trailingBytesAfterAFixedFormatPacketAreRejected() {
        for (OpenSshTranscript.Packet p : OpenSshTranscript.all()) {
            byte[] longer = Arrays.copyOf(p.body(), p.body().length + 1);
            SftpPacket original = SftpCodec.decodeBody(p.body());
            boolean endsInRawData = original instanceof SftpReply.ExtendedReply
                    || (original instanceof SftpExtended e && e.request() instanceof SftpExtendedRequest.Unknown);
            if (endsInRawData) {
                // the draft leaves the rest of these packets to the extension: one more data byte
                assertEquals(p.body().length + 1, SftpCodec.encodeBody(SftpCodec.decodeBody(longer)).length);
            } else {
                assertRejected(longer, p.fromClient() ? SftpCodec::decodeRequest : SftpCodec::decodeReply);
                assertRejected(longer, SftpCodec::decodeBody);
            }
        }
    }

    @Test
    void attributeFlagsVersion3DoesNotDefineAreRejected() {
        // ATTRS reply with flag 0x10 (SSH_FILEXFER_ATTR_BITS of later drafts) and nothing else
        assertRejected(body("69 00000001 00000010"), SftpCodec::decodeReply);
        assertRejected(body("69 00000001 40000000"), SftpCodec::decodeReply);
    }

    @Test
    void anExtendedCountLargerThanTheDataIsRejectedBeforeAllocating() {
        // EXTENDED flag with count 2 but one pair present
        assertRejected(body("69 00000001 80000000 00000002 00000001 61 00000000"), SftpCodec::decodeReply);
        assertRejected(body("69 00000001 80000000 ffffffff"), SftpCodec::decodeReply);
        assertRejected(body("69 00000001 80000000 7fffffff 00000000 00000000"), SftpCodec::decodeReply);
        // and the count alone, with no room for it
        assertRejected(body("69 00000001 80000000 0000"), SftpCodec::decodeReply);
    }

    @Test
    void aFlagWhoseFieldsAreMissingIsRejected() {
        assertRejected(body("69 00000001 00000002 00000000"), SftpCodec::decodeReply); // uid without gid
        assertRejected(body("69 00000001 00000008 5f5e1000"), SftpCodec::decodeReply); // atime without mtime
        assertRejected(body("69 00000001 00000001 00000000"), SftpCodec::decodeReply); // half a uint64 size
    }

    @Test
    void extendedFlagWithCountZeroIsKeptSoItReencodesExactly() {
        byte[] b = body("69 00000001 80000000 00000000");
        SftpReply.Attrs a = assertInstanceOf(SftpReply.Attrs.class, SftpCodec.decodeReply(b));
        assertEquals(List.of(), a.attrs().extended().orElseThrow());
        assertEquals(Hex.of(b), Hex.of(SftpCodec.encodeBody(a)));
    }

    @Test
    void aNameCountLargerThanTheDataIsRejectedBeforeAllocating() {
        assertRejected(body("68 00000001 ffffffff"), SftpCodec::decodeReply);
        assertRejected(body("68 00000001 00000002 00000000 00000000 00000000"), SftpCodec::decodeReply);
    }

    @Test
    void stringLengthsPastTheBodyOrPast2To31AreRejected() {
        assertRejected(body("10 00000001 7fffffff 2e"), SftpCodec::decodeRequest);
        assertRejected(body("10 00000001 80000000 2e"), SftpCodec::decodeRequest);
        assertRejected(body("10 00000001 ffffffff"), SftpCodec::decodeRequest);
        assertRejected(body("67 00000001 fffffff0 00"), SftpCodec::decodeReply);
    }

    @Test
    void statusMayOmitMessageAndLanguageAndReencodesAsReceived() {
        byte[] codeOnly = body("65 00000007 00000002");
        assertEquals(new SftpReply.Status(7, 2, null, null), SftpCodec.decodeReply(codeOnly));
        byte[] noLanguage = body("65 00000007 00000002 00000002 6e6f");
        assertEquals(new SftpReply.Status(7, 2, "no", null), SftpCodec.decodeReply(noLanguage));
        for (byte[] b : List.of(codeOnly, noLanguage)) {
            assertEquals(Hex.of(b), Hex.of(SftpCodec.encodeBody(SftpCodec.decodeReply(b))));
        }
        assertRejected(body("65 00000007 00000002 00"), SftpCodec::decodeReply);
        assertRejected(body("65 00000007 00000002 00000001 ff 00000000"), SftpCodec::decodeReply); // not UTF-8
        assertThrows(IllegalArgumentException.class, () -> new SftpReply.Status(1, 0, null, ""));
    }

    @Test
    void packetsOfTheOtherDirectionAreRejected() {
        for (OpenSshTranscript.Packet p : OpenSshTranscript.all()) {
            assertRejected(p.body(), p.fromClient() ? SftpCodec::decodeReply : SftpCodec::decodeRequest);
        }
    }

    @Test
    void undefinedTypesAreUnknownRequestsOnTheServerAndErrorsElsewhere() {
        byte[] link = body("15 0000002a 00000001 61 00000001 62"); // SSH_FXP_LINK of draft 06+
        SftpRequest.Unknown u = assertInstanceOf(SftpRequest.Unknown.class, SftpCodec.decodeRequest(link));
        assertEquals(21, u.type());
        assertEquals(42, u.idIfPresent());
        assertEquals(-1, new SftpRequest.Unknown(21, Bytes.fromHex("0102")).idIfPresent());
        assertRejected(link, SftpCodec::decodeReply);
        assertRejected(link, SftpCodec::decodeBody);
        assertThrows(IllegalArgumentException.class, () -> new SftpRequest.Unknown(3, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new SftpRequest.Unknown(256, Bytes.EMPTY));
    }

    @Test
    void aKnownExtensionNameWithTheWrongDataIsRejected() {
        // limits@openssh.com takes no data
        assertRejected(body("c8 00000001 00000012 6c696d697473406f70656e7373682e636f6d 00"), SftpCodec::decodeRequest);
        // users-groups-by-id@openssh.com with a uids string of 5 bytes
        assertRejected(body("c8 00000001 0000001e 75736572732d67726f7570732d62792d6964406f70656e7373682e636f6d"
                + " 00000005 0000000000 00000000"), SftpCodec::decodeRequest);
        // fsync@openssh.com without its handle
        assertRejected(body("c8 00000001 00000011 6673796e63406f70656e7373682e636f6d"), SftpCodec::decodeRequest);
        assertThrows(IllegalArgumentException.class,
                () -> new SftpExtendedRequest.Unknown(SftpConstants.EXT_FSYNC, Bytes.EMPTY));
    }

    @Test
    void typedExtendedRepliesMustBeExactlyTheirFormat() {
        assertRejected(new byte[88 - 1], b -> StatvfsReply.decode(Bytes.of(b)));
        assertRejected(new byte[88 + 1], b -> StatvfsReply.decode(Bytes.of(b)));
        assertRejected(new byte[32 + 8], b -> LimitsReply.decode(Bytes.of(b)));
        assertRejected(body("00000002 0000 00000000"), b -> UsersGroupsByIdReply.decode(Bytes.of(b)));
        assertRejected(body("00000000 00000000 00"), b -> UsersGroupsByIdReply.decode(Bytes.of(b)));
    }

    @Test
    void aFramedPacketsLengthMustMatchWhatFollows() {
        assertRejected(body("00000005 01 00000003 00"), SftpCodec::decode);
        assertRejected(body("80000000 01 00000003"), SftpCodec::decode);
        assertRejected(body("ffffffff 01 00000003"), SftpCodec::decode);
        assertRejected(body("000000"), SftpCodec::decode);
    }

    @Test
    void localMisuseIsNotAFormatError() {
        assertThrows(IllegalArgumentException.class, () -> SftpAttributes.builder().permissions(1L << 32).build());
        assertThrows(IllegalArgumentException.class, () -> new SftpAttributes(
                SftpAttributes.EMPTY.size(), java.util.OptionalLong.of(1), java.util.OptionalLong.empty(),
                SftpAttributes.EMPTY.permissions(), SftpAttributes.EMPTY.atime(), SftpAttributes.EMPTY.mtime(),
                SftpAttributes.EMPTY.extended()));
        assertThrows(IllegalArgumentException.class,
                () -> new SftpHandleRequest.Read(1, Bytes.EMPTY, 0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new SftpExtendedRequest.UsersGroupsById(List.of(-1L), List.of()));
    }
}
