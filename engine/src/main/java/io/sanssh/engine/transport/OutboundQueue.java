package io.sanssh.engine.transport;

import io.sanssh.engine.trace.OutboundTrace;
import io.sanssh.engine.transport.packet.PacketSealer;
import io.sanssh.spec.message.MessageNumbers;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The two-stage outbound path of one connection, as the TLA+ model {@code tla/OutboundQueue.tla}
 * specifies it (DESIGN.md, "Outbound rules").
 *
 * <ol>
 *   <li>{@code held}: a plaintext FIFO for messages that RFC 4253 §7.1 forbids between our
 *       KEXINIT and our NEWKEYS. They are encrypted, in order, right after our NEWKEYS.
 *   <li>{@code wire}: whole encrypted packets, sequence numbers assigned at encryption.
 *       {@link #transmit} hands out any number of bytes from the front; a packet once encrypted
 *       is always sent whole, because nothing is ever removed from or inserted into the middle.
 * </ol>
 *
 * <p>{@link #enqueue} never refuses: internal messages must always be accepted (rule 2). Memory
 * stays bounded because the engine stops reading input while {@link #wireBytes()} is above its
 * high-water mark, and because application writes are limited by credit, which is zero while our
 * key exchange runs.
 */
public final class OutboundQueue {
    /** Where a message came from; only used for tracing and accounting. */
    public enum Origin {
        APPLICATION,
        INTERNAL
    }

    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private long heldBytes;
    private final WireBuffer wire = new WireBuffer();

    private PacketSealer sealer;
    private int seqNext;
    private boolean kexActive;
    private boolean strictFirstKex;
    private boolean closed;

    private long bytesSinceKeys;
    private long packetsSinceKeys;
    private long totalBytesTransmitted;

    private OutboundTrace trace = OutboundTrace.NONE;
    private boolean tracing;

    /** A queue that starts with the plaintext "cipher" used before the first NEWKEYS. */
    public OutboundQueue(PacketSealer initial) {
        this.sealer = initial;
    }

    /** Installs a trace sink; {@link OutboundTrace#NONE} turns tracing off. */
    public void setTrace(OutboundTrace trace) {
        this.trace = trace;
        this.tracing = trace != OutboundTrace.NONE;
    }

    /** Appends raw bytes that are not a packet: only the identification line, before any packet. */
    public void enqueueIdentification(byte[] line) {
        if (seqNext != 0 || wire.packetCount() != 0 || closed) {
            throw new IllegalStateException("the identification line must come first");
        }
        byte[] dst = wire.reserve(line.length);
        System.arraycopy(line, 0, dst, wire.reservedOffset(), line.length);
        wire.commit(line.length);
        if (tracing) {
            trace.identificationQueued(line.length, state());
        }
    }

    /**
     * Queues one message. KEX messages (20-49) and DISCONNECT/IGNORE/DEBUG/UNIMPLEMENTED are
     * encrypted at once even while our key exchange runs (RFC 4253 §7.1); during a strict first
     * exchange only KEX messages and DISCONNECT are; everything else waits in {@code held} until
     * our NEWKEYS. Never refuses. After {@link #close()} further messages are dropped: the peer
     * will never read them, because our DISCONNECT precedes them.
     */
    public void enqueue(byte[] payload, Origin origin) {
        if (closed) {
            return;
        }
        int number = payload[0] & 0xff;
        if (mustHold(number)) {
            hold(number, payload, origin);
            return;
        }
        noteQueued(number, origin);
        encrypt(payload);
    }

    /**
     * Like {@link #enqueue}, for a payload of {@code length} bytes that {@code writer} encodes,
     * message number {@code number} first. When the message may go out now, the writer encodes it
     * straight into the wire buffer, where it is sealed in place: no array per message. When it
     * must be held, it is encoded into a new array and held. After {@link #close()} the writer is
     * not called.
     */
    public void enqueue(int number, int length, PayloadWriter writer, Origin origin) {
        if (closed) {
            return;
        }
        if (mustHold(number)) {
            byte[] payload = new byte[length];
            writer.writePayload(payload, 0);
            hold(number, payload, origin);
            return;
        }
        noteQueued(number, origin);
        int len = sealer.sealedLength(length);
        byte[] dst = wire.reserve(len);
        int off = wire.reservedOffset();
        writer.writePayload(dst, off + 5);
        seal(number, dst, off + 5, length, dst, off, len);
    }

    /** Whether message {@code number} must wait in {@code held} now: our KEX runs and §7.1 forbids it. */
    private boolean mustHold(int number) {
        return kexActive && !allowedNow(number);
    }

    private void hold(int number, byte[] payload, Origin origin) {
        held.addLast(payload);
        heldBytes += payload.length;
        noteQueued(number, origin);
    }

    private void noteQueued(int number, Origin origin) {
        if (origin == Origin.APPLICATION) {
            if (tracing) {
                trace.appWrite(number, state());
            }
        } else {
            if (tracing) {
                trace.internalQueued(number, state());
            }
        }
    }

    private boolean allowedNow(int number) {
        if (strictFirstKex) {
            return MessageNumbers.isKex(number) || number == MessageNumbers.DISCONNECT;
        }
        return MessageNumbers.allowedDuringKex(number);
    }

    /**
     * Our key exchange starts: from now until {@link #endKex} only the messages RFC 4253 §7.1 allows
     * reach the wire. Call just before queuing our KEXINIT.
     *
     * @param strictFirst whether this is the first exchange and we offer strict KEX: then even
     *     IGNORE and DEBUG wait (OpenSSH PROTOCOL, kex-strict)
     */
    public void beginKex(boolean strictFirst) {
        if (kexActive) {
            throw new IllegalStateException("key exchange already running");
        }
        kexActive = true;
        strictFirstKex = strictFirst;
        if (tracing) {
            trace.kexStarted(state());
        }
    }

    /** Strict KEX turned out not to be agreed: IGNORE and DEBUG may flow as in RFC 4253 §7.1. */
    public void relaxStrict() {
        strictFirstKex = false;
    }

    /**
     * Our key exchange ends: encrypts NEWKEYS with the old keys, switches to {@code next}, resets
     * the sequence number if strict KEX is in force, sends {@code firstAfter} (EXT_INFO, which RFC
     * 8308 §2.4 wants right after NEWKEYS) if not null, then encrypts every held message in FIFO
     * order with the new keys.
     */
    public void endKex(byte[] newKeys, PacketSealer next, boolean resetSequence, byte[] firstAfter) {
        if (!kexActive) {
            throw new IllegalStateException("no key exchange running");
        }
        if (closed) {
            return;
        }
        if (tracing) {
            trace.internalQueued(newKeys[0] & 0xff, state());
        }
        encrypt(newKeys);
        sealer = next;
        if (resetSequence) {
            seqNext = 0;
        }
        bytesSinceKeys = 0;
        packetsSinceKeys = 0;
        kexActive = false;
        strictFirstKex = false;
        if (tracing) {
            trace.kexEnded(resetSequence, state());
        }
        if (firstAfter != null) {
            if (tracing) {
                trace.internalQueued(firstAfter[0] & 0xff, state());
            }
            encrypt(firstAfter);
        }
        while (!held.isEmpty()) {
            byte[] p = held.removeFirst();
            heldBytes -= p.length;
            encrypt(p);
        }
    }

    /** Stops accepting messages: called once our DISCONNECT is queued. Queued bytes still drain. */
    public void close() {
        closed = true;
        held.clear();
        heldBytes = 0;
    }

    private void encrypt(byte[] payload) {
        int len = sealer.sealedLength(payload.length);
        byte[] dst = wire.reserve(len);
        seal(payload[0] & 0xff, payload, 0, payload.length, dst, wire.reservedOffset(), len);
    }

    /** Seals one packet into the reserved wire room (the payload may sit in place), then queues it. */
    private void seal(int number, byte[] payload, int off, int length, byte[] dst, int dstOff, int len) {
        int seq = seqNext;
        sealer.seal(seq, payload, off, length, dst, dstOff);
        seqNext = seq + 1;
        bytesSinceKeys += len;
        packetsSinceKeys++;
        wire.commit(len);
        if (tracing) {
            trace.encrypted(number, seq, state());
        }
    }

    /**
     * Copies as many queued bytes as fit into {@code dst}; any partial write is fine.
     *
     * @return how many bytes were copied
     */
    public int transmit(ByteBuffer dst) {
        int total = wire.transmit(dst);
        if (total > 0) {
            totalBytesTransmitted += total;
            if (tracing) {
                trace.transmitted(total, state());
            }
        }
        return total;
    }

    /**
     * A view of the contiguous bytes at the front of the queue (one or more packets, or a part of
     * one); no copy. It is array-backed, for writes from {@code array()}, and must not be written
     * into. Its bytes stay unchanged until they are consumed, even while more is
     * queued, so a driver may write from it outside its lock and call {@link #consumeOutput} after.
     */
    public ByteBuffer peekOutput() {
        return wire.peek();
    }

    /** Marks {@code n} bytes from the front as written, after a zero-copy write of {@link #peekOutput}. */
    public void consumeOutput(int n) {
        wire.consume(n);
        if (n > 0) {
            totalBytesTransmitted += n;
            if (tracing) {
                trace.transmitted(n, state());
            }
        }
    }

    /**
     * Frees the wire queue's buffers if nothing waits in it; a no-op otherwise. For a connection
     * that has gone quiet: the next message allocates a small buffer again.
     *
     * @return whether the buffers were freed
     */
    public boolean releaseBuffers() {
        return wire.release();
    }

    /** Bytes of buffer the wire queue holds, in use or kept for reuse. */
    public long retainedBytes() {
        return wire.retainedBytes();
    }

    /** Ciphertext bytes waiting to be transmitted. */
    public long wireBytes() {
        return wire.size();
    }

    /** Plaintext bytes held until our NEWKEYS. */
    public long heldBytes() {
        return heldBytes;
    }

    /** Messages held until our NEWKEYS. */
    public int heldCount() {
        return held.size();
    }

    /** Everything queued and not yet transmitted, in bytes: what the high-water mark bounds. */
    public long backlog() {
        return wire.size() + heldBytes;
    }

    /** Whether our key exchange runs (credit for application data is zero meanwhile). */
    public boolean kexActive() {
        return kexActive;
    }

    /** The sequence number the next encrypted packet will get. */
    public int nextSequenceNumber() {
        return seqNext;
    }

    /** Ciphertext bytes encrypted with the current keys: for rekey-by-volume. */
    public long bytesSinceKeys() {
        return bytesSinceKeys;
    }

    /** Packets encrypted with the current keys. */
    public long packetsSinceKeys() {
        return packetsSinceKeys;
    }

    /** The block size of the cipher in use, for RFC 4344 limits. */
    public int blockSize() {
        return sealer.blockSize();
    }

    /** Every byte ever handed out by {@link #transmit} or {@link #consumeOutput}. */
    public long totalBytesTransmitted() {
        return totalBytesTransmitted;
    }

    /** Whether the queue was closed by our DISCONNECT. */
    public boolean isClosed() {
        return closed;
    }

    /** The variables of the TLA+ model, for traces and run-time checks. */
    public OutboundTrace.QueueState state() {
        return new OutboundTrace.QueueState(held.size(), wire.packetCount(), wire.size(), seqNext, kexActive);
    }
}
