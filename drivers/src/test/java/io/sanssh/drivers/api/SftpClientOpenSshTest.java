package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SftpClient} against OpenSSH's {@code sftp-server} behind {@code sshd} on 127.0.0.1: bulk
 * transfers checked by checksum, every operation and OpenSSH extension, and the server's error
 * codes. Skipped where OpenSSH's server is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SftpClientOpenSshTest {
    @TempDir
    static Path dir;
    private OpenSshd sshd;
    private SshSession session;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(OpenSshd.available(), "OpenSSH sshd not installed");
        sshd = OpenSshd.start(dir);
        session = sshd.loginWithKey();
        work = Files.createDirectories(dir.resolve("work"));
    }

    @AfterAll
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Writes {@code mib} MiB of seeded pseudo-random bytes (each MiB distinct) and returns their CRC32C. */
    static long writeSeeded(Path file, int mib, long seed) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        ByteBuffer b = ByteBuffer.wrap(block);
        CRC32C crc = new CRC32C();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < mib; i++) {
                b.putLong(0, seed * 31 + i);
                crc.update(block);
                b.clear();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
        return crc.getValue();
    }

    static long crc(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(b) >= 0) {
                b.flip();
                crc.update(b);
                b.clear();
            }
        }
        return crc.getValue();
    }

    @Test
    void downloadsOneGibibyteIntact() throws Exception {
        Path remote = work.resolve("big.bin");
        long expected = writeSeeded(remote, 1024, 11);
        Path local = dir.resolve("big.copy");
        AtomicLong progress = new AtomicLong();
        try (SftpClient sftp = session.sftp()) {
            long n = sftp.get(remote.toString(), local, TransferOptions.defaults(), new TransferListener() {
                @Override
                public void progress(long bytesDone, long expectedTotal) {
                    progress.set(bytesDone);
                }
            });
            assertEquals(1L << 30, n);
        } finally {
            Files.deleteIfExists(remote);
        }
        assertEquals(1L << 30, progress.get());
        assertEquals(1L << 30, Files.size(local));
        assertEquals(expected, crc(local));
        Files.delete(local);
    }

    @Test
    void uploadsTwoHundredFiftySixMebibytesIntact() throws Exception {
        Path local = dir.resolve("up.bin");
        long expected = writeSeeded(local, 256, 12);
        Path remote = work.resolve("up.remote");
        try (SftpClient sftp = session.sftp()) {
            assertEquals(256L << 20, sftp.put(local, remote.toString()));
            // honest completion: every WRITE acknowledged and the handle closed before put returned
            assertEquals(256L << 20, Files.size(remote));
            assertEquals(expected, crc(remote));
        } finally {
            Files.deleteIfExists(remote);
            Files.delete(local);
        }
    }

    @Test
    void resumesDownloadsAndUploadsFromWhereTheyStopped() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new Random(5).nextBytes(data);
        Path remote = work.resolve("resume.bin");
        Files.write(remote, data);
        Path local = dir.resolve("resume.local");
        Files.write(local, java.util.Arrays.copyOf(data, 1_000_000));
        try (SftpClient sftp = session.sftp()) {
            List<Long> seen = new ArrayList<>();
            long n = sftp.getResume(remote.toString(), local, new TransferListener() {
                @Override
                public void progress(long bytesDone, long expectedTotal) {
                    seen.add(bytesDone);
                }
            });
            assertEquals(data.length - 1_000_000, n);
            assertArrayEquals(data, Files.readAllBytes(local));
            assertEquals(n, seen.get(seen.size() - 1));

            Path partial = work.resolve("resume.up");
            Files.write(partial, java.util.Arrays.copyOf(data, 2_000_000));
            assertEquals(data.length - 2_000_000, sftp.putResume(local, partial.toString(), TransferListener.NONE));
            assertArrayEquals(data, Files.readAllBytes(partial));
        }
    }

    @Test
    void everyOperationAndExtensionWorks() throws Exception {
        try (SftpClient sftp = session.sftp()) {
            Set<String> ext = sftp.extensions();
            for (String e : List.of(SftpConstants.EXT_LIMITS, SftpConstants.EXT_POSIX_RENAME, SftpConstants.EXT_STATVFS,
                    SftpConstants.EXT_FSYNC, SftpConstants.EXT_HARDLINK, SftpConstants.EXT_EXPAND_PATH)) {
                assertTrue(ext.contains(e), e + " in " + ext);
            }
            assertTrue(sftp.limits().isPresent());
            assertEquals(sftp.limits().get().maxReadLength(), sftp.requestSize());

            String w = work.toString();
            sftp.mkdir(w + "/d");
            assertEquals(w, sftp.realpath(w + "/./d/.."));
            assertTrue(Files.isDirectory(work.resolve("d")));
            try (OutputStream out = sftp.openOutputStream(w + "/d/a.txt")) {
                out.write("hello sftp\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("hello sftp\n", Files.readString(work.resolve("d/a.txt")));
            try (InputStream in = sftp.openInputStream(w + "/d/a.txt")) {
                assertEquals("hello sftp\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            SftpAttributes a = sftp.stat(w + "/d/a.txt");
            assertEquals(11, a.size().getAsLong());
            sftp.chmod(w + "/d/a.txt", 0640);
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("d/a.txt"))));
            assertEquals(0100640, sftp.stat(w + "/d/a.txt").permissions().getAsLong());
            sftp.setstat(w + "/d/a.txt", SftpAttributes.builder().times(1_000_000, 1_500_000).build());
            assertEquals(1_500_000, Files.getLastModifiedTime(work.resolve("d/a.txt")).toMillis() / 1000);

            sftp.symlink("a.txt", w + "/d/link");
            assertEquals("a.txt", sftp.readlink(w + "/d/link"));
            assertEquals(0120000, sftp.lstat(w + "/d/link").permissions().getAsLong() & 0170000);
            assertEquals(0100000, sftp.stat(w + "/d/link").permissions().getAsLong() & 0170000);

            List<SftpEntry> entries = sftp.list(w + "/d");
            Set<String> names = entries.stream().map(SftpEntry::name).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("a.txt", "link")), names.toString());
            SftpEntry link = entries.stream().filter(e -> e.name().equals("link")).findFirst().orElseThrow();
            assertTrue(link.isSymbolicLink());
            assertTrue(link.longName().startsWith("l"), link.longName());

            sftp.hardlink(w + "/d/a.txt", w + "/d/hard");
            assertEquals(2, ((Number) Files.getAttribute(work.resolve("d/a.txt"), "unix:nlink")).intValue());
            Files.writeString(work.resolve("d/other"), "other");
            sftp.rename(w + "/d/other", w + "/d/hard");  // posix-rename replaces
            assertEquals("other", Files.readString(work.resolve("d/hard")));

            var vfs = sftp.statvfsAsync(w).get();
            assertTrue(vfs.blocks() > 0 && vfs.bsize() > 0, vfs.toString());
            assertEquals(System.getProperty("user.home"), sftp.expandPath("~"));
            assertEquals(System.getProperty("user.home") + "/x", sftp.expandPathAsync("~/x").get());
            if (ext.contains(SftpConstants.EXT_HOME_DIRECTORY)) {
                assertEquals(System.getProperty("user.home"), sftp.homeDirectory(System.getProperty("user.name")));
            }
            if (ext.contains(SftpConstants.EXT_USERS_GROUPS_BY_ID)) {
                var names2 = sftp.usersGroupsById(List.of(0L), List.of(0L));
                assertEquals(List.of("root"), names2.usernames());
                assertEquals(List.of("root"), names2.groupnames());
            }
            if (ext.contains(SftpConstants.EXT_COPY_DATA)) {
                sftp.copy(w + "/d/a.txt", w + "/d/copy.txt");
                assertEquals("hello sftp\n", Files.readString(work.resolve("d/copy.txt")));
                sftp.remove(w + "/d/copy.txt");
            }

            try (SftpFileChannel ch = sftp.openChannel(w + "/d/rw.bin", StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                ch.write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII)));
                ch.force();
                assertEquals(10, ch.size());
                ch.position(4);
                ByteBuffer three = ByteBuffer.allocate(3);
                assertEquals(3, ch.read(three));
                assertEquals("456", new String(three.array(), StandardCharsets.US_ASCII));
                ch.truncate(6);
                assertEquals(6, ch.size());
                ch.position(6);
                assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
            }
            assertEquals("012345", Files.readString(work.resolve("d/rw.bin")));

            List<CompletableFuture<SftpAttributes>> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(sftp.statAsync(w + "/d/a.txt"));
            }
            for (CompletableFuture<SftpAttributes> f : many) {
                assertEquals(11, f.get().size().getAsLong());
            }
            sftp.renameAsync(w + "/d/rw.bin", w + "/d/rw2.bin").get();
            assertTrue(Files.exists(work.resolve("d/rw2.bin")));

            for (String f : List.of("a.txt", "link", "hard", "rw2.bin")) {
                sftp.remove(w + "/d/" + f);
            }
            assertFalse(Files.exists(work.resolve("d/link"), LinkOption.NOFOLLOW_LINKS));
            sftp.rmdir(w + "/d");
            assertFalse(Files.exists(work.resolve("d")));
        }
    }

    @Test
    void theExtensionsAndOpenChannelHaveAsynchronousFormsToo() throws Exception {
        Path d = Files.createDirectories(work.resolve("async"));
        Files.writeString(d.resolve("src.txt"), "copied by the server\n");
        String w = d.toString();
        try (SftpClient sftp = session.sftp()) {
            for (String e : List.of(SftpConstants.EXT_HOME_DIRECTORY, SftpConstants.EXT_USERS_GROUPS_BY_ID,
                    SftpConstants.EXT_COPY_DATA)) {
                assertTrue(sftp.offers(e), "OpenSSH 9 offers " + e + ": " + sftp.extensions());
            }
            CompletableFuture<String> home = sftp.homeDirectoryAsync(System.getProperty("user.name"));
            var ids = sftp.usersGroupsByIdAsync(List.of(0L, 4_000_000_000L), List.of(0L));
            CompletableFuture<Void> copy = sftp.copyAsync(w + "/src.txt", w + "/copy.txt");
            CompletableFuture<SftpFileChannel> opened = sftp.openChannelAsync(w + "/rw.bin", StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW);
            assertEquals(System.getProperty("user.home"), home.get());
            assertEquals(List.of("root", ""), ids.get().usernames(), "an unknown uid gets the empty name");
            assertEquals(List.of("root"), ids.get().groupnames());
            assertNull(copy.get());
            assertEquals("copied by the server\n", Files.readString(d.resolve("copy.txt")));
            try (SftpFileChannel ch = opened.get()) {
                ch.write(ByteBuffer.wrap("async".getBytes(StandardCharsets.US_ASCII)));
            }
            assertEquals("async", Files.readString(d.resolve("rw.bin")));

            // failures arrive through the future, with the server's code and the request named
            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> sftp.copyAsync(w + "/nothing", w + "/never").get());
            SftpException cause = assertInstanceOf(SftpException.class, missing.getCause());
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, cause.code());
            assertTrue(cause.requestName().startsWith("SSH_FXP_OPEN"), cause.requestName());
            assertFalse(Files.exists(d.resolve("never")));
            ExecutionException exists = assertThrows(ExecutionException.class,
                    () -> sftp.openChannelAsync(w + "/rw.bin", StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)
                            .get());
            assertEquals(SftpConstants.SSH_FX_FAILURE, assertInstanceOf(SftpException.class, exists.getCause()).code());
        }
    }

    @Test
    void mkdirWithPermissionsGivesTheNewDirectoryThatModeLessTheServersUmask() throws Exception {
        String w = work.toString();
        try (SftpClient sftp = session.sftp()) {
            sftp.mkdir(w + "/private", SftpAttributes.ofPermissions(0700));
            sftp.mkdir(w + "/open", SftpAttributes.ofPermissions(0777));
            assertEquals(0700, sftp.stat(w + "/private").permissions().getAsLong() & 07777);
            long open = sftp.stat(w + "/open").permissions().getAsLong() & 07777;
            assertEquals(0755, open & 0755, "0777 less sshd's umask: " + Long.toOctalString(open));
            assertThrows(SftpException.class, () -> sftp.mkdir(w + "/private", SftpAttributes.ofPermissions(0700)));
        }
    }

    @Test
    void failuresCarryTheServersStatusCodeAndNameTheRequest() throws Exception {
        String w = work.toString();
        Files.writeString(work.resolve("plain"), "x");
        try (SftpClient sftp = session.sftp()) {
            SftpException missing = assertThrows(SftpException.class, () -> sftp.stat(w + "/nothing-here"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, missing.code());
            assertTrue(missing.fromServer());
            assertTrue(missing.getMessage().contains("SSH_FXP_STAT"), missing.getMessage());
            assertTrue(missing.getMessage().contains("nothing-here"), missing.getMessage());

            SftpException getMissing = assertThrows(SftpException.class,
                    () -> sftp.get(w + "/nothing-here", dir.resolve("never")));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, getMissing.code());
            assertTrue(getMissing.requestName().startsWith("SSH_FXP_OPEN"), getMissing.requestName());

            // not a directory: OpenSSH maps ENOTDIR to NO_SUCH_FILE (version 3 has no closer code)
            SftpException notDir = assertThrows(SftpException.class, () -> sftp.mkdir(w + "/plain/sub"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, notDir.code());
            SftpException listFile = assertThrows(SftpException.class, () -> sftp.list(w + "/plain"));
            assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, listFile.code(), listFile.getMessage());
            assertTrue(listFile.requestName().startsWith("SSH_FXP_OPENDIR"), listFile.requestName());
            SftpException exists = assertThrows(SftpException.class, () -> sftp.mkdir(w));
            assertEquals(SftpConstants.SSH_FX_FAILURE, exists.code());
        }
    }

    @Test
    void anUnprivilegedUserIsRefusedWithPermissionDenied() throws Exception {
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "sanssh-sftp-perm");
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path secret = shared.resolve("secret");
            Files.writeString(secret, "root only");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            try (SshSession user = sshd.loginTestUser(); SftpClient sftp = user.sftp()) {
                SftpException read = assertThrows(SftpException.class,
                        () -> sftp.get(secret.toString(), dir.resolve("stolen")));
                assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, read.code(), read.getMessage());
                Path upload = dir.resolve("u.txt");
                Files.writeString(upload, "u");
                SftpException write = assertThrows(SftpException.class,
                        () -> sftp.put(upload, shared + "/new.txt"));
                assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, write.code(), write.getMessage());
                SftpException rm = assertThrows(SftpException.class, () -> sftp.remove(secret.toString()));
                assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, rm.code(), rm.getMessage());
                assertEquals("root only", Files.readString(secret));
            }
        } finally {
            try (var s = Files.walk(shared)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
