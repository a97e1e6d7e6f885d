package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelined downloads and uploads against OpenSSH's real {@code sftp-server}, checksummed. */
class OpenSshTransferTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;
    private ProcessPeer server;
    private SftpClientSession client;
    private ClientPump pump;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isExecutable(ProcessPeer.OPENSSH_SFTP_SERVER), "OpenSSH sftp-server is not installed");
        server = ProcessPeer.openSsh(dir);
        client = new SftpClientSession();
        pump = new ClientPump(client, server, 256 * 1024);
        pump.handshake();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Writes {@code size} seeded random bytes to {@code file} and returns their SHA-256. */
    static byte[] randomFile(Path file, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        Random rnd = new Random(seed);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += block.length) {
                rnd.nextBytes(block);
                int n = (int) Math.min(block.length, size - done);
                out.write(block, 0, n);
                sha.update(block, 0, n);
            }
        }
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A sink that hashes what it gets and checks that offsets follow each other. */
    static final class HashingSink implements ByteSink {
        final MessageDigest sha = sha256();
        long next;

        HashingSink(long start) {
            next = start;
        }

        @Override
        public void write(long offset, ByteBuffer data) {
            assertEquals(next, offset, "the sink must get bytes in offset order");
            next += data.remaining();
            sha.update(data);
        }
    }

    @Test
    void pipelinedDownloadOf64MiBArrivesWholeAndInOrder() throws IOException {
        byte[] expected = randomFile(dir.resolve("big.bin"), 64L * MIB, 1);
        HashingSink sink = new HashingSink(0);
        AtomicLong progress = new AtomicLong();
        AtomicBoolean completed = new AtomicBoolean();
        Download d = Download.start(client, Bytes.utf8("big.bin"), sink, TransferOptions.defaults(), new TransferListener() {
            @Override
            public void progress(long bytesDone, long expectedTotal) {
                assertTrue(bytesDone >= progress.get());
                progress.set(bytesDone);
                assertEquals(64L * MIB, expectedTotal);
            }

            @Override
            public void completed(long bytesDone) {
                completed.set(true);
            }
        });
        pump.finish(d);
        assertTrue(d.isCompleted(), () -> d.failure().map(SftpFailure::describe).orElse(""));
        assertTrue(completed.get());
        assertEquals(64L * MIB, d.bytesTransferred());
        assertEquals(64L * MIB, progress.get());
        assertEquals(256 * 1024 - 1024, d.requestSize(), "the request size comes from limits@openssh.com");
        assertArrayEquals(expected, sink.sha.digest());
        assertEquals(0, client.outstanding(), "the transfer's requests are all answered, none left in the queue");
    }

    @Test
    void pipelinedUploadOf32MiBIsOnDiskWhenItCompletes() throws IOException {
        byte[] data = new byte[32 * MIB];
        new Random(2).nextBytes(data);
        ByteSource source = (offset, dst) -> {
            if (offset >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - offset);
            dst.put(data, (int) offset, n);
            return n;
        };
        Upload u = Upload.start(client, Bytes.utf8("up.bin"), source, TransferOptions.defaults().withFsync(true)
                .withPermissions(0600), null);
        pump.finish(u);
        assertTrue(u.isCompleted(), () -> u.failure().map(SftpFailure::describe).orElse(""));
        assertEquals(data.length, u.bytesTransferred());
        assertArrayEquals(sha256().digest(data), sha256().digest(Files.readAllBytes(dir.resolve("up.bin"))));
    }

    @Test
    void downloadResumesFromAnOffsetAndStopsAtALength() throws IOException {
        randomFile(dir.resolve("f.bin"), 3 * MIB + 123, 3);
        byte[] all = Files.readAllBytes(dir.resolve("f.bin"));
        HashingSink sink = new HashingSink(MIB + 7);
        Download d = Download.start(client, Bytes.utf8("f.bin"), sink,
                TransferOptions.defaults().withStartOffset(MIB + 7).withRequestSize(10_000).withMaxOutstanding(5), null);
        pump.finish(d);
        assertTrue(d.isCompleted());
        assertEquals(10_000, d.requestSize());
        assertArrayEquals(sha256().digest(Arrays.copyOfRange(all, MIB + 7, all.length)), sink.sha.digest());

        HashingSink part = new HashingSink(100);
        Download p = Download.start(client, Bytes.utf8("f.bin"), part,
                TransferOptions.defaults().withStartOffset(100).withLength(50_000), null);
        pump.finish(p);
        assertTrue(p.isCompleted());
        assertEquals(50_000, p.bytesTransferred());
        assertArrayEquals(sha256().digest(Arrays.copyOfRange(all, 100, 50_100)), part.sha.digest());
    }

    @Test
    void downloadOfAMissingFileFailsNamingTheOpen() {
        Download d = Download.start(client, Bytes.utf8("nope"), (o, b) -> { }, TransferOptions.defaults(), null);
        pump.finish(d);
        SftpFailure f = d.failure().orElseThrow();
        assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, f.code());
        assertTrue(f.fromServer());
        assertEquals(SftpConstants.SSH_FXP_OPEN, f.request().type());
    }

    @Test
    void aServerThatVanishesMidDownloadFailsItAndNothingIsClaimed() throws IOException {
        randomFile(dir.resolve("big.bin"), 16L * MIB, 4);
        AtomicBoolean completedCalled = new AtomicBoolean();
        HashingSink sink = new HashingSink(0);
        // Two 32 KiB requests in flight: with the defaults (64 of up to 255 KiB) the whole file is
        // asked for at once, and a fast client can receive all of it before the kill lands.
        Download d = Download.start(client, Bytes.utf8("big.bin"), sink,
                TransferOptions.defaults().withMaxOutstanding(2).withRequestSize(32 * 1024),
                new TransferListener() {
                    @Override
                    public void completed(long bytesDone) {
                        completedCalled.set(true);
                    }
                });
        pump.until(() -> d.bytesTransferred() > 2 * MIB);
        server.kill();
        pump.finish(d);
        assertFalse(d.isCompleted());
        assertFalse(completedCalled.get());
        assertEquals(Download.State.FAILED, d.state());
        SftpFailure f = d.failure().orElseThrow();
        assertEquals(SftpConstants.SSH_FX_CONNECTION_LOST, f.code());
        assertFalse(f.fromServer());
        assertTrue(f.request() instanceof SftpHandleRequest.Read, f.describe());
        assertTrue(d.bytesTransferred() < 16L * MIB);
        assertEquals(sink.next, d.deliveredOffset(), "bytes are reported only once the sink has them");
        assertTrue(client.isClosed());
    }
}
