package io.sanssh.cli;

import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.SshSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's bulk transfer: {@code size} pseudo-random bytes up through {@code cat} and back down
 * at the same time, SHA-256 on both sides, and a key re-exchange ({@link SshSession#rekey()})
 * started half-way while the data keeps flowing. Bytes come from a seeded generator in 1 MiB
 * chunks, so nothing large is held in memory.
 */
final class DemoTransfer {
    private static final int CHUNK = 1 << 20;

    /** What one run did. */
    record Result(boolean matched, long bytesEachWay, double seconds, int rekeysDuring, String sha256) {
    }

    private final SshSession session;
    private final PrintStream out;
    private final boolean terminal;

    DemoTransfer(SshSession session, PrintStream out, boolean terminal) {
        this.session = session;
        this.out = out;
        this.terminal = terminal;
    }

    Result run(long size, long seed) throws IOException, NoSuchAlgorithmException {
        MessageDigest upDigest = MessageDigest.getInstance("SHA-256");
        MessageDigest downDigest = MessageDigest.getInstance("SHA-256");
        AtomicLong up = new AtomicLong();
        AtomicLong down = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int kexBefore = session.keyExchangeCount();
        long start = System.nanoTime();
        ExecProcess p = session.execStreaming("cat");
        Thread writer = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] chunk = new byte[CHUNK];
            try (OutputStream o = p.getOutputStream()) {
                for (long sent = 0; sent < size; sent += CHUNK) {
                    int n = (int) Math.min(CHUNK, size - sent);
                    fill(random, chunk, n);
                    upDigest.update(chunk, 0, n);
                    o.write(chunk, 0, n);
                    up.addAndGet(n);
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "sanssh-demo-writer");
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = p.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    downDigest.update(buf, 0, n);
                    down.addAndGet(n);
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "sanssh-demo-reader");
        writer.start();
        reader.start();
        Progress progress = new Progress(out, terminal, size, start);
        boolean rekeyed = false;
        String note = "";
        try {
            while (reader.isAlive()) {
                if (!rekeyed && down.get() >= size / 2) {
                    session.rekey();
                    rekeyed = true;
                }
                if (rekeyed && note.isEmpty() && session.keyExchangeCount() > kexBefore) {
                    note = " rekeyed at " + (down.get() >> 20) + " MiB";
                }
                progress.update(up.get(), down.get(), System.nanoTime(), note);
                reader.join(100);
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        int status = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        int rekeys = session.keyExchangeCount() - kexBefore;
        progress.update(up.get(), down.get(), System.nanoTime(), rekeys > 0 && note.isEmpty() ? " rekeyed" : note);
        progress.finish();
        if (failure.get() != null) {
            throw new IOException("transfer failed: " + failure.get().getMessage(), failure.get());
        }
        String sent = HexFormat.of().formatHex(upDigest.digest());
        String got = HexFormat.of().formatHex(downDigest.digest());
        boolean same = sent.equals(got) && down.get() == size && status == 0;
        out.printf("         sha256 sent     %s%n", sent);
        out.printf("         sha256 received %s  %s%n", got, same ? "(match)" : "(MISMATCH)");
        return new Result(same, down.get(), seconds, rekeys, got);
    }

    private static void fill(SplittableRandom random, byte[] chunk, int n) {
        for (int i = 0; i < n; i += 8) {
            long v = random.nextLong();
            for (int k = 0; k < 8 && i + k < n; k++) {
                chunk[i + k] = (byte) (v >>> (8 * k));
            }
        }
    }
}
