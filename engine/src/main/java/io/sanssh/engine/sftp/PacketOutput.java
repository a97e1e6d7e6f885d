package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpPacket;
import io.sanssh.spec.wire.SpareArrays;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The bytes an SFTP session has produced and the channel has not yet taken: whole encoded packets
 * in order, the first possibly taken in part. A packet is encoded when it is queued, so the
 * record it came from can be dropped (or kept elsewhere) independently of the wire bytes.
 *
 * <p>Taking output in any pieces yields the same byte stream: the channel's credit decides how
 * much leaves at a time, and a packet cut across two channel messages is fine for SFTP, which is
 * a byte stream inside the channel (draft-ietf-secsh-filexfer-02 §3).
 *
 * <p>Once {@link #buffer} was used, a large packet taken whole is kept as a spare: an upload encodes its next
 * WRITE (a server its next DATA) into it instead of allocating (and zeroing) a fresh
 * quarter-megabyte array per packet.
 * Nothing else refers to a queued packet once it is taken: {@link #peek}'s view ends there.
 * Spares are dropped whenever the output runs empty, so an idle session holds none.
 */
final class PacketOutput {
    /** Taken packets at least this long are kept as spares; smaller ones are cheap to allocate. */
    private static final int SPARE_MIN_LENGTH = 16 * 1024;
    /**
     * How many spares are kept at most: a window adjustment lets several WRITEs leave at once,
     * and their acknowledgements then ask for as many new packets.
     */
    private static final int SPARES = 8;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final SpareArrays spares = new SpareArrays(SPARES, SPARE_MIN_LENGTH);
    /** Whether spares are kept: only once someone asked for a {@link #buffer} (client WRITEs, server DATAs). */
    private boolean keepSpares;
    /** How much of the first packet was already taken. */
    private int headTaken;
    private long pending;
    private long packetsQueued;

    /** Encodes {@code packet} (length prefix included) and queues it behind everything else. */
    void add(SftpPacket packet) {
        addEncoded(SftpCodec.encode(packet));
    }

    /** Queues {@code b}, one whole packet already encoded (length prefix included), which it keeps. */
    void addEncoded(byte[] b) {
        queue.add(b);
        pending += b.length;
        packetsQueued++;
    }

    /**
     * An array of exactly {@code length} bytes for a packet to be queued with {@link #addEncoded}:
     * a spare (a packet already taken whole; its old content is still there, so the caller must
     * overwrite every byte) or a new array.
     */
    byte[] buffer(int length) {
        keepSpares = true;
        byte[] b = spares.takeExact(length);
        return b != null ? b : new byte[length];
    }

    /** Bytes waiting to be taken. */
    long pending() {
        return pending;
    }

    /** How many packets were queued since this output was made. */
    long packetsQueued() {
        return packetsQueued;
    }

    /**
     * Copies as many pending bytes as fit into {@code dst} (from its position; the position
     * advances) and returns how many: 0 when nothing is pending or {@code dst} is full.
     */
    int take(ByteBuffer dst) {
        int total = 0;
        while (dst.hasRemaining() && !queue.isEmpty()) {
            byte[] head = queue.peek();
            int n = Math.min(dst.remaining(), head.length - headTaken);
            dst.put(head, headTaken, n);
            consume(n);
            total += n;
        }
        return total;
    }

    /**
     * A read-only view of the untaken rest of the first queued packet, or an empty buffer when
     * nothing is pending. Valid until the next {@link #consume} or {@link #take}: for callers that
     * copy straight into their own packet and then call {@link #consume}.
     */
    ByteBuffer peek() {
        byte[] head = queue.peek();
        if (head == null) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(head, headTaken, head.length - headTaken).asReadOnlyBuffer();
    }

    /** Marks {@code n} bytes of the front as taken; {@code n} may not exceed what {@link #peek} showed. */
    void consume(int n) {
        byte[] head = queue.peek();
        if (n < 0 || (head == null ? n != 0 : n > head.length - headTaken)) {
            throw new IllegalArgumentException("cannot consume " + n + " bytes of the current packet");
        }
        if (head == null) {
            return;
        }
        headTaken += n;
        pending -= n;
        if (headTaken == head.length) {
            queue.poll();
            headTaken = 0;
            if (queue.isEmpty()) {
                spares.clear();
            } else if (keepSpares) {
                spares.give(head);
            }
        }
    }
}
