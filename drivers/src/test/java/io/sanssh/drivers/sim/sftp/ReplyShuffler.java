package io.sanssh.drivers.sim.sftp;

import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpFrameReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Makes a server answer out of order, as a server with a pool of workers would: it takes the
 * replies a {@link SftpServerSession} produced, holds them until a batch of a random size (2 to 16)
 * gathered, a megabyte is held, or the bridge's short timer says to let go, and releases the batch
 * shuffled. VERSION always leaves first. Memory is bounded: past the limit it takes nothing more,
 * so the session's own output bound (and with it the channel window) holds the client back.
 */
public final class ReplyShuffler {
    private static final long HOLD_LIMIT = 1 << 20;

    private final SplittableRandom random;
    private final SftpFrameReader frames = new SftpFrameReader(Integer.MAX_VALUE);
    private final List<byte[]> held = new ArrayList<>();
    private long heldBytes;
    private int target;
    private boolean flush;
    private long batches;
    private long reordered;

    /** A shuffler whose choices come from {@code random}. */
    public ReplyShuffler(SplittableRandom random) {
        this.random = random;
        this.target = 2 + random.nextInt(15);
    }

    /** Batches of two or more replies that left in an order other than the session's. */
    public long reorderedBatches() {
        return reordered;
    }

    /** Batches released. */
    public long batches() {
        return batches;
    }

    /** Whether replies are held. */
    boolean holding() {
        return !held.isEmpty();
    }

    /** The next release may be of any size (the hold timer expired, or the channel is ending). */
    void flushSoon() {
        flush = true;
    }

    /** Takes the session's replies while under the hold limit. */
    void take(SftpServerSession session) {
        while (heldBytes < HOLD_LIMIT && session.pendingOutput() > 0) {
            ByteBuffer p = session.peekOutput();
            int n = p.remaining();
            frames.receive(p.duplicate());
            session.consumeOutput(n);
            for (byte[] body = frames.poll(); body != null; body = frames.poll()) {
                held.add(body);
                heldBytes += body.length + 4;
            }
        }
    }

    /** A shuffled batch to send, or null while the batch is still gathering. */
    ByteBuffer release() {
        if (held.isEmpty() || !(flush || held.size() >= target || heldBytes >= HOLD_LIMIT)) {
            return null;
        }
        boolean versionFirst = (held.get(0)[0] & 0xff) == SftpConstants.SSH_FXP_VERSION;
        List<byte[]> movable = versionFirst ? held.subList(1, held.size()) : held;
        List<byte[]> before = List.copyOf(movable);
        Collections.shuffle(movable, new Random(random.nextLong()));
        batches++;
        if (!before.equals(movable)) {
            reordered++;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] r : held) {
            b.write(r.length >>> 24);
            b.write(r.length >>> 16);
            b.write(r.length >>> 8);
            b.write(r.length);
            b.write(r, 0, r.length);
        }
        held.clear();
        heldBytes = 0;
        flush = false;
        target = 2 + random.nextInt(15);
        return ByteBuffer.wrap(b.toByteArray());
    }
}
