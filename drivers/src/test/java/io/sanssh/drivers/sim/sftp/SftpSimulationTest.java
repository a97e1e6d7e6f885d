package io.sanssh.drivers.sim.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.drivers.sim.SimulationFailure;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.sftp.ByteSource;
import io.sanssh.engine.sftp.Download;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.engine.sftp.SftpTransfer;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.engine.sftp.Upload;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFTP over the whole stack in the simulator: our client session and transfers over a session
 * channel of a client {@link SshConnection}, our server session over {@code NioFileSystemBackend}
 * behind a server {@code SshConnection}, real key exchange and authentication, on a network that
 * stalls, cuts writes and reads (down to one byte) and rekeys mid-transfer. Every seed checks
 * that completion is reported honestly, at the moment it is reported, against what really
 * crossed the channel and what really is on the server's disk. A failing seed names itself.
 */
class SftpSimulationTest {
    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000 * MS;
    /** Seeds per run of the main test; {@code -Dsanssh.sftpSim.seeds=N} runs more. */
    private static final int SEEDS = Integer.getInteger("sanssh.sftpSim.seeds", 100);
    private static final long FIRST_SEED = Long.getLong("sanssh.sftpSim.firstSeed", 1);

    @TempDir
    Path tmp;

    @Test
    void pipelinedTransfersCompleteWithTheRightBytesAndNeverReportCompletionEarly() {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            bytes += transfersBothWays(seed, seed % 8 == 0, seed % 3 == 0);
        }
        System.out.printf("SftpSimulationTest: %d seeds, %.1f MiB moved, %.1f s%n", SEEDS, bytes / 1048576.0,
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aServerThatAnswersOutOfOrderStillYieldsTheRightBytes() {
        for (long seed = 1000; seed < 1003; seed++) {
            long s = seed;
            Holder<SftpSimRun> run = new Holder<>();
            transfersBothWays(seed, false, true, r -> run.value = r);
            SimulationFailure.check(s, () -> assertTrue(run.value.serverApp.bridge().shuffler().reorderedBatches() > 0,
                    "the server really answered out of order"));
        }
    }

    @Test
    void aSeedReplaysTheSameRun() {
        for (long seed : new long[] {11, 9}) {
            long[] first = new long[3];
            long[] second = new long[3];
            transfersBothWays(seed, false, seed == 9, r -> record(r, first));
            transfersBothWays(seed, false, seed == 9, r -> record(r, second));
            long s = seed;
            SimulationFailure.check(seed, () -> assertArrayEquals(first, second,
                    "seed " + s + ": virtual time, actions and bytes carried are the same on a replay"));
        }
    }

    private static void record(SftpSimRun run, long[] into) {
        into[0] = run.net.elapsed();
        into[1] = run.net.actionsRun();
        into[2] = run.net.transcript().byteCount();
    }

    /**
     * Runs an upload and a download at once on one session, with a rekey requested halfway through
     * the upload, then closes the session; returns the bytes moved.
     */
    private long transfersBothWays(long seed, boolean oneByteWrites, boolean shuffle) {
        return transfersBothWays(seed, oneByteWrites, shuffle, r -> { });
    }

    private long transfersBothWays(long seed, boolean oneByteWrites, boolean shuffle, Consumer<SftpSimRun> inspect) {
        Path root = dir(seed);
        SplittableRandom r = new SplittableRandom(seed * 7919);
        Holder<BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge>> starter = new Holder<>();
        SftpSimRun run = new SftpSimRun(seed, root, 2_000 * MS, oneByteWrites, shuffle,
                (endpoint, bridge) -> starter.value.accept(endpoint, bridge));
        int maxSize = run.transferBudget(3 << 20);
        byte[] down = randomBytes(r, 1 + r.nextInt(maxSize));
        byte[] up = randomBytes(r, 1 + r.nextInt(maxSize));
        write(root.resolve("down.bin"), down);
        TransferOptions downOptions = options(r);
        TransferOptions upOptions = options(r);
        Holder<Download> download = new Holder<>();
        Holder<Upload> upload = new Holder<>();
        MemorySink sink = new MemorySink();
        TransferWitness downWitness = new TransferWitness() {
            @Override
            protected void onProgress(long done) {
                assertEquals(done, sink.size(), "every byte a download reports is in the sink");
            }

            @Override
            protected void onCompleted(long done) {
                assertEquals(down.length, done);
                assertEquals(down.length, sink.size(), "completion with every byte in the sink");
                assertArrayEquals(sha256(down), sha256(sink.toByteArray()));
            }
        };
        boolean[] rekeyAsked = new boolean[1];
        Holder<SimEndpoint<SshConnection>> clientEnd = new Holder<>();
        TransferWitness upWitness = new TransferWitness() {
            @Override
            protected void onProgress(long done) {
                SftpWireTap tap = run.tap;
                assertTrue(done <= tap.writeBytesOk(),
                        "acknowledged " + done + " > OK on the wire " + tap.writeBytesOk());
                if (!rekeyAsked[0] && done >= up.length / 2) {
                    rekeyAsked[0] = true;
                    clientEnd.value.schedule(0, e -> e.engine().requestRekey());
                }
            }

            @Override
            protected void onCompleted(long done) {
                SftpWireTap tap = run.tap;
                assertEquals(up.length, done);
                assertEquals(0, tap.writesUnanswered(), "every WRITE answered before completion");
                assertEquals(0, tap.writesRefused());
                assertEquals(up.length, tap.writeBytesOk(), "every byte acknowledged OK on the wire");
                byte[] onDisk = read(root.resolve("up.bin"));
                assertEquals(up.length, onDisk.length, "the server's file is whole when completion is reported");
                assertArrayEquals(sha256(up), sha256(onDisk));
            }
        };
        starter.value = (endpoint, bridge) -> {
            clientEnd.value = endpoint;
            SftpClientSession s = bridge.session();
            download.value = Download.start(s, Bytes.utf8("down.bin"), sink, downOptions, downWitness);
            upload.value = Upload.start(s, Bytes.utf8("up.bin"), sourceOf(up), upOptions, upWitness);
        };
        try {
            boolean done = run.net.runUntil(() -> downWitness.isCompleted() && upWitness.isCompleted()
                    || downWitness.failure() != null || upWitness.failure() != null || run.clientApp.channelGone(),
                    HOUR);
            assertTrue(done, "the transfers end");
            assertNull(downWitness.failure());
            assertNull(upWitness.failure());
            assertTrue(download.value.isCompleted() && upload.value.isCompleted());
            SftpClientSession session = run.clientApp.bridge().session();
            run.conn.client().act(c -> {
                session.close();
                run.clientApp.bridge().pump();
            });
            assertTrue(run.net.runUntil(() -> run.clientApp.channelGone(), HOUR), "the channel closes");
            assertTrue(session.isClosed() && session.endReason().isEmpty(), "a clean close");
            assertTrue(run.serverApp.bridge().session().isClosed());
            assertEquals(0, run.serverApp.bridge().session().openHandles(), "every handle closed on the server");
            assertTrue(run.conn.client().keyExchanges() >= 2, "a rekey happened mid-transfer: "
                    + run.conn.client().keyExchanges());
            assertFalse(run.client().isClosed(), "the connection stays up");
            inspect.accept(run);
            if (Boolean.getBoolean("sanssh.sftpSim.verbose")) {
                System.out.printf("seed %d: %.1f s virtual, %d B, %s%n", seed, run.net.elapsed() / 1e9,
                        up.length + down.length, run);
            }
        } catch (SimulationFailure f) {
            throw new AssertionError(run + ": " + f.getMessage(), f);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " failed (" + run + "): " + e.getMessage(), e);
        }
        delete(root);
        return (long) up.length + down.length;
    }

