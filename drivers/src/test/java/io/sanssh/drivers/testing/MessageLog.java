package io.sanssh.drivers.testing;

import io.sanssh.engine.transport.TransportListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The layer above a transport in driver tests: records every upper-layer payload (message numbers
 * 5-6 and 50-255) in arrival order. Safe to read from another thread than the engine's.
 */
public final class MessageLog implements TransportListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<byte[]> messages = new ArrayList<>();
    private long bytes;

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        lock.lock();
        try {
            messages.add(Arrays.copyOfRange(payload, off, off + len));
            bytes += len;
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the payloads received so far. */
    public List<byte[]> messages() {
        lock.lock();
        try {
            return new ArrayList<>(messages);
        } finally {
            lock.unlock();
        }
    }

    /** How many payloads arrived. */
    public int count() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes received in all. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
