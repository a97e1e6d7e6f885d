package io.sanssh.drivers.blocking;

import io.sanssh.drivers.pump.Pump;
import java.io.IOException;
import java.net.Socket;

/**
 * The pump thread of a blocking connection: writes whatever output no application thread is
 * writing, runs the engine's timers at their deadlines (even while the reader blocks in a read
 * whose timeout was set before the deadline moved), and drives the socket's close: once the engine
 * is closed and its output (our DISCONNECT) has left, it sends FIN, waits a bounded time for the
 * reader to see the peer's FIN, and closes the socket. When the stream was lost it closes at once.
 */
final class PumpLoop implements Runnable {
    private final EngineMonitor<?> m;
    private final Socket socket;
    private final SocketWriter writer;
    private final long closeTimeoutNanos;

    PumpLoop(EngineMonitor<?> monitor, Socket socket, SocketWriter writer, long closeTimeoutNanos) {
        this.m = monitor;
        this.socket = socket;
        this.writer = writer;
        this.closeTimeoutNanos = closeTimeoutNanos;
    }

    @Override
    public void run() {
        long lingerUntil = 0;
        m.lock.lock();
        try {
            while (m.socketState != EngineMonitor.SocketState.CLOSED) {
                long now = m.now();
                if (Pump.fireTimersIfDue(m.engine, now)) {
                    m.afterEngineCall();
                }
                if (m.streamLost) {
                    m.closeSocket();
                    break;
                }
                if (m.engine.wantsWrite() && m.socketState == EngineMonitor.SocketState.OPEN) {
                    writeOutsideLock();
                    continue;
                }
                if (writer.isDraining()) {
                    sleepUntilDeadline();
                    continue;
                }
                if (m.engine.isClosed()) {
                    if (m.socketState == EngineMonitor.SocketState.OPEN) {
                        shutdownOutput();
                        lingerUntil = now + closeTimeoutNanos;
                    }
                    if (m.readerDone || now - lingerUntil >= 0) {
                        m.closeSocket();
                        break;
                    }
                    sleep(true, lingerUntil);
                    continue;
                }
                sleepUntilDeadline();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.closeSocket();
        } catch (RuntimeException | Error e) {
            m.fail(e);
            m.closeSocket();
        } finally {
            m.pumpDone = true;
            m.signalAll();
            m.lock.unlock();
        }
    }

    /** Lock held on entry and exit; released while writing. */
    private void writeOutsideLock() throws InterruptedException {
        m.lock.unlock();
        boolean drained;
        try {
            drained = writer.tryDrain();
        } finally {
            m.lock.lock();
        }
        if (!drained && writer.isDraining()) {
            // another thread writes; it signals pumpWake when it lets go of the write lock
            sleepUntilDeadline();
        }
    }

    /** Sleeps until the engine's next deadline (or a signal); unbounded if no timer is armed. */
    private void sleepUntilDeadline() throws InterruptedException {
        boolean bounded = m.engine.hasDeadline();
        sleep(bounded, bounded ? m.engine.nextDeadline() : 0);
    }

    /**
     * Sleeps until {@code until} (driver time) if {@code bounded}, else until signalled. The exact
     * wake-up time is published, so that an engine call signals the pump only when a deadline moves
     * earlier than it ({@code EngineMonitor.afterEngineCall}), not after every packet.
     */
    private void sleep(boolean bounded, long until) throws InterruptedException {
        m.pumpSleeping = true;
        m.pumpSleepBounded = bounded;
        m.pumpSleepUntil = bounded ? until : 0;
        try {
            if (!bounded) {
                m.pumpWake.await();
            } else {
                long nanos = until - m.now();
                if (nanos > 0) {
                    m.pumpWake.awaitNanos(nanos);
                }
            }
        } finally {
            m.pumpSleeping = false;
        }
    }

    private void shutdownOutput() {
        m.socketState = EngineMonitor.SocketState.OUTPUT_SHUT;
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            m.closeSocket();
        }
        m.signalAll();
    }
}
