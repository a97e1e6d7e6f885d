package io.sanssh.drivers.blocking;

import io.sanssh.drivers.pump.Pump;
import io.sanssh.drivers.pump.SocketTuning;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The read side of a blocking connection as a role that one thread holds at a time: whoever holds
 * it reads the socket (outside the engine lock) into the one input buffer and hands the bytes to
 * the engine (under the lock). The reader thread holds it when nobody else wants it; an
 * application thread about to wait for input (channel data, credit to write) takes it instead and
 * reads for itself (leader/follower), so in a bulk transfer no thread wakes another for every
 * packet.
 *
 * <p>After an application thread gives the role back, the reader thread leaves it alone for a
 * grace period, so that the application's next wait finds it free; the reader takes over once the
 * application stops coming back (it went to do something else, or sleeps), and keep-alives,
 * rekeys and window adjusts are then read and answered as before.
 *
 * <p>Every method runs with the engine lock held; {@link #turn} releases it around the socket
 * read.
 */
final class SocketInput {
    /** Why the reader thread waits on {@code inputWanted}: says who must signal it. */
    enum ReaderWait {
        /** Not waiting. */
        NONE,
        /** The engine paused input: signalled when it wants input again (or closes). */
        PAUSED,
        /** Another thread holds the role: signalled when it gives the role back. */
        ROLE_TAKEN,
        /** The grace period after an application's turn: a timed wait, not signalled. */
        GRACE
    }

    /**
     * TCP_QUICKACK is re-armed (a setsockopt) only after reads smaller than this: it matters for
     * request and reply, where a delayed ACK stalls the peer; a bulk stream is ACKed every other
     * segment anyway, and re-arming after each of its reads cost a system call per read.
     */
    private static final int QUICKACK_REARM_BELOW = 16 * 1024;

    private final EngineMonitor<?> m;
    private final Socket socket;
    private final InputStream in;
    private final ByteBuffer pending;
    private final byte[] buf;
    private final long idleNanos;
    private final boolean quickAck;
    private final long graceNanos;

    /** Some thread holds the role (reads the socket now). */
    private boolean taken;
    /** The peer's FIN was read, or reading failed: nobody reads again. */
    private boolean ended;
    /** When an application thread last gave the role back; 0: never. */
    private long appTurnEnded;
    ReaderWait readerWait = ReaderWait.NONE;
    /** Socket reads that returned bytes, by the reader thread and by application threads. */
    long readerThreadReads;
    long applicationReads;

    SocketInput(EngineMonitor<?> monitor, Socket socket, InputStream in, int bufferSize, long idleNanos,
                boolean quickAck, long graceNanos) {
        this.m = monitor;
        this.socket = socket;
        this.in = in;
        this.buf = new byte[bufferSize];
        this.pending = ByteBuffer.wrap(buf).limit(0);
        this.idleNanos = idleNanos;
        this.quickAck = quickAck;
        this.graceNanos = graceNanos;
    }

    /** Whether the stream ended or failed (nobody reads any more). */
    boolean ended() {
        return ended || m.socketState == EngineMonitor.SocketState.CLOSED;
    }

    /**
     * Whether a turn may start now: the role is free, nothing read is still waiting for the engine,
     * and the engine wants input (or is closed: we then read to discard until the peer's FIN).
     */
    boolean canStartTurn() {
        return !taken && !ended() && !pending.hasRemaining() && (m.engine.isClosed() || m.engine.wantsRead());
    }

    /** Whether bytes read earlier wait for the engine, which wants them now. */
    boolean canDeliverPending() {
        return pending.hasRemaining() && !taken && (m.engine.wantsRead() || m.engine.isClosed());
    }

    /** Whether the role is held by some thread. */
    boolean taken() {
        return taken;
    }

    /**
     * An application thread wanted a turn while another thread read: the reader thread leaves the
     * next turns to the application for the grace period, as if it had just read.
     */
    void wantTurn() {
        appTurnEnded = m.now();
    }

    /** Nanoseconds the reader thread should still leave the role to the application; 0: take it. */
    long graceLeft() {
        if (appTurnEnded == 0 || m.engine.isClosed()) {
            return 0;
        }
        return Math.max(0, appTurnEnded + graceNanos - m.now());
    }

    /**
     * Hands bytes read earlier to the engine while it wants them; drops them once the engine is
     * closed. Call when {@link #canDeliverPending}. {@code callerFlushes}: the calling thread writes
     * the output this causes itself (an application thread), so the pump is not woken for it.
     */
    void deliverPending(boolean callerFlushes) {
        while (pending.hasRemaining() && !m.engine.isClosed() && !ended()
                && Pump.receive(m.engine, pending, m.now()) > 0) {
            m.afterEngineCall(callerFlushes);
        }
        if (m.engine.isClosed()) {
            pending.limit(0);
        }
    }

    /**
     * One read of the socket and its delivery: takes the role, releases the engine lock for the
     * read (bounded by {@code maxNanos}, the engine's next deadline and the idle limit), then hands
     * what came to the engine. Call only when {@link #canStartTurn}. {@code application} says the
     * caller is an application thread, which starts the reader thread's grace period.
     */
    void turn(long maxNanos, boolean application) {
        long wait = Math.min(maxNanos, m.readWaitNanos(idleNanos));
        if (wait <= 0) {
            timersAndIdle();
            return;
        }
        taken = true;
        int n = 0;
        boolean timedOut = false;
        IOException failure = null;
        m.lock.unlock();
        try {
            long ms = wait == Pump.NO_DEADLINE ? 0 : Math.max(1, EngineMonitor.toMillisCeil(wait));
            socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
            n = in.read(buf);
            if (quickAck && n > 0 && n < QUICKACK_REARM_BELOW) {
                SocketTuning.rearmQuickAck(socket);
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (IOException e) {
            failure = e;
        } finally {
            m.lock.lock();
            taken = false;
            if (application) {
                appTurnEnded = m.now();
            }
            if (readerWait == ReaderWait.ROLE_TAKEN) {
                m.inputWanted.signal();
            }
        }
        if (timedOut) {
            timersAndIdle();
            return;
        }
        if (failure != null) {
            ended = true;
            if (m.socketState != EngineMonitor.SocketState.CLOSED) {
                m.lose("socket read failed: " + failure.getMessage());
            }
            m.signalAll();
            return;
        }
        if (n < 0) {
            ended = true;
            if (!m.engine.isClosed()) {
                m.lose("end of stream from the peer");
            }
            m.signalAll();
            return;
        }
        m.lastInputNanos = m.now();
        if (application) {
            applicationReads++;
        } else {
            readerThreadReads++;
        }
        pending.clear().limit(n);
        deliverPending(application);
    }

    /** Runs due timers and drops the connection if the idle limit passed. */
    void timersAndIdle() {
        if (Pump.fireTimersIfDue(m.engine, m.now())) {
            m.afterEngineCall();
        }
        if (idleNanos > 0 && !m.engine.isClosed() && m.now() - (m.lastInputNanos + idleNanos) >= 0) {
            m.lose("no data from the peer for " + idleNanos / 1_000_000 + " ms (idle timeout)");
        }
    }
}
