package io.sanssh.drivers.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_CREAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_READ;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_TRUNC;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_WRITE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_FAILURE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_NO_SUCH_FILE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_PERMISSION_DENIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.sftp.SftpOpenFile;
import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The NIO backend on its own: confinement to the root, read-only mode, attributes both ways. */
class NioFileSystemBackendTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private NioFileSystemBackend fs;

    static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/file"), "inside");
        fs = new NioFileSystemBackend(root);
    }

    private static void refused(int code, Executable e) {
        SftpStatusException x = assertThrows(SftpStatusException.class, e);
        assertEquals(code, x.code(), x.getMessage());
        assertFalse(x.getMessage().contains("/"), () -> "no real path in the message: " + x.getMessage());
    }

    private String read(Bytes path) throws SftpStatusException {
        SftpOpenFile f = fs.open(path, SSH_FXF_READ, SftpAttributes.EMPTY);
        ByteBuffer buf = ByteBuffer.allocate(1000);
        int n = f.read(0, buf);
        f.close();
        return new String(buf.array(), 0, Math.max(0, n), StandardCharsets.UTF_8);
    }

    @Test
    void dotDotThatClimbsAboveTheRootIsRefused() throws Exception {
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.stat(b("../outside/secret")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.stat(b("sub/../../outside/secret")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.open(b("/../outside/secret"), SSH_FXF_READ, SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.realpath(b("..")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.mkdir(b("../made"), SftpAttributes.EMPTY));
        assertFalse(Files.exists(tmp.resolve("made")));
    }

    @Test
    void absolutePathsNameTheVirtualTree() throws Exception {
        refused(SSH_FX_NO_SUCH_FILE, () -> fs.stat(b("/etc/passwd")));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "not the real one");
        assertEquals("not the real one", read(b("/etc/passwd")));
        assertEquals("inside", read(b("/sub/./file")));
        assertEquals("inside", read(b("sub/../sub/file")));
        assertEquals(b("/"), fs.realpath(b(".")));
        assertEquals(b("/sub/file"), fs.realpath(b("sub//file")));
        assertEquals(b("/sub/new"), fs.realpath(b("sub/new")), "a missing final component is allowed");
    }

    @Test
    void symbolicLinksOnDiskThatPointOutAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../outside/secret"));
        Files.createSymbolicLink(root.resolve("chain"), Path.of("rel"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("planted"));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.stat(b("out")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.stat(b("out/secret")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.openDirectory(b("out")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.open(b("rel"), SSH_FXF_READ, SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.open(b("chain"), SSH_FXF_READ, SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.open(b("dangling"), SSH_FXF_WRITE | SSH_FXF_CREAT,
                SftpAttributes.EMPTY));
        assertFalse(Files.exists(outside.resolve("planted")), "nothing was created through the link");
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.mkdir(b("out/made"), SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.readlink(b("out")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.realpath(b("out")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.setstat(b("rel"), SftpAttributes.ofPermissions(0777)));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.hardlink(b("rel"), b("hard")));
        // the link itself is inside the root: it may be looked at and removed
        assertEquals(0120000, fs.lstat(b("out")).permissions().getAsLong() & 0170000);
        fs.remove(b("out"));
        assertTrue(Files.exists(outside.resolve("secret")));
    }

    @Test
    void symbolicLinksThatStayInsideWork() throws Exception {
        Files.createSymbolicLink(root.resolve("in"), Path.of("sub/file"));
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of("../sub"));
        assertEquals("inside", read(b("in")));
        assertEquals("inside", read(b("sub/up/file")));
        assertEquals(b("/sub/file"), fs.realpath(b("in")));
        assertEquals(b("sub/file"), fs.readlink(b("in")));

        fs.symlink(b("/sub/file"), b("abs"));
        assertEquals(b("/sub/file"), fs.readlink(b("abs")), "an absolute target reads back as the client wrote it");
        assertEquals("inside", read(b("abs")));
        fs.symlink(b("file"), b("sub/relative"));
        assertEquals("inside", read(b("sub/relative")));
    }

    @Test
    void symbolicLinksTheClientAimsOutsideAreRefused() throws Exception {
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.symlink(b("../outside/secret"), b("evil")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.symlink(b("/../outside"), b("evil")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.symlink(b("../../outside"), b("sub/evil")));
        assertFalse(Files.exists(root.resolve("evil"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readOnlyRefusesEveryChangeWithPermissionDenied() throws Exception {
        NioFileSystemBackend ro = new NioFileSystemBackend(root, true, "/");
        assertEquals("inside", new String(Files.readAllBytes(root.resolve("sub/file")), StandardCharsets.UTF_8));
        SftpOpenFile f = ro.open(b("sub/file"), SSH_FXF_READ, SftpAttributes.EMPTY);
        f.close();
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.open(b("sub/file"), SSH_FXF_WRITE, SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.open(b("new"), SSH_FXF_WRITE | SSH_FXF_CREAT, SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.mkdir(b("d"), SftpAttributes.EMPTY));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.remove(b("sub/file")));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.rmdir(b("sub")));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.rename(b("sub/file"), b("x")));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.posixRename(b("sub/file"), b("x")));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.setstat(b("sub/file"), SftpAttributes.ofPermissions(0600)));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.symlink(b("sub/file"), b("l")));
        refused(SSH_FX_PERMISSION_DENIED, () -> ro.hardlink(b("sub/file"), b("h")));
        assertTrue(ro.statvfs(b("/")).readOnly());
        assertEquals("inside", Files.readString(root.resolve("sub/file")));
    }

    @Test
    void attributesMapBothWays() throws Exception {
        SftpOpenFile f = fs.open(b("a"), SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC, SftpAttributes.ofPermissions(0600));
        f.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(3, f.stat().size().getAsLong());
        f.setstat(SftpAttributes.builder().size(10).build());
        f.close();
        assertEquals(10, Files.size(root.resolve("a")), "SETSTAT size extends like truncate(2)");
        fs.setstat(b("a"), SftpAttributes.builder().size(2).permissions(0640).times(1_000_000, 2_000_000).build());
        SftpAttributes a = fs.stat(b("a"));
        assertEquals(2, a.size().getAsLong());
        assertEquals(0100640, a.permissions().getAsLong());
        assertEquals(1_000_000, a.atime().getAsLong());
        assertEquals(2_000_000, a.mtime().getAsLong());
        assertEquals(FileTime.fromMillis(2_000_000_000L), Files.getLastModifiedTime(root.resolve("a")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a"))));
        long uid = ((Number) Files.getAttribute(root.resolve("a"), "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(root.resolve("a"), "unix:gid")).longValue();
        assertEquals(uid, a.uid().getAsLong());
        assertEquals(gid, a.gid().getAsLong());
        fs.setstat(b("a"), SftpAttributes.builder().owner(uid, gid).build());
        assertEquals(040000, fs.stat(b("sub")).permissions().getAsLong() & 0170000);
    }

    @Test
    void errorsMapLikeOpenSsh() throws Exception {
        refused(SSH_FX_NO_SUCH_FILE, () -> fs.stat(b("missing")));
        refused(SSH_FX_NO_SUCH_FILE, () -> fs.open(b("sub/file/inner"), SSH_FXF_READ, SftpAttributes.EMPTY));
        refused(SSH_FX_FAILURE, () -> fs.mkdir(b("sub"), SftpAttributes.EMPTY));
        refused(SSH_FX_FAILURE, () -> fs.rmdir(b("sub")));
        refused(SSH_FX_FAILURE, () -> fs.rename(b("sub/file"), b("sub")));
        refused(SSH_FX_PERMISSION_DENIED, () -> fs.rmdir(b("/")));
    }
}
