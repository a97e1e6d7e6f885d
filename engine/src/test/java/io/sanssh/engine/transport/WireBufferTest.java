package io.sanssh.engine.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.packet.PacketProtection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chunked wire storage: FIFO order, packet counting, and views that survive appends. */
class WireBufferTest {

    private static byte[] packet(SplittableRandom r, int len) {
        byte[] b = new byte[len];
        r.nextBytes(b);
        return b;
    }

    private static void append(WireBuffer w, byte[] p) {
        byte[] dst = w.reserve(p.length);
        System.arraycopy(p, 0, dst, w.reservedOffset(), p.length);
        w.commit(p.length);
    }

    @Test
    void randomAppendsAndDrainsComeOutInOrder() {
        SplittableRandom r = new SplittableRandom(7);
        WireBuffer w = new WireBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        ArrayDeque<Integer> lengths = new ArrayDeque<>();
        int headSent = 0;
        for (int step = 0; step < 4000; step++) {
            int op = r.nextInt(3);
            if (op == 0) {
                int len = r.nextInt(20) == 0 ? WireBuffer.MAX_CHUNK + r.nextInt(5000) : 1 + r.nextInt(40_000);
                byte[] p = packet(r, len);
                append(w, p);
                expected.write(p, 0, p.length);
                lengths.addLast(len);
            } else {
                int n;
                if (op == 1) {
                    ByteBuffer view = w.peek();
                    n = view.hasRemaining() ? 1 + r.nextInt(view.remaining()) : 0;
                    byte[] out = new byte[n];
                    view.get(out);
                    actual.write(out, 0, n);
                    w.consume(n);
                } else {
                    ByteBuffer dst = ByteBuffer.allocate(r.nextInt(100_000));
                    n = w.transmit(dst);
                    assertEquals(dst.position(), n);
                    actual.write(dst.array(), 0, n);
                }
                while (n > 0) {
                    int k = Math.min(n, lengths.peekFirst() - headSent);
                    headSent += k;
                    n -= k;
                    if (headSent == lengths.peekFirst()) {
                        lengths.removeFirst();
                        headSent = 0;
                    }
                }
            }
            assertEquals(lengths.size(), w.packetCount());
            assertEquals(expected.size() - actual.size(), w.size());
        }
        ByteBuffer rest = ByteBuffer.allocate((int) w.size());
        w.transmit(rest);
        actual.write(rest.array(), 0, rest.position());
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
        assertTrue(w.isEmpty());
        assertEquals(0, w.packetCount());
    }

    @Test
    void aPeekedViewStaysValidWhileMoreIsQueued() {
        SplittableRandom r = new SplittableRandom(11);
        WireBuffer w = new WireBuffer();
        append(w, packet(r, 3000));
        ByteBuffer view = w.peek();
        byte[] before = new byte[view.remaining()];
        view.duplicate().get(before);
        for (int i = 0; i < 40; i++) {
            append(w, packet(r, 1 + r.nextInt(33_000)));
        }
        byte[] after = new byte[view.remaining()];
        view.duplicate().get(after);
        assertArrayEquals(before, after);
        assertTrue(view.hasArray() && view.position() == 0, "array-backed, for writes without a copy");
    }

    @Test
    void consumingMoreThanQueuedIsRefused() {
        WireBuffer w = new WireBuffer();
        append(w, new byte[10]);
        assertThrows(IllegalArgumentException.class, () -> w.consume(11));
        assertThrows(IllegalArgumentException.class, () -> w.consume(-1));
        assertEquals(0, new WireBuffer().peek().remaining());
    }

    @Test
    void aPayloadWriterGivesTheSameWireBytesAsAnArray() {
        SplittableRandom r = new SplittableRandom(3);
        OutboundQueue arrays = new OutboundQueue(PacketProtection.plaintextSealer(TestRandom.seeded(5)));
        OutboundQueue writers = new OutboundQueue(PacketProtection.plaintextSealer(TestRandom.seeded(5)));
        for (int i = 0; i < 200; i++) {
            byte[] payload = packet(r, 1 + r.nextInt(40_000));
            payload[0] = 94;
            arrays.enqueue(payload, Origin.APPLICATION);
            writers.enqueue(94, payload.length,
                    (dst, off) -> System.arraycopy(payload, 0, dst, off, payload.length), Origin.APPLICATION);
        }
        assertEquals(arrays.wireBytes(), writers.wireBytes());
        assertEquals(arrays.state(), writers.state());
        ByteBuffer a = ByteBuffer.allocate((int) arrays.wireBytes());
        ByteBuffer b = ByteBuffer.allocate((int) writers.wireBytes());
        arrays.transmit(a);
        writers.transmit(b);
        assertArrayEquals(a.array(), b.array());
    }

    @Test
    void aWrittenPayloadIsHeldDuringKeyExchange() {
        OutboundQueue q = new OutboundQueue(PacketProtection.plaintextSealer(TestRandom.seeded(1)));
        q.beginKex(false);
        q.enqueue(94, 9, (dst, off) -> dst[off] = 94, Origin.APPLICATION);
        assertEquals(1, q.heldCount());
        assertEquals(9, q.heldBytes());
        assertEquals(0, q.wireBytes());
    }

    @Test
    void releaseDropsTheChunksOnlyWhileNothingIsQueued() {
        SplittableRandom r = new SplittableRandom(11);
        WireBuffer w = new WireBuffer();
        byte[] first = packet(r, 3000);
        append(w, first);
        assertFalse(w.release(), "bytes are queued");
        assertTrue(w.retainedBytes() >= 3000);
        ByteBuffer view = w.peek();
        byte[] seen = new byte[view.remaining()];
        view.get(seen);
        assertArrayEquals(first, seen, "a refused release leaves the queued bytes as they were");
        w.consume(seen.length);
        assertTrue(w.retainedBytes() > 0, "a drained buffer keeps its chunk for the next packet");
        assertTrue(w.release());
        assertEquals(0, w.retainedBytes());
        byte[] second = packet(r, 100);
        append(w, second);
        ByteBuffer dst = ByteBuffer.allocate(200);
        assertEquals(100, w.transmit(dst));
        assertArrayEquals(second, java.util.Arrays.copyOf(dst.array(), 100));
        assertTrue(w.retainedBytes() <= 4096, "after a release the buffer starts small again");
    }
}
