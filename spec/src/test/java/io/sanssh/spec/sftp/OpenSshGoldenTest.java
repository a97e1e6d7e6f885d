package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_CREAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_TRUNC;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real traffic: every packet recorded from OpenSSH 9.2p1's sftp-server decodes, has the fields
 * the session put there, and re-encodes byte for byte.
 */
class OpenSshGoldenTest {

    private static SftpPacket decode(OpenSshTranscript.Packet p) {
        return p.fromClient() ? SftpCodec.decodeRequest(p.body()) : SftpCodec.decodeReply(p.body());
    }

    private static SftpReply reply(String request) {
        return SftpCodec.decodeReply(OpenSshTranscript.get(request + "-reply").body());
    }

    private static SftpRequest request(String name) {
        return SftpCodec.decodeRequest(OpenSshTranscript.get(name).body());
    }

    private static Bytes utf8(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void everyRecordedPacketDecodesAndReencodesByteIdentically() {
        List<OpenSshTranscript.Packet> all = OpenSshTranscript.all();
        assertEquals(76, all.size(), "38 requests and their replies");
        for (OpenSshTranscript.Packet p : all) {
            SftpPacket decoded = decode(p);
            assertEquals(p.fromClient(), decoded instanceof SftpRequest, p.name());
            assertEquals(Hex.of(p.framed()), Hex.of(SftpCodec.encode(decoded)), p.name());
            assertEquals(decoded, SftpCodec.decode(p.framed()), p.name());
        }
    }

    @Test
    void versionListsTheElevenExtensionsOpenSsh92OffersInOrder() {
        assertEquals(SftpRequest.Init.v3(), request("init"));
        SftpReply.Version v = assertInstanceOf(SftpReply.Version.class, reply("init"));
        assertEquals(3, v.version());
        assertEquals(List.of(
                SftpExtensionPair.of("posix-rename@openssh.com", "1"),
                SftpExtensionPair.of("statvfs@openssh.com", "2"),
                SftpExtensionPair.of("fstatvfs@openssh.com", "2"),
                SftpExtensionPair.of("hardlink@openssh.com", "1"),
                SftpExtensionPair.of("fsync@openssh.com", "1"),
                SftpExtensionPair.of("lsetstat@openssh.com", "1"),
                SftpExtensionPair.of("limits@openssh.com", "1"),
                SftpExtensionPair.of("expand-path@openssh.com", "1"),
                SftpExtensionPair.of("copy-data", "1"),
                SftpExtensionPair.of("home-directory", "1"),
                SftpExtensionPair.of("users-groups-by-id@openssh.com", "1")), v.extensions());
        assertTrue(v.supports(SftpConstants.EXT_STATVFS, "2"));
    }

    @Test
    void realpathAnswersOneNameWithEmptyAttributes() {
        assertEquals(new SftpPathRequest.Realpath(1, utf8(".")), request("realpath"));
        Bytes dir = utf8("/tmp/sanssh-sftp-capture");
        assertEquals(new SftpReply.Name(1, List.of(new SftpReply.NameEntry(dir, dir, SftpAttributes.EMPTY))),
                reply("realpath"));
    }

    @Test
    void statAndLstatCarryEveryVersion3AttributeButExtended() {
        SftpAttributes hello = SftpAttributes.builder().size(12).owner(0, 0).permissions(0100644)
                .times(1700000000L, 1700000001L).build();
        assertEquals(new SftpReply.Attrs(2, hello), reply("stat"));
        assertEquals(0x0f, hello.flags());
        SftpReply.Attrs link = assertInstanceOf(SftpReply.Attrs.class, reply("lstat"));
        assertEquals(0120777L, link.attrs().permissions().getAsLong(), "a symbolic link");
        assertEquals(9L, link.attrs().size().getAsLong(), "the length of \"hello.txt\"");
        assertEquals(new SftpReply.Name(4, List.of(new SftpReply.NameEntry(utf8("hello.txt"), utf8("hello.txt"),
                SftpAttributes.EMPTY))), reply("readlink"));
    }

    @Test
    void statusRepliesCarryCodeMessageAndEmptyLanguage() {
        assertEquals(SftpReply.Status.of(5, SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file"), reply("stat-missing"));
        assertEquals(SftpReply.Status.of(8, SftpConstants.SSH_FX_EOF, "End of file"), reply("readdir-eof"));
        assertEquals(SftpReply.Status.of(9, SftpConstants.SSH_FX_OK, "Success"), reply("closedir"));
        assertEquals(SftpReply.Status.of(18, SftpConstants.SSH_FX_EOF, "End of file"), reply("read-eof"));
        assertEquals(SftpReply.Status.of(34, SftpConstants.SSH_FX_FAILURE, "Failure"), reply("home-directory-empty"));
        assertEquals(SftpReply.Status.of(37, SftpConstants.SSH_FX_OP_UNSUPPORTED, "Operation unsupported"),
                reply("unknown-extended"));
    }

    @Test
    void readdirListsTheDirectoryWithLongnamesAndAttributes() {
        Bytes handle = Bytes.of(new byte[4]);
        assertEquals(new SftpReply.Handle(6, handle), reply("opendir"));
        assertEquals(new SftpHandleRequest.Readdir(7, handle), request("readdir"));
        SftpReply.Name name = assertInstanceOf(SftpReply.Name.class, reply("readdir"));
        assertEquals(4, name.entries().size());
        SftpReply.NameEntry hello = name.entries().stream()
                .filter(e -> e.filename().equals(utf8("hello.txt"))).findFirst().orElseThrow();
        assertTrue(hello.longname().toUtf8().startsWith("-rw-r--r--    1 root     root"), hello.longname().toUtf8());
        assertTrue(hello.longname().toUtf8().endsWith(" hello.txt"));
        assertEquals(SftpAttributes.builder().size(12).owner(0, 0).permissions(0100644)
                .times(1700000000L, 1700000001L).build(), hello.attrs());
    }

    @Test
    void openWriteReadAndCloseAFile() {
        assertEquals(new SftpPathRequest.Open(10, utf8("dir/new.bin"), SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC,
                SftpAttributes.ofPermissions(0100600)), request("open-write"));
        Bytes w = Bytes.of(new byte[4]);
        Bytes r = Bytes.fromHex("00000001");
        assertEquals(new SftpHandleRequest.Write(11, w, 0, utf8("0123456789abcdef")), request("write"));
        assertEquals(16L, ((SftpReply.Attrs) reply("fstat")).attrs().size().getAsLong());
        assertEquals(new SftpHandleRequest.Fsetstat(13, w, SftpAttributes.builder().times(1600000000L, 1600000001L)
                .build()), request("fsetstat"));
        assertEquals(new SftpHandleRequest.Read(17, r, 0, 4096), request("read"));
        assertEquals(new SftpReply.Data(17, utf8("hello, sftp\n")), reply("read"));
        assertEquals(new SftpHandleRequest.Close(20, r), request("close-read"));
    }

    @Test
    void pathRequestsAsOpenSshReadsThem() {
        assertEquals(new SftpPathRequest.Setstat(22, utf8("dir/new.bin"), SftpAttributes.ofPermissions(0640)),
                request("setstat"));
        assertEquals(new SftpPathRequest.Mkdir(23, utf8("dir/sub"), SftpAttributes.ofPermissions(0750)),
                request("mkdir"));
        assertEquals(new SftpPathRequest.Rename(24, utf8("dir/sub"), utf8("dir/sub2")), request("rename"));
        assertEquals(new SftpPathRequest.Rmdir(25, utf8("dir/sub2")), request("rmdir"));
        // OpenSSH order: target first, then the link to create; the server made dir/newlink -> new.bin
        assertEquals(new SftpPathRequest.Symlink(26, utf8("new.bin"), utf8("dir/newlink")), request("symlink"));
        assertTrue(((SftpReply.Status) reply("symlink")).isOk());
        assertEquals(new SftpPathRequest.Remove(30, utf8("dir/hard.bin")), request("remove"));
    }

    @Test
    void extendedRequestsDecodeToTheirTypedBodies() {
        Bytes w = Bytes.of(new byte[4]);
        assertEquals(new SftpExtended(14, new SftpExtendedRequest.Fsync(w)), request("fsync"));
        assertEquals(new SftpExtended(15, new SftpExtendedRequest.Fstatvfs(w)), request("fstatvfs"));
        assertEquals(new SftpExtended(19, new SftpExtendedRequest.CopyData(Bytes.fromHex("00000001"), 0, 5, w, 16)),
                request("copy-data"));
        assertEquals(new SftpExtended(27, new SftpExtendedRequest.Lsetstat(utf8("dir/newlink"),
                SftpAttributes.builder().times(1500000000L, 1500000001L).build())), request("lsetstat"));
        assertEquals(new SftpExtended(28, new SftpExtendedRequest.PosixRename(utf8("dir/new.bin"),
                utf8("dir/renamed.bin"))), request("posix-rename"));
        assertEquals(new SftpExtended(29, new SftpExtendedRequest.Hardlink(utf8("dir/renamed.bin"),
                utf8("dir/hard.bin"))), request("hardlink"));
        assertEquals(new SftpExtended(31, new SftpExtendedRequest.Statvfs(utf8("dir"))), request("statvfs"));
        assertEquals(new SftpExtended(32, new SftpExtendedRequest.Limits()), request("limits"));
        assertEquals(new SftpExtended(33, new SftpExtendedRequest.ExpandPath(utf8("~/x"))), request("expand-path"));
        assertEquals(new SftpExtended(35, new SftpExtendedRequest.HomeDirectory("root")), request("home-directory"));
        assertEquals(new SftpExtended(36, new SftpExtendedRequest.UsersGroupsById(List.of(0L, 65534L, 424242L),
                List.of(0L, 424242L))), request("users-groups-by-id"));
        assertEquals(new SftpExtended(37, new SftpExtendedRequest.Unknown("nope@example.com", Bytes.fromHex("0000000178"))),
                request("unknown-extended"));
    }

    @Test
    void limitsReplyHasOpenSshsMessageAndReadWriteSizes() {
        SftpReply.ExtendedReply r = assertInstanceOf(SftpReply.ExtendedReply.class, reply("limits"));
        assertEquals(32, r.id());
        LimitsReply limits = LimitsReply.decode(r.data());
        assertEquals(256 * 1024L, limits.maxPacketLength());
        assertEquals(256 * 1024L - 1024, limits.maxReadLength());
        assertEquals(256 * 1024L - 1024, limits.maxWriteLength());
        assertTrue(limits.maxOpenHandles() > 0, "derived from RLIMIT_NOFILE on the recording machine");
        assertEquals(r, limits.toReply(32));
    }

    @Test
    void statvfsRepliesDecodeToElevenFields() {
        for (String name : List.of("statvfs", "fstatvfs")) {
            SftpReply.ExtendedReply r = assertInstanceOf(SftpReply.ExtendedReply.class, reply(name));
            StatvfsReply s = StatvfsReply.decode(r.data());
            assertEquals(4096, s.bsize(), name);
            assertEquals(4096, s.frsize(), name);
            assertEquals(255, s.namemax(), name);
            assertEquals(0, s.flag(), name);
            assertTrue(!s.readOnly() && !s.noSuid());
            assertTrue(s.bfree() >= s.bavail() && s.blocks() >= s.bfree(), name);
            assertEquals(r.data(), s.toBytes(), name);
        }
    }

    @Test
    void usersGroupsByIdNamesKnownIdsAndLeavesUnknownOnesEmpty() {
        SftpReply.ExtendedReply r = assertInstanceOf(SftpReply.ExtendedReply.class, reply("users-groups-by-id"));
        UsersGroupsByIdReply names = UsersGroupsByIdReply.decode(r.data());
        assertEquals(new UsersGroupsByIdReply(List.of("root", "nobody", ""), List.of("root", "")), names);
        assertEquals(r.data(), names.toBytes());
    }

    @Test
    void expandPathAndHomeDirectoryAnswerWithName() {
        Bytes x = utf8("/tmp/sanssh-sftp-capture/x");
        assertEquals(new SftpReply.Name(33, List.of(new SftpReply.NameEntry(x, x, SftpAttributes.EMPTY))),
                reply("expand-path"));
        Bytes root = utf8("/root");
        assertEquals(new SftpReply.Name(35, List.of(new SftpReply.NameEntry(root, root, SftpAttributes.EMPTY))),
                reply("home-directory"));
    }

    @Test
    void goldenBodiesAreSafeUnderTruncationAndMutation() {
        long seed = 0;
        for (OpenSshTranscript.Packet p : OpenSshTranscript.all()) {
            if (p.fromClient()) {
                CodecAssertions.assertTruncationsSafe(p.body(), SftpCodec::encodeBody, SftpCodec::decodeRequest);
                CodecAssertions.assertMutationsSafe(p.body(), SftpCodec::encodeBody, SftpCodec::decodeRequest,
                        seed++, 300);
            } else {
                CodecAssertions.assertTruncationsSafe(p.body(), SftpCodec::encodeBody, SftpCodec::decodeReply);
                CodecAssertions.assertMutationsSafe(p.body(), SftpCodec::encodeBody, SftpCodec::decodeReply,
                        seed++, 300);
            }
            CodecAssertions.assertTruncationsSafe(p.framed(), SftpCodec::encode, SftpCodec::decode);
            CodecAssertions.assertMutationsSafe(p.framed(), SftpCodec::encode, SftpCodec::decode, seed++, 100);
        }
    }

    @Test
    void goldenExtendedReplyDataIsSafeUnderTruncationAndMutation() {
        byte[] limits = ((SftpReply.ExtendedReply) reply("limits")).data().toByteArray();
        byte[] statvfs = ((SftpReply.ExtendedReply) reply("statvfs")).data().toByteArray();
        byte[] names = ((SftpReply.ExtendedReply) reply("users-groups-by-id")).data().toByteArray();
        CodecAssertions.<LimitsReply>assertTruncationsSafe(limits, l -> l.toBytes().toByteArray(),
                b -> LimitsReply.decode(Bytes.of(b)));
        CodecAssertions.<StatvfsReply>assertTruncationsSafe(statvfs, s -> s.toBytes().toByteArray(),
                b -> StatvfsReply.decode(Bytes.of(b)));
        CodecAssertions.<UsersGroupsByIdReply>assertTruncationsSafe(names, u -> u.toBytes().toByteArray(),
                b -> UsersGroupsByIdReply.decode(Bytes.of(b)));
        CodecAssertions.<UsersGroupsByIdReply>assertMutationsSafe(names, u -> u.toBytes().toByteArray(),
                b -> UsersGroupsByIdReply.decode(Bytes.of(b)), 7, 500);
    }
}
