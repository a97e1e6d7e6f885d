package io.sanssh.drivers.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_CREAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_READ;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_TRUNC;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_WRITE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_EOF;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_NO_SUCH_FILE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_OP_UNSUPPORTED;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_PERMISSION_DENIED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.sftp.ByteSink;
import io.sanssh.engine.sftp.ByteSource;
import io.sanssh.engine.sftp.ClientPump;
import io.sanssh.engine.sftp.Download;
import io.sanssh.engine.sftp.ServerSessionPeer;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.engine.sftp.SftpRequests;
import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.engine.sftp.Upload;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client session against our server session over {@link NioFileSystemBackend} in a temporary
 * directory, all in memory: the server cuts bytes at random and answers out of order.
 */
class ClientAgainstNioServerTest {
    @TempDir
    Path root;
    private SftpServerSession server;
    private ServerSessionPeer peer;
    private SftpClientSession client;
    private ClientPump pump;

    static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    private void connect(long seed, boolean readOnly) throws IOException {
        server = new SftpServerSession(new NioFileSystemBackend(root, readOnly, "/"));
        peer = new ServerSessionPeer(server, seed).reordering();
        client = new SftpClientSession();
        pump = new ClientPump(client, peer, 1 + new Random(seed).nextInt(90_000));
        pump.handshake();
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static ByteSource sourceOf(byte[] data) {
        return (offset, dst) -> {
            if (offset >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - offset);
            dst.put(data, (int) offset, n);
            return n;
        };
    }

    static final class Collect implements ByteSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next;

        Collect(long start) {
            next = start;
        }

        @Override
        public void write(long offset, ByteBuffer data) {
            assertEquals(next, offset);
            next += data.remaining();
            while (data.hasRemaining()) {
                out.write(data.get());
            }
        }
    }

    @Test
    void everyRequestKindWorksAgainstTheNioServer() throws IOException {
        connect(1, false);
        assertTrue(client.offers(SftpConstants.EXT_LIMITS) && client.offers(SftpConstants.EXT_POSIX_RENAME));
        assertFalse(client.offers(SftpConstants.EXT_USERS_GROUPS_BY_ID));
        LimitsReply limits = pump.ok(SftpRequests.limits()).extended(LimitsReply.class);
        assertEquals(261120, limits.maxReadLength());

        assertEquals(b("/"), pump.ok(SftpRequests.realpath(b("."))).firstName());
        pump.ok(SftpRequests.mkdir(b("d"), SftpAttributes.ofPermissions(0750)));
        Bytes h = pump.ok(SftpRequests.open(b("d/f"), SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC,
                SftpAttributes.ofPermissions(0644))).handle();
        pump.ok(SftpRequests.write(h, 0, b("hello world")));
        pump.ok(SftpRequests.fsetstat(h, SftpAttributes.builder().times(5000, 6000).build()));
        assertEquals(11, pump.ok(SftpRequests.fstat(h)).attrs().size().getAsLong());
        pump.ok(SftpRequests.fsync(h));
        assertTrue(pump.ok(SftpRequests.fstatvfs(h)).extended(StatvfsReply.class).blocks() > 0);
        pump.ok(SftpRequests.close(h));
        assertEquals(6000, pump.ok(SftpRequests.stat(b("d/f"))).attrs().mtime().getAsLong());
        pump.ok(SftpRequests.setstat(b("d/f"), SftpAttributes.ofPermissions(0600)));
        assertEquals(0100600, pump.ok(SftpRequests.lstat(b("d/f"))).attrs().permissions().getAsLong());

        Bytes r = pump.ok(SftpRequests.open(b("d/f"), SSH_FXF_READ, SftpAttributes.EMPTY)).handle();
        assertEquals(b("world"), pump.ok(SftpRequests.read(r, 6, 100)).data());
        pump.fails(SftpRequests.read(r, 11, 100), SSH_FX_EOF);
        Bytes w = pump.ok(SftpRequests.open(b("d/copy"), SSH_FXF_WRITE | SSH_FXF_CREAT, SftpAttributes.EMPTY)).handle();
        pump.ok(SftpRequests.copyData(r, 0, 5, w, 0));
        pump.ok(SftpRequests.close(w));
        pump.ok(SftpRequests.close(r));
        assertEquals("hello", Files.readString(root.resolve("d/copy")));

        Bytes dh = pump.ok(SftpRequests.opendir(b("d"))).handle();
        Set<String> names = new HashSet<>();
        SftpCompletion c;
        while ((c = pump.call(SftpRequests.readdir(dh))).succeeded()) {
            for (SftpReply.NameEntry e : ((SftpCompletion.Succeeded) c).names()) {
                names.add(e.filename().toUtf8());
                assertTrue(e.longname().toUtf8().endsWith(e.filename().toUtf8()));
            }
        }
        assertTrue(c.failure().isEof());
        pump.ok(SftpRequests.close(dh));
        assertEquals(Set.of("f", "copy"), names);

        pump.ok(SftpRequests.rename(b("d/copy"), b("d/copy2")));
        pump.fails(SftpRequests.rename(b("d/copy2"), b("d/f")), SftpConstants.SSH_FX_FAILURE);
        pump.ok(SftpRequests.posixRename(b("d/copy2"), b("d/f")));
        assertEquals("hello", Files.readString(root.resolve("d/f")));
        pump.ok(SftpRequests.symlink(b("d/f"), b("link")));
        assertEquals(b("d/f"), pump.ok(SftpRequests.readlink(b("link"))).firstName());
        pump.ok(SftpRequests.lsetstat(b("d/f"), SftpAttributes.builder().times(7000, 8000).build()));
        pump.ok(SftpRequests.hardlink(b("d/f"), b("hard")));
        assertTrue(Files.isSameFile(root.resolve("d/f"), root.resolve("hard")));
        assertEquals(b("/d/f"), pump.ok(SftpRequests.expandPath(b("~/d/f"))).firstName());
        assertEquals(b("/"), pump.ok(SftpRequests.homeDirectory("")).firstName());
        assertTrue(pump.ok(SftpRequests.statvfs(b("/"))).extended(StatvfsReply.class).bsize() > 0);
        SftpFailure notOffered = pump.fails(SftpRequests.usersGroupsById(List.of(0L), List.of()),
                SSH_FX_OP_UNSUPPORTED);
        assertFalse(notOffered.fromServer());
        pump.ok(SftpRequests.remove(b("link")));
        pump.ok(SftpRequests.remove(b("hard")));
        pump.ok(SftpRequests.remove(b("d/f")));
        pump.ok(SftpRequests.rmdir(b("d")));
        pump.fails(SftpRequests.stat(b("d")), SSH_FX_NO_SUCH_FILE);
        pump.fails(SftpRequests.stat(b("../etc/passwd")), SSH_FX_PERMISSION_DENIED);
        assertEquals(0, server.openHandles());
    }

