package io.sanssh.modeltests.harness.pair;

import io.sanssh.engine.trace.OutboundTrace;
import java.util.ArrayList;
import java.util.List;

/**
 * What one engine's outbound queue did, seen through its {@link OutboundTrace} hook: every packet
 * encrypted (message number, sequence number, ciphertext size, whether our key exchange ran), and
 * where each packet ends in the byte stream, so a driver can hand the peer whole packets or parts.
 */
final class EngineTap implements OutboundTrace {
    /** One encrypted packet. */
    record Encrypted(int number, int seq, long size, boolean duringKex) {
        @Override
        public String toString() {
            return Kinds.of(number) + "#" + seq;
        }
    }

    /** Every packet encrypted, oldest first. */
    private final List<Encrypted> all = new ArrayList<>();
    /** Packets encrypted since the last {@link #take()}. */
    private final List<Encrypted> fresh = new ArrayList<>();
    /** Stream offsets (from the first byte this engine ever sent) where each packet ends. */
    private final List<Long> ends = new ArrayList<>();
    private long streamEnd;
    private long lastWireBytes;
    private boolean kexActive;

    @Override
    public void identificationQueued(int length, QueueState after) {
        streamEnd += length;
        ends.add(streamEnd);
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void appWrite(int messageNumber, QueueState after) {
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void internalQueued(int messageNumber, QueueState after) {
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void encrypted(int messageNumber, int seq, QueueState after) {
        long size = after.wireBytes() - lastWireBytes;
        lastWireBytes = after.wireBytes();
        streamEnd += size;
        ends.add(streamEnd);
        Encrypted p = new Encrypted(messageNumber, seq, size, kexActive);
        all.add(p);
        fresh.add(p);
    }

    @Override
    public void transmitted(int n, QueueState after) {
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void kexStarted(QueueState after) {
        kexActive = true;
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void kexEnded(boolean sequenceReset, QueueState after) {
        kexActive = false;
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void inputPaused(boolean paused, QueueState after) {
        lastWireBytes = after.wireBytes();
    }

    /** The packets encrypted since the last call, oldest first. */
    List<Encrypted> take() {
        List<Encrypted> out = new ArrayList<>(fresh);
        fresh.clear();
        return out;
    }

    /** How many packets were encrypted so far. */
    int count() {
        return all.size();
    }

    /** The {@code i}-th packet encrypted (0 for the first after the identification line). */
    Encrypted packet(int i) {
        return all.get(i);
    }

    /** The first packet end after stream offset {@code offset}, or {@code Long.MAX_VALUE}. */
    long nextEndAfter(long offset) {
        int lo = 0;
        int hi = ends.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends.get(mid) <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < ends.size() ? ends.get(lo) : Long.MAX_VALUE;
    }
}
