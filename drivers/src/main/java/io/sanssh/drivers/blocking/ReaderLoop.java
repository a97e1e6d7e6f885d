package io.sanssh.drivers.blocking;

/**
 * The reader thread of a blocking connection: it holds the {@link SocketInput} read role whenever
 * no application thread does, so the socket is read while the application sleeps or is busy and
 * keep-alives, rekeys and window adjusts are answered. It reads without the engine lock and takes
 * the lock to {@code receive}. While the engine does not want input it waits instead of reading,
 * which is how input pauses; while an application thread reads for itself (or did a moment ago)
 * it stays out of the way. Its socket read timeout is set from the engine's next deadline (and the
 * idle limit), and a timeout runs the engine's timers. After the engine closes it keeps reading
 * and discarding until the peer's FIN, which completes a graceful close.
 */
final class ReaderLoop implements Runnable {
    private final EngineMonitor<?> m;
    private final SocketInput input;

    ReaderLoop(EngineMonitor<?> monitor, SocketInput input) {
        this.m = monitor;
        this.input = input;
    }

    @Override
    public void run() {
        m.lock.lock();
        try {
            while (!input.ended()) {
                input.timersAndIdle();
                if (input.canDeliverPending()) {
                    input.deliverPending(false);
                    continue;
                }
                if (input.canStartTurn()) {
                    long grace = input.graceLeft();
                    if (grace > 0) {
                        waitFor(SocketInput.ReaderWait.GRACE, grace);
                        continue;
                    }
                    input.turn(Long.MAX_VALUE, false);
                    continue;
                }
                waitFor(input.taken() ? SocketInput.ReaderWait.ROLE_TAKEN : SocketInput.ReaderWait.PAUSED, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (m.socketState != EngineMonitor.SocketState.CLOSED) {
                m.lose("reader thread interrupted");
            }
        } catch (RuntimeException | Error e) {
            m.fail(e);
        } finally {
            m.readerDone = true;
            m.signalAll();
            m.lock.unlock();
        }
    }

    /** Waits on {@code inputWanted} for {@code why}; {@code nanos} bounds it if positive. Lock held. */
    private void waitFor(SocketInput.ReaderWait why, long nanos) throws InterruptedException {
        input.readerWait = why;
        try {
            if (nanos > 0) {
                m.inputWanted.awaitNanos(nanos);
            } else {
                m.inputWanted.await();
            }
        } finally {
            input.readerWait = SocketInput.ReaderWait.NONE;
        }
    }
}
