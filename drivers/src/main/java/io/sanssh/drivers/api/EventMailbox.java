package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The connection-level events (authentication, key exchange, global request replies) that the
 * dispatcher keeps for application threads to wait on. Bounded: past the capacity the oldest
 * event is dropped, as nobody waited for it.
 */
final class EventMailbox {
    private static final int CAPACITY = 512;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<SshEvent> events = new ArrayDeque<>();
    private DisconnectCause ended;

    void put(SshEvent e) {
        lock.lock();
        try {
            if (events.size() >= CAPACITY) {
                events.pollFirst();
            }
            events.addLast(e);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void end(DisconnectCause cause) {
        lock.lock();
        try {
            ended = cause;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Why the connection ended, or {@code null}. */
    DisconnectCause ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the first event matching {@code which}, waiting up to {@code timeout}.
     *
     * @throws SshDisconnectedException if the connection ended and none is left
     */
    SshEvent await(Predicate<SshEvent> which, Duration timeout, String what)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (true) {
                for (Iterator<SshEvent> it = events.iterator(); it.hasNext();) {
                    SshEvent e = it.next();
                    if (which.test(e)) {
                        it.remove();
                        return e;
                    }
                }
                if (ended != null) {
                    throw new SshDisconnectedException("waiting for " + what, ended);
                }
                if (left <= 0) {
                    throw new SshTimeoutException(what, timeout);
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + what);
        } finally {
            lock.unlock();
        }
    }
}
