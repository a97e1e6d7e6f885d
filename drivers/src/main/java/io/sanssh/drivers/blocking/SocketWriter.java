package io.sanssh.drivers.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write path of a blocking connection: takes ciphertext from the engine into its own buffer
 * under the engine lock, and writes it to the socket outside that lock, so a write blocked on a
 * full socket never holds up the reader thread or an application thread that only reads.
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
    private final ReentrantLock writeLock = new ReentrantLock();
    private final byte[] buf;
    private final ByteBuffer view;

    SocketWriter(EngineMonitor<?> monitor, OutputStream out, int bufferSize) {
        this.monitor = monitor;
        this.out = out;
        this.buf = new byte[bufferSize];
        this.view = ByteBuffer.wrap(buf);
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
        while (true) {
            int n;
            m.lock.lock();
            try {
                if (m.streamLost || m.socketState != EngineMonitor.SocketState.OPEN) {
                    return;
                }
                view.clear();
                n = m.engine.transmit(view);
                if (n > 0) {
                    m.afterEngineCall();
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
                out.write(buf, 0, n);
            } catch (IOException e) {
                m.lock.lock();
                try {
                    m.lose("socket write failed: " + e.getMessage());
                } finally {
                    m.lock.unlock();
                }
                return;
            }
        }
    }

    /** Whether a thread is draining right now (holds the write lock). */
    boolean isDraining() {
        return writeLock.isLocked();
    }
}
