package io.sanssh.engine.testing;

import io.sanssh.engine.trace.OutboundTrace;
import io.sanssh.spec.message.MessageNumbers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the outbound rules of DESIGN.md on one engine after every queue action, from the
 * engine's own trace: whole packets (the queue's byte accounting matches a FIFO of whole packets
 * with at most the head partly sent), KEX quiet (RFC 4253 §7.1; strict KEX), contiguous sequence
 * numbers (reset only by a strict NEWKEYS), and the memory bound. Fails loudly with the engine's
 * name. The peer engine parsing every transmitted byte back into MAC-verified packets completes
 * the whole-packet check.
 */
public final class OutboundRulesChecker implements OutboundTrace {
    private final String name;
    private final long bound;
    private final ArrayDeque<Long> packetSizes = new ArrayDeque<>();
    private long headSent;
    private long lastWireBytes;
    private int expectedSeq;
    private boolean kexActive;
    private boolean strictFirst;
    private boolean sawKexEnd;
    private final List<Integer> encryptedOrder = new ArrayList<>();
    private long maxBacklog;

    /**
     * @param name the engine's name, for messages
     * @param bound the most bytes the wire queue may hold (high-water mark plus one burst)
     * @param strictFirst whether the first exchange is strict (only KEX messages and DISCONNECT)
     */
    public OutboundRulesChecker(String name, long bound, boolean strictFirst) {
        this.name = name;
        this.bound = bound;
        this.strictFirst = strictFirst;
    }

    private void fail(String why) {
        throw new AssertionError(name + ": outbound rule broken: " + why);
    }

    private void checkState(QueueState s) {
        if (s.wireBytes() != lastWireBytes) {
            fail("wire bytes " + s.wireBytes() + " but the checker counts " + lastWireBytes);
        }
        if (s.wirePackets() != packetSizes.size()) {
            fail("wire holds " + s.wirePackets() + " packets, checker counts " + packetSizes.size());
        }
        if (s.wireBytes() > bound) {
            fail("wire backlog " + s.wireBytes() + " above bound " + bound);
        }
        maxBacklog = Math.max(maxBacklog, s.wireBytes());
        if (s.kexActive() != kexActive) {
            fail("kexActive " + s.kexActive() + " but checker thinks " + kexActive);
        }
    }

    @Override
    public void identificationQueued(int length, QueueState after) {
        if (!packetSizes.isEmpty() || expectedSeq != 0) {
            fail("identification line queued after a packet");
        }
        packetSizes.addLast((long) length);
        lastWireBytes += length;
        checkState(after);
    }

    @Override
    public void encrypted(int messageNumber, int seq, QueueState after) {
        long size = after.wireBytes() - lastWireBytes;
        if (size <= 0) {
            fail("encrypting message " + messageNumber + " added " + size + " bytes");
        }
        packetSizes.addLast(size);
        lastWireBytes = after.wireBytes();
        if (seq != expectedSeq) {
            fail("sequence number " + seq + ", expected " + expectedSeq + " (contiguous)");
        }
        expectedSeq = seq + 1;
        if (kexActive && messageNumber != MessageNumbers.NEWKEYS) {
            boolean ok = (strictFirst && !sawKexEnd)
                    ? MessageNumbers.isKex(messageNumber) || messageNumber == MessageNumbers.DISCONNECT
                    : MessageNumbers.allowedDuringKex(messageNumber);
            if (!ok) {
                fail(MessageNumbers.name(messageNumber) + " encrypted during our key exchange");
            }
        }
        encryptedOrder.add(messageNumber);
        checkState(after);
    }

    @Override
    public void transmitted(int n, QueueState after) {
        long left = n;
        while (left > 0) {
            Long head = packetSizes.peekFirst();
            if (head == null) {
                fail("transmitted more than was queued");
            }
            long take = Math.min(left, head - headSent);
            headSent += take;
            left -= take;
            if (headSent == head) {
                packetSizes.removeFirst();
                headSent = 0;
            }
        }
        lastWireBytes -= n;
        checkState(after);
    }

    @Override
    public void kexStarted(QueueState after) {
        if (kexActive) {
            fail("key exchange started twice");
        }
        kexActive = true;
        checkState(after);
    }

    @Override
    public void kexEnded(boolean sequenceReset, QueueState after) {
        if (!kexActive) {
            fail("key exchange ended without starting");
        }
        kexActive = false;
        sawKexEnd = true;
        if (sequenceReset) {
            expectedSeq = 0;
        }
        checkState(after);
        if (after.seqNext() != expectedSeq) {
            fail("after NEWKEYS the next sequence number is " + after.seqNext() + ", expected " + expectedSeq);
        }
    }

    @Override
    public void appWrite(int messageNumber, QueueState after) {
        if (after.kexActive() && after.held() == 0 && !MessageNumbers.allowedDuringKex(messageNumber)) {
            fail("application message " + messageNumber + " neither held nor allowed during key exchange");
        }
    }

    @Override
    public void internalQueued(int messageNumber, QueueState after) {
        // internal messages are always accepted; nothing to refuse, so nothing to check here
    }

    /** Strict KEX turned out not to be agreed. */
    public void relaxStrict() {
        strictFirst = false;
    }

    /** Message numbers in the order they were encrypted. */
    public List<Integer> encryptedOrder() {
        return encryptedOrder;
    }

    /** The largest wire backlog seen. */
    public long maxBacklog() {
        return maxBacklog;
    }
}
