package io.sanssh.drivers.sim;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One direction of a simulated TCP connection: a byte stream from a sender endpoint to a receiver
 * endpoint, with the latency, bandwidth, window, partial writes, fragmented reads and stalls of its
 * {@link FaultPlan.Path}. Bytes are never reordered or lost while the link is up.
 *
 * <p>Flow control is TCP's: bytes in flight plus bytes arrived but unread never exceed the window
 * ({@code bufferBytes}); a sender that finds the window full writes nothing and is woken when the
 * receiver reads. Stalls and partial writes make {@link #writableNow} smaller still.
 */
public final class SimLink {
    private record Segment(byte[] bytes, long generation) {
    }

    private final SimNetwork net;
    private final int connection;
    private final Direction direction;
    private final FaultPlan.Path path;
    private final SplittableRandom rnd;
    private final long start;
    private SimEndpoint<?> sender;
    private SimEndpoint<?> receiver;

    private final ArrayDeque<byte[]> arrived = new ArrayDeque<>();
    private int headOffset;
    private long arrivedBytes;
    private long inFlightBytes;
    private long lastDeparture;
    private long lastArrival;
    private long generation;

    private boolean senderWaiting;
    private boolean stallWakeScheduled;
    private boolean finSent;
    private boolean finArrived;
    private boolean receiverClosed;
    private boolean broken;
    private boolean healed;

    private FaultPlan.BitFlip flip;
    private boolean flipped;

    SimLink(SimNetwork net, int connection, Direction direction, FaultPlan.Path path, SplittableRandom rnd, long start) {
        this.net = net;
        this.connection = connection;
        this.direction = direction;
        this.path = path;
        this.rnd = rnd;
        this.start = start;
        this.lastDeparture = start;
        this.lastArrival = start;
    }

    void attach(SimEndpoint<?> from, SimEndpoint<?> to) {
        this.sender = from;
        this.receiver = to;
    }

    void armFlip(FaultPlan.BitFlip f) {
        this.flip = f;
    }

    // ---------------------------------------------------------------- sender side

    /**
     * How many bytes the sender may write now: 0 while stalled, shut down or the window is full (the
     * sender is then woken when that changes), otherwise the free window, cut to a random partial
     * write when the plan has them.
     */
    int writableNow() {
        if (finSent || broken) {
            return 0;
        }
        long now = net.now();
        if (!healed) {
            long stallEnd = stallEndAt(now);
            if (stallEnd >= 0) {
                if (!stallWakeScheduled) {
                    stallWakeScheduled = true;
                    net.queue().schedule(stallEnd, () -> {
                        stallWakeScheduled = false;
                        net.requestPump(sender);
                    });
                }
                return 0;
            }
        }
        long free = path.bufferBytes() - inFlightBytes - arrivedBytes;
        if (free <= 0) {
            senderWaiting = true;
            return 0;
        }
        int n = (int) Math.min(free, Integer.MAX_VALUE);
        if (!healed && path.maxWriteWindow() > 0) {
            n = Math.min(n, 1 + rnd.nextInt(path.maxWriteWindow()));
        }
        return n;
    }

    /** The end of the stall covering {@code now}, or -1. */
    private long stallEndAt(long now) {
        long rel = now - start;
        long end = -1;
        for (FaultPlan.Stall s : path.stalls()) {
            if (rel >= s.startNanos() && rel < s.endNanos()) {
                end = Math.max(end, start + s.endNanos());
            }
        }
        return end;
    }

    /**
     * Puts {@code len} bytes of {@code data} on the wire. {@code packetEnd} says the write ends
     * exactly at a packet boundary of an encrypted stream, which makes its last byte a MAC or tag
     * byte: the only kind of byte a planned bit flip hits.
     */
    void write(byte[] data, int len, boolean packetEnd) {
        long now = net.now();
        byte[] bytes = Arrays.copyOf(data, len);
        if (flip != null && !flipped && !healed && packetEnd && now - (start + flip.atNanos()) >= 0) {
            bytes[len - 1] ^= (byte) (1 << flip.bit());
            flipped = true;
            net.transcript().record(now, connection, direction, Transcript.Kind.FLIP, null, 0);
        }
        net.transcript().record(now, connection, direction, Transcript.Kind.BYTES, bytes, len);
        if (receiverClosed) {
            return;
        }
        long transferNanos = path.bytesPerSecond() == 0 ? 0 : len * 1_000_000_000L / path.bytesPerSecond();
        long departure = Math.max(now, lastDeparture) + transferNanos;
        lastDeparture = departure;
        long jitter = path.jitterNanos() == 0 || healed ? 0 : rnd.nextLong(path.jitterNanos());
        long arrival = Math.max(departure + path.latencyNanos() + jitter, lastArrival);
        lastArrival = arrival;
        inFlightBytes += len;
        Segment seg = new Segment(bytes, generation);
        net.queue().schedule(arrival, () -> arrive(seg));
    }

    private void arrive(Segment seg) {
        if (seg.generation != generation) {
            return;
        }
        inFlightBytes -= seg.bytes.length;
        if (receiverClosed) {
            return;
        }
        arrived.addLast(seg.bytes);
        arrivedBytes += seg.bytes.length;
        net.requestPump(receiver);
    }

    /** Sends FIN after everything already written: the receiver sees end of stream after them. */
    void shutdown() {
        if (finSent || broken) {
            return;
        }
        finSent = true;
        long now = net.now();
        net.transcript().record(now, connection, direction, Transcript.Kind.FIN, null, 0);
        long at = Math.max(now + path.latencyNanos(), lastArrival);
        long gen = generation;
        net.queue().schedule(at, () -> {
            if (gen == generation) {
                finArrived = true;
                net.requestPump(receiver);
            }
        });
    }

    /** Drops everything in flight and unread; the link carries nothing more. */
    void reset() {
        if (!broken) {
            net.transcript().record(net.now(), connection, direction, Transcript.Kind.RESET, null, 0);
        }
        broken = true;
        generation++;
        arrived.clear();
        arrivedBytes = 0;
        inFlightBytes = 0;
        headOffset = 0;
    }

    /** Faults off: stalls, partial writes, fragmented reads, jitter and a pending bit flip end. */
    void heal() {
        healed = true;
        net.requestPump(sender);
        net.requestPump(receiver);
    }

    // ---------------------------------------------------------------- receiver side

    /** Bytes arrived and not yet read. */
    long available() {
        return arrivedBytes;
    }

    /** Whether the sender's FIN arrived and every byte before it was read. */
    boolean atEndOfStream() {
        return finArrived && arrivedBytes == 0;
    }

    /** Whether the link was reset. */
    boolean isBroken() {
        return broken;
    }

    /** Whether the receiver closed its socket: further writes would draw a reset. */
    boolean receiverClosed() {
        return receiverClosed;
    }

    /** The receiver closed its socket: bytes still arriving are dropped. */
    void closeReceiver() {
        receiverClosed = true;
        arrived.clear();
        arrivedBytes = 0;
        headOffset = 0;
        net.requestPump(sender);
    }

    /**
     * The next bytes for the receiver, at most one read's worth (a random fragment when the plan
     * fragments reads); a view, valid until {@link #consume}.
     */
    ByteBuffer nextRead() {
        byte[] head = arrived.peekFirst();
        if (head == null) {
            return ByteBuffer.allocate(0);
        }
        int n = head.length - headOffset;
        if (!healed && path.maxReadFragment() > 0) {
            n = Math.min(n, 1 + rnd.nextInt(path.maxReadFragment()));
        }
        return ByteBuffer.wrap(head, headOffset, n);
    }

    /** The receiver read {@code n} bytes from the front; frees window and wakes a waiting sender. */
    void consume(int n) {
        int left = n;
        while (left > 0) {
            byte[] head = arrived.peekFirst();
            int k = Math.min(left, head.length - headOffset);
            headOffset += k;
            left -= k;
            if (headOffset == head.length) {
                arrived.removeFirst();
                headOffset = 0;
            }
        }
        arrivedBytes -= n;
        if (n > 0 && senderWaiting) {
            senderWaiting = false;
            net.requestPump(sender);
        }
    }

    /** Which direction this link carries. */
    public Direction direction() {
        return direction;
    }

    /** Whether the planned bit flip happened. */
    public boolean flipped() {
        return flipped;
    }
}
