package io.sanssh.engine.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The storage of the wire queue of {@link OutboundQueue}: whole packets of ciphertext, in order,
 * in a few reused chunks instead of one array per packet. A sealer writes each packet straight
 * into the room {@link #reserve} hands out; the driver reads from the front.
 *
 * <p>Bytes once committed never move and are never overwritten until they are consumed: a chunk is
 * only rewound or recycled once everything in it was consumed. So a view from {@link #peek} stays
 * valid while later packets are appended, which lets a driver write it outside its lock and call
 * {@link #consume} afterwards.
 *
 * <p>Memory: the chunks hold the queued bytes, the unused tail of the last chunk, and at most
 * {@link #MAX_SPARES} spare chunks of {@link #MAX_CHUNK} bytes. Chunks start small and double up to
 * {@link #MAX_CHUNK} (larger only for a packet that needs it), so a connection that only exchanges
 * small messages keeps a small buffer. {@link #release} drops them all while nothing is queued, so a connection
 * that went idle holds no output buffer at all; the owner decides when (see {@link Transport}).
 */
final class WireBuffer {
    /** The largest chunk size, unless a single packet is larger: eight 32 KiB data packets. */
    static final int MAX_CHUNK = 8 * 33 * 1024;
    private static final int FIRST_CHUNK = 4 * 1024;

    /** One array with the unconsumed bytes in {@code [start, end)}. */
    private static final class Chunk {
        final byte[] data;
        int start;
        int end;

        Chunk(int size) {
            this.data = new byte[size];
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    /**
     * Consumed chunks of {@link #MAX_CHUNK} bytes kept for reuse: a window adjustment can let
     * several chunks' worth of data leave at once, and each reuse saves allocating and zeroing one.
     */
    private final ArrayDeque<Chunk> spares = new ArrayDeque<>();
    /** The most spare chunks kept: no more than the queue itself held a moment ago. */
    private static final int MAX_SPARES = 4;
    private int nextChunkSize = FIRST_CHUNK;
    private long size;

    private int[] packetLengths = new int[16];
    private int packetHead;
    private int packetCount;
    private int headSent;

    private Chunk reserved;

    /**
     * Room for {@code len} contiguous bytes: returns the array to write them into, at {@link
     * #reservedOffset()}; nothing is queued until {@link #commit}.
     */
    byte[] reserve(int len) {
        Chunk tail = chunks.peekLast();
        if (tail != null && tail.start == tail.end) {
            // Everything in it was consumed: no reader holds a view of it any more. Rewind it, or
            // drop it if even that is too small, so that the front chunk is never an empty one.
            tail.start = 0;
            tail.end = 0;
            if (tail.data.length < len) {
                chunks.removeLast();
                recycle(tail);
                tail = null;
            }
        }
        if (tail == null || tail.data.length - tail.end < len) {
            tail = newChunk(len);
            chunks.addLast(tail);
        }
        reserved = tail;
        return tail.data;
    }

    /** Where the room from the last {@link #reserve} starts in its array. */
    int reservedOffset() {
        return reserved.end;
    }

    /** Queues the {@code len} bytes written into the last reserved room as one packet. */
    void commit(int len) {
        Chunk c = reserved;
        reserved = null;
        if (len < 0 || c.end + len > c.data.length) {
            throw new IllegalStateException("commit of " + len + " bytes beyond the reserved room");
        }
        c.end += len;
        size += len;
        if (packetCount == packetLengths.length) {
            int[] grown = new int[packetLengths.length * 2];
            for (int i = 0; i < packetCount; i++) {
                grown[i] = packetLengths[(packetHead + i) % packetLengths.length];
            }
            packetLengths = grown;
            packetHead = 0;
        }
        packetLengths[(packetHead + packetCount) % packetLengths.length] = len;
        packetCount++;
    }

    private Chunk newChunk(int len) {
        Chunk c = spares.peekFirst();
        if (c != null && c.data.length >= len) {
            spares.removeFirst();
            c.start = 0;
            c.end = 0;
            return c;
        }
        int chunkSize = Math.max(nextChunkSize, len);
        nextChunkSize = Math.min(MAX_CHUNK, nextChunkSize * 2);
        return new Chunk(chunkSize);
    }

    private void recycle(Chunk c) {
        if (c.data.length == MAX_CHUNK && spares.size() < MAX_SPARES) {
            spares.addFirst(c);
        }
    }

    /** Copies as many bytes from the front as fit into {@code dst} and consumes them. */
    int transmit(ByteBuffer dst) {
        int total = 0;
        while (dst.hasRemaining() && size > 0) {
            Chunk head = chunks.peekFirst();
            int n = Math.min(dst.remaining(), head.end - head.start);
            dst.put(head.data, head.start, n);
            total += n;
            consume(n);
        }
        return total;
    }

    /**
     * A view of the contiguous bytes at the front (one or more packets, or a part). It is backed by
     * the chunk's array (so a driver can hand {@code array()} to an {@code OutputStream} without a
     * copy) and must never be written into.
     */
    ByteBuffer peek() {
        Chunk head = chunks.peekFirst();
        if (head == null || head.start == head.end) {
            return ByteBuffer.allocate(0);
        }
        return ByteBuffer.wrap(head.data, head.start, head.end - head.start).slice();
    }

    /** Drops {@code n} bytes from the front, which must be queued. */
    void consume(int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot consume " + n + " of " + size);
        }
        size -= n;
        int left = n;
        while (left > 0) {
            Chunk head = chunks.peekFirst();
            int k = Math.min(left, head.end - head.start);
            head.start += k;
            left -= k;
            if (head.start == head.end && chunks.size() > 1) {
                chunks.removeFirst();
                recycle(head);
            }
        }
        left = n;
        while (left > 0) {
            int k = Math.min(left, packetLengths[packetHead] - headSent);
            headSent += k;
            left -= k;
            if (headSent == packetLengths[packetHead]) {
                headSent = 0;
                packetHead = (packetHead + 1) % packetLengths.length;
                packetCount--;
            }
        }
    }

    /**
     * Drops every chunk, the spares included, and starts the next chunk small again, if nothing is
     * queued and no room is reserved; otherwise does nothing. Call it when the connection is idle:
     * the next {@link #reserve} allocates afresh.
     *
     * @return whether the chunks were dropped
     */
    boolean release() {
        if (size != 0 || reserved != null) {
            return false;
        }
        chunks.clear();
        spares.clear();
        nextChunkSize = FIRST_CHUNK;
        return true;
    }

    /** Bytes of chunk arrays held, queued or not (the spares included): what {@link #release} frees. */
    long retainedBytes() {
        long total = 0;
        for (Chunk c : spares) {
            total += c.data.length;
        }
        for (Chunk c : chunks) {
            total += c.data.length;
        }
        return total;
    }

    /** Bytes queued. */
    long size() {
        return size;
    }

    /** Packets queued, counting one that is partly consumed. */
    int packetCount() {
        return packetCount;
    }

    /** Whether nothing is queued. */
    boolean isEmpty() {
        return size == 0;
    }
}
