package io.sanssh.drivers.blocking;

import io.sanssh.drivers.pump.Pump;
import io.sanssh.drivers.pump.SocketTuning;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The reader thread of a blocking connection. It reads the socket into its own buffer without the
 * engine lock, then takes the lock to {@code receive}; while the engine does not want input it
 * waits on a condition instead of reading, which is how input pauses. Its socket read timeout is
 * set from the engine's next deadline (and the idle limit), and a timeout runs the engine's timers,
 * so keep-alives are answered while the application sleeps. After the engine closes it keeps
 * reading and discarding until the peer's FIN, which completes a graceful close.
 */
final class ReaderLoop implements Runnable {
    private final EngineMonitor<?> m;
    private final Socket socket;
    private final InputStream in;
    private final byte[] buf;
    private final ByteBuffer view;
    private final long idleNanos;
    private final boolean quickAck;

    ReaderLoop(EngineMonitor<?> monitor, Socket socket, InputStream in, int bufferSize, long idleNanos,
               boolean quickAck) {
        this.m = monitor;
        this.socket = socket;
        this.in = in;
        this.buf = new byte[bufferSize];
        this.view = ByteBuffer.wrap(buf);
        this.idleNanos = idleNanos;
        this.quickAck = quickAck;
    }

    @Override
    public void run() {
        try {
            while (awaitInputWanted()) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    onReadTimeout();
                    continue;
                }
                if (quickAck) {
                    SocketTuning.rearmQuickAck(socket);
                }
                if (n < 0) {
                    onEndOfStream();
                    return;
                }
                deliver(n);
            }
        } catch (IOException e) {
            onReadFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onReadFailure(new IOException("reader thread interrupted", e));
        } catch (RuntimeException | Error e) {
            m.lock.lock();
            try {
                m.fail(e);
            } finally {
                m.lock.unlock();
            }
        } finally {
            m.lock.lock();
            try {
                m.readerDone = true;
                m.signalAll();
            } finally {
                m.lock.unlock();
            }
        }
    }

    /**
     * Waits until the engine wants input (or is closed: then we read to discard), runs due timers,
     * and sets the socket timeout for the coming read.
     *
     * @return false once the socket is closed
     */
    private boolean awaitInputWanted() throws InterruptedException, IOException {
        long waitNanos;
        m.lock.lock();
        try {
            while (true) {
                if (m.socketState == EngineMonitor.SocketState.CLOSED) {
                    return false;
                }
                if (Pump.fireTimersIfDue(m.engine, m.now())) {
                    m.afterEngineCall();
                }
                if (m.engine.isClosed() || m.engine.wantsRead()) {
                    waitNanos = m.readWaitNanos(idleNanos);
                    if (waitNanos > 0) {
                        break;
                    }
                    idleExpired();
                    continue;
                }
                m.inputWanted.await();
            }
        } finally {
            m.lock.unlock();
        }
        long ms = waitNanos == Pump.NO_DEADLINE ? 0 : Math.max(1, EngineMonitor.toMillisCeil(waitNanos));
        socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
        return true;
    }

    /** Lock held: the idle limit passed; drop the connection. */
    private boolean idleExpired() {
        if (idleNanos > 0 && !m.engine.isClosed() && m.now() - (m.lastInputNanos + idleNanos) >= 0) {
            m.lose("no data from the peer for " + idleNanos / 1_000_000 + " ms (idle timeout)");
            return true;
        }
        return false;
    }

    private void onReadTimeout() {
        m.lock.lock();
        try {
            if (Pump.fireTimersIfDue(m.engine, m.now())) {
                m.afterEngineCall();
            }
            idleExpired();
        } finally {
            m.lock.unlock();
        }
    }

    private void deliver(int n) throws InterruptedException {
        m.lock.lock();
        try {
            m.lastInputNanos = m.now();
            view.clear().limit(n);
            while (view.hasRemaining() && !m.engine.isClosed() && m.socketState != EngineMonitor.SocketState.CLOSED) {
                if (!m.engine.wantsRead()) {
                    m.inputWanted.await();
                    continue;
                }
                Pump.receive(m.engine, view, m.now());
                m.afterEngineCall();
            }
        } finally {
            m.lock.unlock();
        }
    }

    private void onEndOfStream() {
        m.lock.lock();
        try {
            if (!m.engine.isClosed()) {
                m.lose("end of stream from the peer");
            }
        } finally {
            m.lock.unlock();
        }
    }

    private void onReadFailure(IOException e) {
        m.lock.lock();
        try {
            if (m.socketState != EngineMonitor.SocketState.CLOSED) {
                m.lose("socket read failed: " + e.getMessage());
            }
        } finally {
            m.lock.unlock();
        }
    }
}