    @Test
    void largeTransfersBothWaysAreChecksummedThroughReorderedReplies() throws IOException {
        connect(2, false);
        byte[] up = new byte[16 * 1024 * 1024 + 17];
        new Random(2).nextBytes(up);
        Upload u = Upload.start(client, b("big"), sourceOf(up), TransferOptions.defaults().withFsync(true), null);
        pump.finish(u);
        assertTrue(u.isCompleted(), () -> u.failure().toString());
        assertArrayEquals(sha256(up), sha256(Files.readAllBytes(root.resolve("big"))));

        Collect sink = new Collect(0);
        Download d = Download.start(client, b("big"), sink, TransferOptions.defaults(), null);
        pump.finish(d);
        assertTrue(d.isCompleted());
        assertEquals(261120, d.requestSize());
        assertArrayEquals(sha256(up), sha256(sink.out.toByteArray()));
    }

    @Test
    void randomSizesResumesAndEof() throws IOException {
        connect(3, false);
        Random rnd = new Random(3);
        byte[] content = new byte[1_234_567];
        rnd.nextBytes(content);
        Files.write(root.resolve("f"), content);
        for (int i = 0; i < 10; i++) {
            int start = rnd.nextInt(content.length + 10);
            int size = 1 + rnd.nextInt(100_000);
            Collect sink = new Collect(start);
            Download d = Download.start(client, b("f"), sink, TransferOptions.defaults().withStartOffset(start)
                    .withRequestSize(size).withMaxOutstanding(1 + rnd.nextInt(64)), null);
            pump.finish(d);
            assertTrue(d.isCompleted(), () -> d.failure().toString());
            byte[] expected = start >= content.length ? new byte[0] : Arrays.copyOfRange(content, start, content.length);
            assertArrayEquals(expected, sink.out.toByteArray(), "start " + start + " size " + size);
        }
        // resume an upload: the first part is already there
        Files.write(root.resolve("g"), Arrays.copyOf(content, 500_000));
        Upload u = Upload.start(client, b("g"), (offset, dst) -> {
            if (offset >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), content.length - offset);
            dst.put(content, (int) offset, n);
            return n;
        }, TransferOptions.defaults().withStartOffset(500_000).withRequestSize(12_345), null);
        pump.finish(u);
        assertTrue(u.isCompleted());
        assertEquals(content.length - 500_000, u.bytesTransferred());
        assertArrayEquals(content, Files.readAllBytes(root.resolve("g")));
    }

    @Test
    void aReadOnlyServerFailsTheUploadWithPermissionDenied() throws IOException {
        connect(4, true);
        Upload u = Upload.start(client, b("nope"), sourceOf(new byte[1000]), TransferOptions.defaults(), null);
        pump.finish(u);
        SftpFailure f = u.failure().orElseThrow();
        assertEquals(SSH_FX_PERMISSION_DENIED, f.code());
        assertEquals(SftpConstants.SSH_FXP_OPEN, f.request().type());
        assertFalse(Files.exists(root.resolve("nope")));
    }

    @Test
    void aVanishingServerFailsTheDownloadAndNothingIsClaimed() throws IOException {
        connect(5, false);
        byte[] content = new byte[8 * 1024 * 1024];
        new Random(5).nextBytes(content);
        Files.write(root.resolve("f"), content);
        Collect sink = new Collect(0);
        Download d = Download.start(client, b("f"), sink, TransferOptions.defaults().withRequestSize(32768), null);
        peer.vanishAfter(30);
        pump.finish(d);
        assertFalse(d.isCompleted());
        assertEquals(SftpConstants.SSH_FX_CONNECTION_LOST, d.failure().orElseThrow().code());
        assertEquals(sink.next, d.deliveredOffset());
        assertTrue(d.bytesTransferred() < content.length);
    }
}
