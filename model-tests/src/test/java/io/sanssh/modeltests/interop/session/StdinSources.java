package io.sanssh.modeltests.interop.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;

/** Stdin for {@link ClientExec}: a seeded random stream of fixed length, and a paced writer. */
final class StdinSources {
    private StdinSources() {
    }

    /**
     * {@code total} bytes from {@code new SplittableRandom(seed)}, made 1 MiB at a time as they are sent
     * (nothing of the size is held in memory), with the SHA-256 of what was handed out.
     */
    static final class Seeded implements ClientExec.Stdin {
        private static final int CHUNK = 1 << 20;
        private final SplittableRandom random;
        private final long total;
        private final byte[] chunk = new byte[CHUNK];
        private final MessageDigest hash = ClientExec.sha256();
        private final ByteBuffer current = ByteBuffer.wrap(chunk).limit(0);
        private long made;

        Seeded(long total, long seed) {
            this.total = total;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public ByteBuffer poll(long nowNanos) {
            if (current.hasRemaining()) {
                return current;
            }
            if (made == total) {
                return null;
            }
            int n = (int) Math.min(CHUNK, total - made);
            random.nextBytes(chunk);
            hash.update(chunk, 0, n);
            made += n;
            current.clear().limit(n);
            return current;
        }

        @Override
        public boolean ended() {
            return made == total && !current.hasRemaining();
        }

        String sha256() {
            return HexFormat.of().formatHex(hash.digest());
        }
    }

    /**
     * A writer that is busy and idle by turns, like an application that produces data in bursts:
     * for {@code duration} of wall time, {@code burst} of every {@code period} sends at most
     * {@code bytesPerSecond}, the rest of the period sends nothing. Then it ends.
     */
    static final class Paced implements ClientExec.Stdin {
        private final long start;
        private final long end;
        private final long periodNanos;
        private final long burstNanos;
        private final long bytesPerSecond;
        private final ByteBuffer buffer = ByteBuffer.allocate(8 * 1024).limit(0);
        private final Random random = new Random(7);
        private long handedOut;

        Paced(long startNanos, Duration duration, Duration period, Duration burst,
              long bytesPerSecond) {
            this.start = startNanos;
            this.end = startNanos + duration.toNanos();
            this.periodNanos = period.toNanos();
            this.burstNanos = burst.toNanos();
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public ByteBuffer poll(long nowNanos) {
            if (buffer.hasRemaining()) {
                return buffer;
            }
            if (nowNanos - end >= 0) {
                return null;
            }
            long elapsed = nowNanos - start;
            long inPeriod = elapsed % periodNanos;
            long busy = (elapsed / periodNanos) * burstNanos + Math.min(inPeriod, burstNanos);
            long allowed = busy / 1_000_000L * bytesPerSecond / 1000L;
            if (inPeriod >= burstNanos || allowed - handedOut < buffer.capacity()) {
                return null;
            }
            random.nextBytes(buffer.array());
            buffer.clear();
            handedOut += buffer.capacity();
            return buffer;
        }

        @Override
        public boolean ended() {
            return System.nanoTime() - end >= 0 && !buffer.hasRemaining();
        }

        long handedOut() {
            return handedOut;
        }
    }
}
