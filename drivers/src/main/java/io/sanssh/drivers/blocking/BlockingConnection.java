package io.sanssh.drivers.blocking;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.drivers.pump.SocketTuning;
import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The blocking driver (DESIGN.md, "Blocking"): one engine on a socket in blocking mode, driven by a
 * reader thread and a pump thread, shared with any number of application threads through one
 * engine lock. Socket I/O always happens outside that lock, so one thread can block writing while
 * another reads, and keep-alives and rekeys carry on while the application sleeps.
 *
 * <p>Application threads act on the engine with {@link #call}/{@link #run} (under the lock; the
 * output they queue is then written by the calling thread, or by the pump thread if another
 * thread is writing) and wait with {@link #await} (an engine state) or {@link #awaitEvent} (an
 * event, removed from the inbox). Engine callbacks such as a {@code TransportListener} run on the
 * reader thread with the lock held: they must not block, and must not call {@link #close}.
 *
 * <p>Works with virtual threads: no {@code synchronized} around anything that blocks. Close with
 * {@link #close(Consumer)} to say goodbye (e.g. {@code t -> t.disconnect(BY_APPLICATION, "bye")}),
 * or {@link #close()}; both are bounded by {@link BlockingOptions#closeTimeout()} and idempotent.
 *
 * @param <E> the engine type
 */
public final class BlockingConnection<E extends SansIoEngine> implements AutoCloseable {
    /**
     * How long the reader thread leaves the socket to an application thread that just read it for
     * itself: long enough for the application to come back for more without a wake-up, short
     * enough that a keep-alive is answered promptly when it does not.
     */
    private static final long READ_GRACE_NANOS = 10_000_000L;
    /** The longest one socket read of an application thread lasts, so that interrupts are seen. */
    private static final long MAX_APP_READ_NANOS = 500_000_000L;

    private final EngineMonitor<E> m;
    private final SocketInput input;
    private final Socket socket;
    private final SocketWriter writer;
    private final BlockingOptions options;
    private final boolean quickAck;
    private final Thread reader;
    private final Thread pump;

    private BlockingConnection(Socket socket, E engine, BlockingOptions options, boolean quickAck) throws IOException {
        this.socket = socket;
        this.options = options;
        this.quickAck = quickAck;
        this.m = new EngineMonitor<>(engine, socket, options.nanoClock(), options.eventCapacity());
        this.writer = new SocketWriter(m, socket.getOutputStream(), options.writeBufferSize());
        this.input = new SocketInput(m, socket, socket.getInputStream(), options.readBufferSize(),
                options.idleTimeout().toNanos(), quickAck, READ_GRACE_NANOS);
        m.input = input;
        this.reader = options.threadFactory().newThread(new ReaderLoop(m, input));
        this.pump = options.threadFactory().newThread(new PumpLoop(m, socket, writer,
                options.closeTimeout().toNanos()));
    }

    /**
     * Opens a TCP connection to {@code address} (bounded by the connect timeout), sets TCP_NODELAY
     * and TCP_QUICKACK, creates the engine and starts driving it. The engine's identification line
     * and KEXINIT leave at once; wait for the handshake with {@link #await} or {@link #awaitEvent}.
     *
     * @throws SshConnectException if the connection could not be made (nothing is left open)
     */
    public static <E extends SansIoEngine> BlockingConnection<E> connect(InetSocketAddress address,
            EngineFactory<E> factory, BlockingOptions options) throws SshConnectException {
        Socket s = new Socket();
        boolean quick;
        try {
            quick = SocketTuning.apply(s, options.tcpNoDelay(), options.tcpQuickAck());
            s.connect(address, (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.connectTimeout().toMillis())));
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new SshConnectException(address, "no answer within " + options.connectTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new SshConnectException(address, String.valueOf(e.getMessage()), e);
        }
        try {
            return start(s, factory, options, quick);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw new SshConnectException(address, "could not start the connection: " + e, e);
        } catch (Error e) {
            closeQuietly(s);
            throw e;
        }
    }

    /**
     * Drives an engine over a socket that is already connected, e.g. one returned by {@code
     * ServerSocket.accept()} for a server-role engine. Sets the socket options; on failure the socket
     * is closed.
     */
    public static <E extends SansIoEngine> BlockingConnection<E> open(Socket connected, EngineFactory<E> factory,
            BlockingOptions options) throws IOException {
        try {
            boolean quick = SocketTuning.apply(connected, options.tcpNoDelay(), options.tcpQuickAck());
            return start(connected, factory, options, quick);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(connected);
            throw e;
        }
    }

    private static <E extends SansIoEngine> BlockingConnection<E> start(Socket s, EngineFactory<E> factory,
            BlockingOptions options, boolean quick) throws IOException {
        E engine = factory.create(options.nanoClock().getAsLong());
        BlockingConnection<E> c = new BlockingConnection<>(s, engine, options, quick);
        c.reader.start();
        c.pump.start();
        return c;
    }

    // ---------------------------------------------------------------- acting on the engine

    /**
     * Runs {@code action} on the engine under the engine lock and returns its result; then writes
     * what it queued (this thread may block while the socket's send buffer is full, unless
     * {@link BlockingOptions#flushOnCaller()} is off). Engine misuse exceptions propagate.
     */
    public <T> T call(Function<? super E, ? extends T> action) {
        T result;
        boolean flush;
        boolean returned = false;
        m.lock.lock();
        try {
            // The engine's "now" must be current before an action that may arm a timer (SansIoEngine).
            m.engine.onTimeout(m.clock.getAsLong());
            result = action.apply(m.engine);
            returned = true;
        } finally {
            // This thread drains what the action queued (below), unless the action threw: then the pump must.
            m.afterEngineCall(returned && options.flushOnCaller());
            flush = options.flushOnCaller() && m.engine.wantsWrite();
            m.lock.unlock();
        }
        if (flush) {
            writer.tryDrain();
        }
        return result;
    }

    /** Like {@link #call}, for an action without a result. */
    public void run(Consumer<? super E> action) {
        call(e -> {
            action.accept(e);
            return null;
        });
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Lets an application thread that is about to wait for something the peer sends (channel
     * data, credit to write) read the socket itself instead of waiting for the reader thread to
     * wake it: one socket read of at most {@code maxNanos} (and half a second), handed to the
     * engine, whose events then reach their waiters as usual. Call it without holding any lock the
     * engine's event tap takes, then re-check what you wait for.
     *
     * @return true if this thread read (or handed over bytes read earlier), so the caller should
     *     check again; false if another thread reads now or input is paused: wait as usual
     * @throws InterruptedIOException if the thread was interrupted (the flag stays set)
     */
    public boolean readTurn(long maxNanos) throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting for input");
        }
        if (m.lock.isHeldByCurrentThread() || maxNanos <= 0) {
            return false;
        }
        boolean flush = false;
        m.lock.lock();
        try {
            if (input.canDeliverPending()) {
                input.deliverPending(true);
            } else if (input.canStartTurn() && !m.engine.isClosed()) {
                input.turn(Math.min(maxNanos, MAX_APP_READ_NANOS), true);
            } else {
                if (input.taken()) {
                    // the reader thread reads now: it leaves the next turn to us
                    input.wantTurn();
                }
                return false;
            }
            // What the packets just read made us send (replies, the next requests of a transfer)
            // goes out on this thread, which may block in a write; the reader thread never does.
            flush = m.engine.wantsWrite() && !m.writerDraining && !m.streamLost;
            return true;
        } catch (RuntimeException e) {
            // as on the reader thread: an engine or tap failure drops the connection, and the
            // caller sees it end
            m.fail(e);
            return true;
        } catch (Error e) {
            m.fail(e);
            throw e;
        } finally {
            m.lock.unlock();
            if (flush) {
                writer.tryDrain();
            }
        }
    }

    /**
     * Blocks until {@code condition} holds for the engine (tested under the lock, after every
     * change), e.g. {@code t -> t.isReady()} or {@code t -> !t.kexActive()}.
     *
     * @throws SshTimeoutException if it did not hold within {@code timeout}
     * @throws SshDisconnectedException if the connection ended first (carries the cause)
     * @throws InterruptedIOException if the thread was interrupted (the flag stays set)
     */
    public void await(Predicate<? super E> condition, Duration timeout)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        m.await(condition, timeout, "an engine condition");
    }

    /**
     * Blocks until an event matching {@code which} is in the inbox, removes it and returns it;
     * other events stay for other waiters, in order.
     *
     * @throws SshTimeoutException if none came within {@code timeout}
     * @throws SshDisconnectedException if the connection ended and no match is left
     * @throws InterruptedIOException if the thread was interrupted (the flag stays set)
     */
    public SshEvent awaitEvent(Predicate<? super SshEvent> which, Duration timeout)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        return m.awaitEvent(which, timeout, "a matching event");
    }

    /** Like {@link #awaitEvent(Predicate, Duration)}, for the first event of {@code type}. */
    public <T extends SshEvent> T awaitEvent(Class<T> type, Duration timeout)
            throws SshTimeoutException, SshDisconnectedException, InterruptedIOException {
        return type.cast(m.awaitEvent(type::isInstance, timeout, "a " + type.getSimpleName() + " event"));
    }

    /**
     * Installs {@code tap}, which sees every event as the engine emits it, before the inbox, on
     * whichever thread made the engine call, with the engine lock held. An event it accepts
     * (returns true) is taken: it never reaches the inbox. For the bulk path (channel data handed
     * straight to a stream buffer, without a hop through an event thread), so the tap must be quick,
     * must not block, and must not act on this connection. Replaces any earlier tap; events already
     * in the inbox stay there.
     */
    public void setEventTap(Predicate<? super SshEvent> tap) {
        m.setTap(java.util.Objects.requireNonNull(tap));
    }

    /** Removes and returns the oldest event in the inbox, or {@code null}; never blocks. */
    public SshEvent pollEvent() {
        m.lock.lock();
        try {
            return m.take(e -> true);
        } finally {
            m.lock.unlock();
        }
    }

    // ---------------------------------------------------------------- state

    /** Whether the socket is still open (the engine may already be closed and draining). */
    public boolean isOpen() {
        m.lock.lock();
        try {
            return m.socketState != EngineMonitor.SocketState.CLOSED;
        } finally {
            m.lock.unlock();
        }
    }

    /** Why the connection ended, or {@code null} while the engine is open. */
    public DisconnectCause disconnectCause() {
        m.lock.lock();
        try {
            return m.cause();
        } finally {
            m.lock.unlock();
        }
    }

    /**
     * The unexpected throwable that killed a driver thread (an engine bug or a failed invariant
     * check), or {@code null}. The connection was dropped when it happened.
     */
    public Throwable internalFailure() {
        m.lock.lock();
        try {
            return m.internalFailure;
        } finally {
            m.lock.unlock();
        }
    }

    /**
     * Socket reads that returned bytes so far: by the reader thread, and by application threads
     * that read for themselves ({@link #readTurn}). For diagnostics and tests.
     */
    public record ReadCounts(long readerThread, long application) {
    }

    /** How many socket reads the reader thread and application threads made so far; see {@link ReadCounts}. */
    public ReadCounts readCounts() {
        m.lock.lock();
        try {
            return new ReadCounts(input.readerThreadReads, input.applicationReads);
        } finally {
            m.lock.unlock();
        }
    }

    /** Whether TCP_QUICKACK is in effect on the socket. */
    public boolean quickAckEnabled() {
        return quickAck;
    }

    /** The peer's address. */
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    /** Our address. */
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes gracefully: runs {@code disconnect} on the engine if it is still open (it should queue
     * SSH_MSG_DISCONNECT), lets the output drain, sends FIN, waits for the peer's FIN, then closes
     * the socket and joins both threads. Every wait is bounded by the close timeout; past it the
     * socket is closed hard. Idempotent; safe from any application thread.
     */
    public void close(Consumer<? super E> disconnect) {
        long bound = options.closeTimeout().toNanos();
        try {
            if (disconnect != null) {
                m.lock.lock();
                try {
                    if (!m.engine.isClosed() && m.socketState == EngineMonitor.SocketState.OPEN) {
                        disconnect.accept(m.engine);
                    }
                } finally {
                    m.afterEngineCall();
                    m.lock.unlock();
                }
                writer.tryDrain();
            }
            m.awaitDrained(bound);
            m.lock.lock();
            try {
                if (!m.engine.isClosed()) {
                    m.lose("closed by the application");
                }
            } finally {
                m.lock.unlock();
            }
            if (!m.awaitClosed(bound * 2)) {
                forceClose();
            }
            reader.join(Math.max(1, bound / 1_000_000));
            pump.join(Math.max(1, bound / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceClose();
        } catch (RuntimeException | Error e) {
            forceClose();
            throw e;
        }
    }

    /**
     * Closes without sending DISCONNECT (the engine interface has no generic way to): output already
     * queued is drained first, then the engine sees {@code connectionLost}. Prefer
     * {@link #close(Consumer)}.
     */
    @Override
    public void close() {
        close(null);
    }

    private void forceClose() {
        m.lock.lock();
        try {
            m.closeSocket();
        } finally {
            m.lock.unlock();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already failing: the first error is the one reported
        }
    }

    @Override
    public String toString() {
        return "BlockingConnection[" + socket.getLocalSocketAddress() + " -> " + socket.getRemoteSocketAddress() + "]";
    }
}
