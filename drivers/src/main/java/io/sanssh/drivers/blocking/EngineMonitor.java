package io.sanssh.drivers.blocking;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.drivers.pump.Pump;
import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The one engine lock of a blocking connection and everything it guards: the engine, the events
 * waiting for the application, and the socket's lifecycle. The reader thread, the pump thread and
 * any number of application threads meet here; none of them does socket I/O while holding the lock.
 *
 * <p>A {@link ReentrantLock} with three {@link Condition}s rather than {@code synchronized}, so that
 * a virtual thread waiting here unmounts instead of pinning its carrier. After every engine call the
 * caller runs {@link #afterEngineCall()}, which moves new events to the inbox and wakes exactly the
 * parties whose wait may be over.
 */
final class EngineMonitor<E extends SansIoEngine> {
    /** The socket's lifecycle, as the pump thread drives it. */
    enum SocketState {
        OPEN,
        /** Our FIN is sent; we read (and discard) until the peer's FIN or the close bound. */
        OUTPUT_SHUT,
        CLOSED
    }

    final ReentrantLock lock = new ReentrantLock();
    /** Application threads waiting for an engine state (any engine call may change it). */
    final Condition changed = lock.newCondition();
    /**
     * Threads waiting for an event: woken only when one reaches the inbox or the connection ends,
     * so that an event thread does not wake for every packet the event tap already took.
     */
    final Condition eventArrived = lock.newCondition();
    /** The pump thread: output to write, a deadline moved, or the engine closed. */
    final Condition pumpWake = lock.newCondition();
    /**
     * The reader thread: the engine wants input again, the read role was given back, or the
     * connection is closing; who signals depends on {@link SocketInput#readerWait}.
     */
    final Condition inputWanted = lock.newCondition();
    /** The read side; set once, before the threads start. */
    SocketInput input;
    /**
     * A thread holds the socket write lock (SocketWriter): it will transmit output queued now, or
     * wake the pump when it lets go. Written by that thread, read under the engine lock.
     */
    volatile boolean writerDraining;

    final E engine;
    final LongSupplier clock;
    private final int eventCapacity;
    private final ArrayDeque<SshEvent> inbox = new ArrayDeque<>();
    /** Takes events before they reach the inbox (see {@link BlockingConnection#setEventTap}). */
    private volatile Predicate<? super SshEvent> tap = e -> false;
    private DisconnectCause cause;

    SocketState socketState = SocketState.OPEN;
    /** The byte stream failed or ended under the engine: nothing more may be written. */
    boolean streamLost;
    boolean readerDone;
    boolean pumpDone;
    /** Whether the pump thread sleeps, and if {@link #pumpSleepBounded}, until when. */
    boolean pumpSleeping;
    boolean pumpSleepBounded;
    long pumpSleepUntil;
    long lastInputNanos;
    Throwable internalFailure;

    private final Socket socket;

    EngineMonitor(E engine, Socket socket, LongSupplier clock, int eventCapacity) {
        this.engine = engine;
        this.socket = socket;
        this.clock = clock;
        this.eventCapacity = eventCapacity;
        this.lastInputNanos = clock.getAsLong();
    }

    long now() {
        return clock.getAsLong();
    }

    /**
     * Publishes the effects of an engine call; the lock must be held. Moves events to the inbox and
     * signals the application waiters, the pump thread if there is output or an earlier deadline,
     * and the reader thread if the engine wants input.
     */
    void afterEngineCall() {
        afterEngineCall(false);
    }

    /**
     * As {@link #afterEngineCall()}; {@code callerFlushes} says that the calling thread drains the
     * output itself right after releasing the lock (or leaves it to the thread draining now, which
     * wakes the pump if output is left when it stops), so the pump is not woken for that output.
     */
    void afterEngineCall(boolean callerFlushes) {
        if (publishEvents() && lock.hasWaiters(eventArrived)) {
            eventArrived.signalAll();
        }
        if (lock.hasWaiters(changed)) {
            changed.signalAll();
        }
        boolean closed = engine.isClosed();
        // A thread draining now writes new output too, or wakes the pump when it lets go
        // (SocketWriter.tryDrain), so the pump need not wake for it.
        if ((engine.wantsWrite() && !callerFlushes && !writerDraining) || closed || earlierDeadline()) {
            pumpWake.signal();
        }
        if (input != null && input.readerWait == SocketInput.ReaderWait.PAUSED && (engine.wantsRead() || closed)) {
            inputWanted.signal();
        }
    }

    private boolean earlierDeadline() {
        return engine.hasDeadline()
                && (!pumpSleeping || !pumpSleepBounded || engine.nextDeadline() - pumpSleepUntil < 0);
    }

    /** Wakes every waiter: the socket's state changed. Lock held. */
    void signalAll() {
        changed.signalAll();
        eventArrived.signalAll();
        pumpWake.signalAll();
        inputWanted.signalAll();
    }

    void setTap(Predicate<? super SshEvent> tap) {
        this.tap = tap;
    }

    /** Moves the engine's events to the inbox (those the tap does not take); returns whether any arrived. */
    private boolean publishEvents() {
        boolean arrived = false;
        SshEvent e;
        Predicate<? super SshEvent> t = tap;
        while ((inbox.size() < eventCapacity || engine.isClosed()) && (e = engine.pollEvent()) != null) {
            if (t.test(e)) {
                continue;
            }
            inbox.addLast(e);
            arrived = true;
            if (e instanceof Disconnected d) {
                cause = d.cause();
            }
        }
        return arrived;
    }

    /** The byte stream is gone: the engine learns it (if still open) and nothing more is written. Lock held. */
    void lose(String why) {
        streamLost = true;
        if (!engine.isClosed()) {
            engine.connectionLost(why);
        }
        afterEngineCall();
        signalAll();
    }

    /** A driver thread died of an unexpected throwable: record it and drop the connection. Lock held. */
    void fail(Throwable t) {
        if (internalFailure == null) {
            internalFailure = t;
        }
        lose("internal driver failure: " + t);
    }

    /**
     * Closes the socket now (a blocked read or write then fails at once) and marks the connection
     * closed; an engine still open learns that its stream is gone. Lock held.
     */
    void closeSocket() {
        if (socketState == SocketState.CLOSED) {
            return;
        }
        socketState = SocketState.CLOSED;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway: nothing more can be done with this socket
        }
        if (!engine.isClosed()) {
            lose("the socket was closed");
        }
        signalAll();
    }

    /** Why the connection ended, or {@code null} while it is open. Lock held. */
    DisconnectCause cause() {
        if (cause == null && (engine.isClosed() || socketState == SocketState.CLOSED)) {
            return new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST, DisconnectReason.CONNECTION_LOST.code(),
                    "the socket closed");
        }
        return cause;
    }

    // ---------------------------------------------------------------- waits of application threads

    /** See {@link BlockingConnection#await}. */
    void await(Predicate<? super E> condition, Duration timeout, String what)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!condition.test(engine)) {
                if (engine.isClosed() || socketState == SocketState.CLOSED) {
                    throw new SshDisconnectedException("waiting for " + what, cause());
                }
                if (left <= 0) {
                    throw new SshTimeoutException(what, timeout);
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw interrupted(what);
        } finally {
            lock.unlock();
        }
    }

    /** See {@link BlockingConnection#awaitEvent}. */
    SshEvent awaitEvent(Predicate<? super SshEvent> which, Duration timeout, String what)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (true) {
                SshEvent e = take(which);
                if (e != null) {
                    return e;
                }
                if (cause != null || socketState == SocketState.CLOSED) {
                    throw new SshDisconnectedException("waiting for " + what, cause());
                }
                if (left <= 0) {
                    throw new SshTimeoutException(what, timeout);
                }
                left = eventArrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw interrupted(what);
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the first event in the inbox matching {@code which}, or null. Lock held. */
    SshEvent take(Predicate<? super SshEvent> which) {
        for (Iterator<SshEvent> it = inbox.iterator(); it.hasNext();) {
            SshEvent e = it.next();
            if (which.test(e)) {
                it.remove();
                afterEngineCall();
                return e;
            }
        }
        return null;
    }

    /** Waits (bounded) until the socket is closed; returns whether it is. */
    boolean awaitClosed(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (socketState != SocketState.CLOSED || !readerDone || !pumpDone) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (bounded) until the engine has nothing left to transmit or the stream is gone. */
    void awaitDrained(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (engine.wantsWrite() && !streamLost && socketState == SocketState.OPEN && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How long the reader may block in read: until the next engine deadline or the idle limit. Lock held. */
    long readWaitNanos(long idleNanos) {
        long now = now();
        long wait = Pump.nanosUntilDeadline(engine, now);
        if (idleNanos > 0 && !engine.isClosed()) {
            wait = Math.min(wait, Math.max(0, lastInputNanos + idleNanos - now));
        }
        return wait;
    }

    private static InterruptedIOException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while waiting for " + what);
    }

    static long toMillisCeil(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
    }
}
