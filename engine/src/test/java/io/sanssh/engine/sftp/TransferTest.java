package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The transfer machines against a server session in memory that cuts reads short, answers out
 * of order and fails on demand: order, bounds and honest completion.
 */
class TransferTest {
    private static final Bytes NAME = Bytes.utf8("f");

    private MemoryBackend backend;
    private ServerSessionPeer peer;
    private SftpClientSession client;
    private ClientPump pump;

    private void connect(long seed, double shortReads, boolean reorder, int sessionCapacity) {
        backend = new MemoryBackend(seed, shortReads);
        peer = new ServerSessionPeer(new SftpServerSession(backend), seed);
        if (reorder) {
            peer.reordering();
        }
        client = new SftpClientSession(sessionCapacity);
        pump = new ClientPump(client, peer, 1 + new Random(seed).nextInt(100_000));
        pump.handshake();
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A sink that checks offset order and keeps everything. */
    static final class CollectingSink implements ByteSink {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        long next;
        Download download;
        long maxBuffered;

        CollectingSink(long start) {
            next = start;
        }

        @Override
        public void write(long offset, ByteBuffer data) {
            assertEquals(next, offset, "bytes reach the sink in offset order");
            next += data.remaining();
            byte[] b = new byte[data.remaining()];
            data.get(b);
            got.write(b, 0, b.length);
            if (download != null) {
                maxBuffered = Math.max(maxBuffered, download.bufferedBytes());
            }
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

    @Test
    void downloadsSurviveShortReadsReorderedRepliesAndRandomSizes() {
        for (long seed = 1; seed <= 12; seed++) {
            connect(seed, 0.3, true, 256);
            Random rnd = new Random(seed);
            byte[] content = random(seed, rnd.nextInt(3_000_000));
            backend.files.put("f", content);
            int size = 1 + rnd.nextInt(70_000);
            int outstanding = 1 + rnd.nextInt(40);
            CollectingSink sink = new CollectingSink(0);
            Download d = Download.start(client, NAME, sink, TransferOptions.defaults().withRequestSize(size)
                    .withMaxOutstanding(outstanding), null);
            sink.download = d;
            pump.finish(d);
            long s = seed;
            assertTrue(d.isCompleted(), () -> "seed " + s + ": " + d.failure());
            assertArrayEquals(content, sink.got.toByteArray(), "seed " + seed);
            assertTrue(sink.maxBuffered <= (long) size * outstanding, "seed " + seed + ": buffer bound");
            assertEquals(0, peer.server().openHandles(), "the handle was closed");
        }
        assertTrue(backend.shortReads > 0);
    }

    @Test
    void aDownloadOfAnEmptyFileCompletesWithNothing() {
        connect(3, 0, false, 256);
        backend.files.put("f", new byte[0]);
        CollectingSink sink = new CollectingSink(0);
        Download d = Download.start(client, NAME, sink, TransferOptions.defaults(), null);
        pump.finish(d);
        assertTrue(d.isCompleted());
        assertEquals(0, d.bytesTransferred());
    }

    @Test
    void aDownloadResumesAtAnOffsetPastShortReads() {
        connect(4, 0.5, true, 256);
        byte[] content = random(4, 777_777);
        backend.files.put("f", content);
        CollectingSink sink = new CollectingSink(500_001);
        Download d = Download.start(client, NAME, sink, TransferOptions.defaults().withStartOffset(500_001)
                .withRequestSize(4096), null);
        pump.finish(d);
        assertTrue(d.isCompleted());
        assertArrayEquals(Arrays.copyOfRange(content, 500_001, content.length), sink.got.toByteArray());
    }

    @Test
    void downloadsShareASmallSessionWithoutStarving() {
        connect(5, 0.2, true, 3);
        byte[] a = random(51, 400_000);
        byte[] b = random(52, 300_000);
        backend.files.put("a", a);
        backend.files.put("b", b);
        CollectingSink sa = new CollectingSink(0);
        CollectingSink sb = new CollectingSink(0);
        Download da = Download.start(client, Bytes.utf8("a"), sa, TransferOptions.defaults().withRequestSize(8192), null);
        Download db = Download.start(client, Bytes.utf8("b"), sb, TransferOptions.defaults().withRequestSize(8192), null);
        pump.until(() -> da.isDone() && db.isDone());
        assertTrue(da.isCompleted() && db.isCompleted());
        assertArrayEquals(a, sa.got.toByteArray());
        assertArrayEquals(b, sb.got.toByteArray());
    }

    @Test
    void uploadsSurviveReorderedRepliesAndRandomSizes() {
        for (long seed = 1; seed <= 8; seed++) {
            connect(seed, 0, true, 256);
            Random rnd = new Random(seed);
            byte[] content = random(seed + 100, rnd.nextInt(2_000_000));
            AtomicLong progress = new AtomicLong();
            Upload u = Upload.start(client, NAME, sourceOf(content), TransferOptions.defaults()
                    .withRequestSize(1 + rnd.nextInt(70_000)).withMaxOutstanding(1 + rnd.nextInt(64)),
                    new TransferListener() {
                        @Override
                        public void progress(long bytesDone, long expectedTotal) {
                            progress.set(bytesDone);
                        }
                    });
            pump.finish(u);
            assertTrue(u.isCompleted(), () -> u.failure().toString());
            assertArrayEquals(content, backend.files.get("f"), "seed " + seed);
            assertEquals(content.length, progress.get());
        }
    }

    @Test
    void aRefusedWriteFailsTheUploadNamingThatWrite() {
        connect(6, 0, true, 256);
        byte[] content = random(6, 1_000_000);
        backend.failWriteAt = off -> off == 5 * 32768;
        AtomicInteger failedCalls = new AtomicInteger();
        AtomicInteger completedCalls = new AtomicInteger();
        Upload u = Upload.start(client, NAME, sourceOf(content), TransferOptions.defaults().withRequestSize(32768),
                new TransferListener() {
            @Override
            public void completed(long bytesDone) {
                completedCalls.incrementAndGet();
            }

            @Override
            public void failed(SftpFailure failure) {
                failedCalls.incrementAndGet();
            }
        });
        pump.finish(u);
        pump.until(() -> client.outstanding() == 0 && peer.server().openHandles() == 0);
        assertEquals(Upload.State.FAILED, u.state());
        SftpFailure f = u.failure().orElseThrow();
        assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, f.code());
        assertEquals("quota exceeded", f.message());
        assertTrue(f.fromServer());
        SftpHandleRequest.Write w = assertInstanceOf(SftpHandleRequest.Write.class, f.request());
        assertEquals(5 * 32768, w.offset());
        assertTrue(f.describe().contains("SSH_FXP_WRITE #" + f.requestId() + " at offset 163840"), f.describe());
        assertEquals(1, failedCalls.get());
        assertEquals(0, completedCalls.get());
        assertTrue(u.bytesTransferred() < content.length);
        assertEquals(0, peer.server().openHandles(), "after the failure the handle is still closed");
    }

    @Test
    void anUploadIsNotCompleteUntilItsCloseSucceeds() {
        connect(7, 0, false, 256);
        backend.failCloseWith = SftpConstants.SSH_FX_FAILURE;
        byte[] content = random(7, 100_000);
        Upload u = Upload.start(client, NAME, sourceOf(content), TransferOptions.defaults(), null);
        pump.finish(u);
        assertFalse(u.isCompleted());
        SftpFailure f = u.failure().orElseThrow();
        assertEquals(SftpConstants.SSH_FXP_CLOSE, f.request().type());
        assertEquals("deferred write error", f.message());
        assertEquals(content.length, u.bytesTransferred(), "every WRITE was acknowledged, yet no completion");
    }

    @Test
    void anUploadWaitsForItsSourceAndResumes() {
        connect(8, 0, false, 256);
        byte[] content = random(8, 50_000);
        AtomicLong available = new AtomicLong(20_000);
        ByteSource slow = (offset, dst) -> {
            if (offset >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), Math.min(content.length, available.get()) - offset);
            if (n <= 0) {
                return 0;
            }
            dst.put(content, (int) offset, n);
            return n;
        };
        Upload u = Upload.start(client, NAME, slow, TransferOptions.defaults().withRequestSize(7000), null);
        pump.until(() -> u.bytesTransferred() == 20_000);
        for (int i = 0; i < 20; i++) {
            pump.step(1);
        }
        assertEquals(Upload.State.TRANSFERRING, u.state(), "a source with no bytes is not the end");
        available.set(content.length);
        u.resume();
        pump.finish(u);
        assertTrue(u.isCompleted());
        assertArrayEquals(content, backend.files.get("f"));
    }

    @Test
    void aServerThatVanishesFailsTheUploadAndTheDownload() {
        connect(9, 0.1, true, 256);
        backend.files.put("f", random(9, 2_000_000));
        Download d = Download.start(client, NAME, new CollectingSink(0), TransferOptions.defaults()
                .withRequestSize(10_000), null);
        Upload u = Upload.start(client, Bytes.utf8("g"), sourceOf(random(10, 2_000_000)),
                TransferOptions.defaults().withRequestSize(10_000), null);
        peer.vanishAfter(40);
        pump.until(() -> d.isDone() && u.isDone());
        for (SftpTransfer t : new SftpTransfer[] {d, u}) {
            assertFalse(t.isCompleted());
            SftpFailure f = t.failure().orElseThrow();
            assertEquals(SftpConstants.SSH_FX_CONNECTION_LOST, f.code());
            assertTrue(f.describe().contains("SSH_FXP_"), f.describe());
        }
        assertTrue(client.isClosed());
    }

    @Test
    void closingTheSessionMidTransferFailsTheTransfer() {
        connect(11, 0, false, 256);
        backend.files.put("f", random(11, 2_000_000));
        Download d = Download.start(client, NAME, new CollectingSink(0), TransferOptions.defaults()
                .withRequestSize(10_000), null);
        pump.until(() -> d.bytesTransferred() > 100_000);
        client.close();
        assertEquals(Download.State.FAILED, d.state());
        assertTrue(d.failure().orElseThrow().message().contains("closing"), d.failure().get().message());
        pump.until(client::isClosed);
        assertEquals(Download.State.FAILED, d.state());
    }
}
