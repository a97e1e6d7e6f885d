package io.sanssh.drivers.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write path of a blocking connection: takes a view of the engine's queued ciphertext under the
 * engine lock (or a copy, if the engine offers no array-backed view), writes it to the socket
 * outside that lock, then marks it consumed, so a write blocked on a full socket never holds up the
 * reader thread or an application thread that only reads.
 *
 * <p>Writers are serialised by a separate write lock, taken with {@code tryLock}: whoever holds it
 * keeps draining until the engine has nothing left, so a thread that finds it taken can leave its
 * output to the holder. The holder signals the pump thread when it lets go if output is waiting
 * (or the engine closed), which closes the gap between its last empty {@code transmit} and the
 * release.
 */
final class SocketWriter {
    private final EngineMonitor<?> monitor;
    private final OutputStream out;
    /** The most written from the engine's queue in one socket write, so that credit flows back in steps. */
    private static final int MAX_WRITE = 256 * 1024;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final int bufferSize;
    /** For engines whose output view has no array: made on first use (ours never need it). */
    private byte[] buf;
    private ByteBuffer view;

    SocketWriter(EngineMonitor<?> monitor, OutputStream out, int bufferSize) {
        this.monitor = monitor;
        this.out = out;
        this.bufferSize = bufferSize;
    }

    /**
     * Drains the engine's output to the socket if no other thread is doing so; may block in socket
     * writes. Must be called without the engine lock held. A failed write ends the connection
     * (the engine sees {@code connectionLost}).
     *
     * @return whether this thread drained (false: another writer holds the write lock)
     */
    boolean tryDrain() {
        if (!writeLock.tryLock()) {
            return false;
        }
        monitor.writerDraining = true;
        try {
            drain();
        } finally {
            monitor.writerDraining = false;
            writeLock.unlock();
            monitor.lock.lock();
            try {
                // Only output queued after our last transmit, or a close to drive, needs the pump;
                // waking it after every write would cost a context switch per write.
                if (monitor.engine.wantsWrite() || monitor.engine.isClosed() || monitor.streamLost) {
                    monitor.pumpWake.signal();
                }
            } finally {
                monitor.lock.unlock();
            }
        }
        return true;
    }

    private void drain() {
        EngineMonitor<?> m = monitor;
        int written = 0;
        while (true) {
            ByteBuffer front;
            byte[] src;
            int off;
            int n;
            m.lock.lock();
            try {
                if (written > 0) {
                    // the bytes of the last view went out: only now may the engine reuse them
                    m.engine.consumeOutput(written);
                    m.afterEngineCall();
                    written = 0;
                }
                if (m.streamLost || m.socketState != EngineMonitor.SocketState.OPEN) {
                    return;
                }
                front = m.engine.peekOutput();
                n = Math.min(front.remaining(), MAX_WRITE);
                if (n > 0 && front.hasArray()) {
                    // Written straight from the engine's queue outside the lock: its bytes stay put
                    // until consumed, and only the holder of the write lock consumes.
                    src = front.array();
                    off = front.arrayOffset() + front.position();
                } else {
                    if (buf == null) {
                        buf = new byte[bufferSize];
                        view = ByteBuffer.wrap(buf);
                    }
                    view.clear();
                    n = m.engine.transmit(view);
                    if (n > 0) {
                        m.afterEngineCall();
                    }
                    src = buf;
                    off = 0;
                    front = null;
                }
            } catch (RuntimeException | Error e) {
                m.fail(e);
                return;
            } finally {
                m.lock.unlock();
            }
            if (n == 0) {
                return;
            }
            try {
                out.write(src, off, n);
            } catch (IOException e) {
                m.lock.lock();
                try {
                    m.lose("socket write failed: " + e.getMessage());
                } finally {
                    m.lock.unlock();
                }
                return;
            }
            if (front != null) {
                written = n;
            }
        }
    }

    /** Whether a thread is draining right now (holds the write lock). */
    boolean isDraining() {
        return writeLock.isLocked();
    }
}