    // ---------------------------------------------------------------- a server that vanishes

    @Test
    void aResetMidUploadFailsItWithATypedErrorNamingTheRequestAndClaimsNothing() {
        for (long seed = 2000; seed < 2006; seed++) {
            vanishMidUpload(seed, true);
        }
    }

    @Test
    void aChannelClosedMidUploadFailsItWithATypedErrorNamingTheRequest() {
        for (long seed = 3000; seed < 3006; seed++) {
            vanishMidUpload(seed, false);
        }
    }

    @Test
    void aResetMidDownloadFailsItAndTheSinkHoldsExactlyTheBytesReported() {
        for (long seed = 4000; seed < 4006; seed++) {
            vanishMidDownload(seed, seed % 2 == 0);
        }
    }

    private void vanishMidUpload(long seed, boolean reset) {
        Path root = dir(seed);
        SplittableRandom r = new SplittableRandom(seed);
        Holder<BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge>> starter = new Holder<>();
        SftpSimRun run = new SftpSimRun(seed, root, 2_000 * MS, false, false,
                (endpoint, bridge) -> starter.value.accept(endpoint, bridge));
        int size = run.transferBudget(2 << 20);
        byte[] up = randomBytes(r, size / 2 + r.nextInt(size / 2));
        double cut = 0.1 + 0.7 * r.nextDouble();
        Holder<Upload> upload = new Holder<>();
        boolean[] cutDone = new boolean[1];
        TransferWitness witness = new TransferWitness() {
            @Override
            protected void onProgress(long done) {
                if (!cutDone[0] && done >= up.length * cut) {
                    cutDone[0] = true;
                    vanish(run, reset);
                }
            }

            @Override
            protected void onCompleted(long done) {
                throw new AssertionError("an upload completed although its server vanished");
            }
        };
        starter.value = (endpoint, bridge) ->
                upload.value = Upload.start(bridge.session(), Bytes.utf8("up.bin"), sourceOf(up),
                        TransferOptions.defaults().withRequestSize(32 * 1024), witness);
        SimulationFailure.check(seed, () -> {
            assertTrue(run.net.runUntil(() -> witness.failure() != null || witness.isCompleted(), HOUR), run::toString);
            SftpFailure f = witness.failure();
            assertNotNull(f, "the upload failed");
            assertTypedLoss(f, upload.value);
            assertTrue(upload.value.bytesTransferred() <= run.tap.writeBytesOk(),
                    "nothing claimed beyond what the server acknowledged on the wire");
        });
        delete(root);
    }

