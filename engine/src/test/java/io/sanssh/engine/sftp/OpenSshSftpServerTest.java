package io.sanssh.engine.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_CREAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_READ;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_TRUNC;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_WRITE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_EOF;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_FAILURE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_NO_SUCH_FILE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_OP_UNSUPPORTED;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_PERMISSION_DENIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.sftp.SftpExtendedRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client session against OpenSSH's real {@code sftp-server} over pipes: every version 3
 * request, every extension it offers, and the status codes of common errors.
 */
class OpenSshSftpServerTest {
    @TempDir
    Path dir;
    private ProcessPeer server;
    private SftpClientSession client;
    private ClientPump pump;

    static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(ProcessPeer.OPENSSH_SFTP_SERVER), "OpenSSH sftp-server is not installed");
        Files.writeString(dir.resolve("hello.txt"), "hello, world\n");
        server = ProcessPeer.openSsh(dir);
        client = new SftpClientSession();
        pump = new ClientPump(client, server);
        pump.handshake();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void versionRecordsEveryExtensionOpenSshOffers() {
        SftpServerExtensions ext = client.server().orElseThrow();
        assertEquals(3, ext.version());
        for (String name : List.of(SftpConstants.EXT_POSIX_RENAME, SftpConstants.EXT_STATVFS, SftpConstants.EXT_FSTATVFS,
                SftpConstants.EXT_HARDLINK, SftpConstants.EXT_FSYNC, SftpConstants.EXT_LSETSTAT, SftpConstants.EXT_LIMITS,
                SftpConstants.EXT_EXPAND_PATH, SftpConstants.EXT_COPY_DATA, SftpConstants.EXT_HOME_DIRECTORY,
                SftpConstants.EXT_USERS_GROUPS_BY_ID)) {
            assertTrue(client.offers(name), name);
        }
        assertEquals("2", ext.versionOf(SftpConstants.EXT_STATVFS).orElseThrow());
        assertEquals(SftpLifecycle.State.READY, client.state());
    }

    @Test
    void limitsAreRecordedOnceAsked() {
        assertTrue(client.serverLimits().isEmpty());
        LimitsReply l = pump.ok(SftpRequests.limits()).extended(LimitsReply.class);
        assertEquals(256 * 1024, l.maxPacketLength());
        assertEquals(256 * 1024 - 1024, l.maxReadLength());
        assertEquals(l, client.serverLimits().orElseThrow());
    }

    @Test
    void fileRequestsOpenWriteStatSyncReadCopyAndClose() throws IOException {
        Bytes h = pump.ok(SftpRequests.open(b("new.bin"), SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC,
                SftpAttributes.ofPermissions(0640))).handle();
        pump.ok(SftpRequests.write(h, 0, b("0123456789abcdef")));
        assertEquals(16, pump.ok(SftpRequests.fstat(h)).attrs().size().getAsLong());
        pump.ok(SftpRequests.fsetstat(h, SftpAttributes.builder().times(1_600_000_000L, 1_600_000_001L).build()));
        pump.ok(SftpRequests.fsync(h));
        StatvfsReply fs = pump.ok(SftpRequests.fstatvfs(h)).extended(StatvfsReply.class);
        assertTrue(fs.bsize() > 0);
        pump.ok(SftpRequests.close(h));
        assertEquals(FileTime.fromMillis(1_600_000_001_000L), Files.getLastModifiedTime(dir.resolve("new.bin")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new.bin"))));

        Bytes r = pump.ok(SftpRequests.open(b("new.bin"), SSH_FXF_READ, SftpAttributes.EMPTY)).handle();
        assertEquals(b("0123456789abcdef"), pump.ok(SftpRequests.read(r, 0, 100)).data());
        assertEquals(b("abc"), pump.ok(SftpRequests.read(r, 10, 3)).data());
        assertTrue(pump.fails(SftpRequests.read(r, 16, 100), SSH_FX_EOF).isEof());
        Bytes w = pump.ok(SftpRequests.open(b("copy.bin"), SSH_FXF_WRITE | SSH_FXF_CREAT, SftpAttributes.EMPTY)).handle();
        pump.ok(SftpRequests.copyData(r, 4, 0, w, 0));
        pump.ok(SftpRequests.close(w));
        pump.ok(SftpRequests.close(r));
        assertEquals("456789abcdef", Files.readString(dir.resolve("copy.bin")));

        SftpAttributes st = pump.ok(SftpRequests.stat(b("new.bin"))).attrs();
        assertEquals(16, st.size().getAsLong());
        assertEquals(0100640, st.permissions().getAsLong());
        pump.ok(SftpRequests.setstat(b("new.bin"), SftpAttributes.ofPermissions(0600)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new.bin"))));
    }

    @Test
    void directoryRequestsMakeListAndRemove() throws IOException {
        pump.ok(SftpRequests.mkdir(b("sub"), SftpAttributes.ofPermissions(0755)));
        Files.writeString(dir.resolve("sub/a"), "a");
        Files.writeString(dir.resolve("sub/b"), "b");
        Bytes h = pump.ok(SftpRequests.opendir(b("sub"))).handle();
        Set<String> names = new HashSet<>();
        while (true) {
            SftpCompletion c = pump.call(SftpRequests.readdir(h));
            if (!c.succeeded()) {
                assertTrue(c.failure().isEof(), c.failure().describe());
                break;
            }
            for (SftpReply.NameEntry e : ((SftpCompletion.Succeeded) c).names()) {
                names.add(e.filename().toUtf8());
            }
        }
        pump.ok(SftpRequests.close(h));
        assertEquals(Set.of(".", "..", "a", "b"), names);
        assertEquals(SSH_FX_FAILURE, pump.fails(SftpRequests.rmdir(b("sub")), SSH_FX_FAILURE).code());
        pump.ok(SftpRequests.remove(b("sub/a")));
        pump.ok(SftpRequests.remove(b("sub/b")));
        pump.ok(SftpRequests.rmdir(b("sub")));
        assertFalse(Files.exists(dir.resolve("sub")));
    }

    @Test
    void pathRequestsAndExtensions() throws IOException {
        assertEquals(dir.toRealPath().toString(), pump.ok(SftpRequests.realpath(b("."))).firstName().toUtf8());
        pump.ok(SftpRequests.rename(b("hello.txt"), b("renamed.txt")));
        Files.writeString(dir.resolve("other.txt"), "other");
        pump.fails(SftpRequests.rename(b("other.txt"), b("renamed.txt")), SSH_FX_FAILURE);
        pump.ok(SftpRequests.posixRename(b("other.txt"), b("renamed.txt")));
        assertEquals("other", Files.readString(dir.resolve("renamed.txt")));

        pump.ok(SftpRequests.symlink(b("renamed.txt"), b("link")));
        assertEquals(b("renamed.txt"), pump.ok(SftpRequests.readlink(b("link"))).firstName());
        assertEquals(0120000, pump.ok(SftpRequests.lstat(b("link"))).attrs().permissions().getAsLong() & 0170000);
        assertEquals(0100000, pump.ok(SftpRequests.stat(b("link"))).attrs().permissions().getAsLong() & 0170000);
        pump.ok(SftpRequests.lsetstat(b("link"), SftpAttributes.builder().times(1_500_000_000L, 1_500_000_000L).build()));

        pump.ok(SftpRequests.hardlink(b("renamed.txt"), b("hard.txt")));
        assertTrue(Files.isSameFile(dir.resolve("renamed.txt"), dir.resolve("hard.txt")));
        pump.ok(SftpRequests.remove(b("hard.txt")));

        StatvfsReply fs = pump.ok(SftpRequests.statvfs(b("."))).extended(StatvfsReply.class);
        assertTrue(fs.blocks() > 0 && fs.namemax() > 0);
        assertEquals(dir.toRealPath().resolve("renamed.txt").toString(),
                pump.ok(SftpRequests.expandPath(b("renamed.txt"))).firstName().toUtf8());
        String user = System.getProperty("user.name");
        assertEquals(Path.of(System.getProperty("user.home")).toRealPath().toString(),
                Path.of(pump.ok(SftpRequests.homeDirectory(user)).firstName().toUtf8()).toRealPath().toString());
        long uid = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        UsersGroupsByIdReply names = pump.ok(SftpRequests.usersGroupsById(List.of(uid), List.of()))
                .extended(UsersGroupsByIdReply.class);
        assertEquals(List.of(user), names.usernames());
    }

    @Test
    void errorsCarryOpenSshStatusCodes() throws IOException {
        SftpFailure missing = pump.fails(SftpRequests.stat(b("missing")), SSH_FX_NO_SUCH_FILE);
        assertTrue(missing.fromServer());
        assertTrue(missing.describe().contains("SSH_FXP_STAT"), missing.describe());
        // a path under a regular file: ENOTDIR, which OpenSSH reports as "no such file"
        pump.fails(SftpRequests.openForRead(b("hello.txt/inner")), SSH_FX_NO_SUCH_FILE);
        pump.fails(SftpRequests.mkdir(b("hello.txt/inner"), SftpAttributes.EMPTY), SSH_FX_NO_SUCH_FILE);
        pump.fails(SftpRequests.mkdir(b("."), SftpAttributes.EMPTY), SSH_FX_FAILURE);
        pump.fails(SftpRequests.remove(b("missing")), SSH_FX_NO_SUCH_FILE);
    }

    @Test
    void permissionDeniedOnAnUnreadableFile() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: file permissions do not deny root, so EACCES cannot be provoked");
        Path locked = dir.resolve("locked");
        Files.writeString(locked, "secret");
        Files.setPosixFilePermissions(locked, Set.of());
        pump.fails(SftpRequests.openForRead(b("locked")), SSH_FX_PERMISSION_DENIED);
    }

    @Test
    void anExtensionTheServerDidNotAnnounceIsNeverSent() {
        long before = client.pendingOutput();
        SftpCompletion c = pump.call(SftpRequests.extended(
                new SftpExtendedRequest.Unknown("flock@openssh.com", Bytes.of(new byte[] {0, 0, 0, 1}))));
        assertEquals(SSH_FX_OP_UNSUPPORTED, c.failure().code());
        assertFalse(c.failure().fromServer());
        assertTrue(c.failure().message().contains("not supported by the server"), c.failure().message());
        assertEquals(before, client.pendingOutput());
    }

    @Test
    void closeWaitsForOutstandingRepliesThenCloses() {
        int id = client.send(SftpRequests.stat(b("hello.txt")));
        client.close();
        assertEquals(SftpLifecycle.State.CLOSING, client.state());
        assertTrue(pump.await(id).succeeded());
        assertEquals(SftpLifecycle.State.CLOSED, client.state());
        assertTrue(client.endReason().isEmpty());
    }
}