    private void vanishMidDownload(long seed, boolean reset) {
        Path root = dir(seed);
        SplittableRandom r = new SplittableRandom(seed);
        Holder<BiConsumer<SimEndpoint<SshConnection>, SftpClientBridge>> starter = new Holder<>();
        SftpSimRun run = new SftpSimRun(seed, root, 2_000 * MS, false, seed % 3 == 0,
                (endpoint, bridge) -> starter.value.accept(endpoint, bridge));
        int size = run.transferBudget(2 << 20);
        byte[] down = randomBytes(r, size / 2 + r.nextInt(size / 2));
        write(root.resolve("down.bin"), down);
        double cut = 0.1 + 0.7 * r.nextDouble();
        Holder<Download> download = new Holder<>();
        MemorySink sink = new MemorySink();
        boolean[] cutDone = new boolean[1];
        TransferWitness witness = new TransferWitness() {
            @Override
            protected void onProgress(long done) {
                assertEquals(done, sink.size());
                if (!cutDone[0] && done >= down.length * cut) {
                    cutDone[0] = true;
                    vanish(run, reset);
                }
            }

            @Override
            protected void onCompleted(long done) {
                throw new AssertionError("a download completed although its server vanished");
            }
        };
        starter.value = (endpoint, bridge) ->
                download.value = Download.start(bridge.session(), Bytes.utf8("down.bin"), sink,
                        TransferOptions.defaults().withRequestSize(16 * 1024), witness);
        SimulationFailure.check(seed, () -> {
            assertTrue(run.net.runUntil(() -> witness.failure() != null || witness.isCompleted(), HOUR), run::toString);
            SftpFailure f = witness.failure();
            assertNotNull(f, "the download failed");
            assertTypedLoss(f, download.value);
            assertEquals(download.value.deliveredOffset(), sink.size(), "the sink holds exactly what was reported");
            assertTrue(sink.size() <= down.length, "no more than the file");
            byte[] got = sink.toByteArray();
            byte[] prefix = java.util.Arrays.copyOf(down, got.length);
            assertArrayEquals(sha256(prefix), sha256(got), "what was delivered is right");
        });
        delete(root);
    }

    /** The server vanishes now: a reset of the TCP connection, or the server closing the SFTP channel. */
    private static void vanish(SftpSimRun run, boolean reset) {
        if (reset) {
            run.net.schedule(0, run.conn::reset);
        } else {
            run.conn.server().schedule(0, e -> run.serverApp.bridge().ended());
        }
    }

    private static void assertTypedLoss(SftpFailure f, SftpTransfer t) {
        assertEquals(SftpConstants.statusName(SftpConstants.SSH_FX_CONNECTION_LOST),
                SftpConstants.statusName(f.code()), f.describe());
        assertFalse(f.fromServer());
        assertNotNull(f.request(), "the failure names a request");
        assertTrue(f.describe().startsWith("SSH_FXP_") || f.describe().contains("@openssh.com"), f.describe());
        assertEquals(SftpTransfer.State.FAILED, t.state());
        assertFalse(t.isCompleted());
    }

    // ---------------------------------------------------------------- helpers

    private static TransferOptions options(SplittableRandom r) {
        int[] sizes = {0, 0, 1024, 4096 + 7, 32 * 1024, 100_000};
        return TransferOptions.defaults().withMaxOutstanding(1 + r.nextInt(64))
                .withRequestSize(sizes[r.nextInt(sizes.length)]);
    }

    private Path dir(long seed) {
        try {
            return Files.createDirectories(tmp.resolve("seed-" + seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteSource sourceOf(byte[] data) {
        return (offset, dst) -> {
            if (offset >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - offset);
            dst.put(data, (int) offset, n);
            return n;
        };
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }

    private static void write(Path p, byte[] b) {
        try {
            Files.write(p, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A mutable slot for lambdas. */
    private static final class Holder<T> {
        T value;
    }
}
