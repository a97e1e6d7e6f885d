package io.sanssh.drivers.api;

import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What the application side knows about one channel, fed by the event dispatcher and read by the
 * threads that use the channel: whether it opened, the bytes received on its two streams and not
 * yet read, EOF and close, credit returning, request replies, exit status.
 *
 * <p>Received bytes stay here until read; only then does the reader report them to the engine
 * ({@code consumed}), so the peer can never send more than one window ahead of the reader and this
 * buffer is bounded by the window. One lock, one condition; waits are woken by every change.
 */
final class ChannelState {
    /** The stream numbers: the main stream and extended data type 1 (stderr, RFC 4254 §5.2). */
    static final int STDOUT = 0;
    static final int STDERR = 1;

    final int channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final java.util.List<ArrayDeque<Bytes>> queues = java.util.List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final int[] headOffset = new int[2];
    private final long[] buffered = new long[2];
    /** Bytes read by the application and not yet reported consumed to the engine, per stream. */
    private final long[] unreported = new long[2];
    private final boolean[] discarded = new boolean[2];
    /**
     * Received pieces read whole and copied out, whose arrays go back to the engine with the next
     * report of consumed bytes ({@link #recycleSpent}).
     */
    private final SpentPieces spent = new SpentPieces();
    /** Copies out of received pieces in progress, by any thread (done outside the lock). */
    private int copying;
    private final Map<Long, Boolean> replies = new HashMap<>();
    private boolean opened;
    private String openFailure;
    private boolean eof;
    private boolean closed;
    private String lost;
    private long writableGeneration;
    private Long exitStatus;
    private String exitSignal;
    private volatile Listener listener;
    private final Link link;

    /**
     * Takes a channel's main stream and its changes instead of this state's buffers (the SFTP
     * client feeds its session this way). It reports consumption itself. Events come on the
     * dispatcher thread ({@link #onData}, {@link #onChange}), or, on drivers with an event tap,
     * first to {@link #tapData} / {@link #tapWritable} with the engine lock held.
     */
    interface Listener {
        /** Main-stream bytes arrived (dispatcher thread, no engine lock held). */
        void onData(Bytes data);

        /** Credit returned, or the channel ended (EOF, close, connection lost): check and go on. */
        void onChange();

        /**
         * Main-stream bytes, offered by the driver's event tap with the engine lock held: the
         * listener either handles them now without blocking (true) or declines (false), and they
         * then come again through {@link #onData} on the dispatcher thread, in order.
         */
        boolean tapData(Bytes data);

        /** Credit returned, offered by the event tap like {@link #tapData}; false: {@link #onChange} follows. */
        boolean tapWritable();
    }

    /** The listener, or {@code null}: the driver's event tap offers it this channel's bulk events. */
    Listener listener() {
        return listener;
    }

    ChannelState(int channel) {
        this(channel, null);
    }

    /**
     * @param link the channel's connection: a thread about to wait for data or credit first offers
     *     to read the connection itself ({@link Link#readTurn}); {@code null}: always just wait
     */
    ChannelState(int channel, Link link) {
        this.channel = channel;
        this.link = link;
    }

    /**
     * Lock held on entry and exit: lets this thread read the connection itself (released meanwhile)
     * instead of waiting. True: it read, check again; false: wait on {@link #changed}.
     */
    private boolean readTurnUnlocked(long maxNanos) throws InterruptedIOException {
        if (link == null) {
            return false;
        }
        lock.unlock();
        try {
            return link.readTurn(maxNanos);
        } finally {
            lock.lock();
        }
    }

    /** Hands the main stream to {@code l}; set it in the action that registered the channel. */
    void listen(Listener l) {
        listener = l;
    }

    // ---------------------------------------------------------------- fed by the dispatcher

    void onOpened() {
        update(() -> opened = true);
    }

    void onOpenFailed(String why) {
        update(() -> {
            openFailure = why;
            closed = true;
        });
    }

    /**
     * Bytes of {@code stream} arrived; kept as they are (immutable, so no copy) until read. Quick
     * and non-blocking when no listener is set: the engine's event tap then calls it with the
     * engine lock held.
     *
     * @return false if the stream is discarded: the caller reports the bytes consumed at once
     */
    boolean onData(int stream, Bytes data) {
        Listener l = listener;
        if (l != null) {
            if (stream != STDOUT) {
                return false;
            }
            l.onData(data);
            return true;
        }
        lock.lock();
        try {
            if (discarded[stream]) {
                return false;
            }
            if (data.length() > 0) {
                queues.get(stream).addLast(data);
                buffered[stream] += data.length();
                changed.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Nobody will read {@code stream} any more: drops what is buffered and makes {@link #onData}
     * refuse later bytes. Returns the count dropped, to report as consumed.
     */
    long discard(int stream) {
        lock.lock();
        try {
            discarded[stream] = true;
            long n = buffered[stream] + unreported[stream];
            unreported[stream] = 0;
            queues.get(stream).clear();
            headOffset[stream] = 0;
            buffered[stream] = 0;
            changed.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    void onEof() {
        update(() -> eof = true);
    }

    void onClosed() {
        update(() -> {
            eof = true;
            closed = true;
        });
    }

    void onWritable() {
        update(() -> writableGeneration++);
    }

    void onReply(long requestId, boolean success) {
        update(() -> replies.put(requestId, success));
    }

    void onExitStatus(long status) {
        update(() -> exitStatus = status);
    }

    void onExitSignal(String signal) {
        update(() -> exitSignal = signal);
    }

    /** The connection ended: every wait ends, reads see EOF after the buffered bytes, writes fail. */
    void onConnectionLost(String why) {
        update(() -> {
            if (lost == null) {
                lost = why;
            }
            eof = true;
        });
    }

    private void update(Runnable r) {
        lock.lock();
        try {
            r.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Listener l = listener;
        if (l != null) {
            l.onChange();
        }
    }

    // ---------------------------------------------------------------- used by application threads

    /**
     * Waits until the peer confirmed or refused the open.
     *
     * @throws SshChannelException if it refused
     * @throws IOException if the connection ended or the wait ran out
     */
    void awaitOpen(Duration timeout, String what) throws IOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!opened) {
                if (openFailure != null) {
                    throw new SshChannelException(what + " refused by the server: " + openFailure);
                }
                checkLost(what);
                if (left <= 0) {
                    throw new SshTimeoutException("the server to confirm " + what, timeout);
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw interrupted(what);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the reply to our request {@code requestId}; returns whether the peer said success. */
    boolean awaitReply(long requestId, Duration timeout, String what) throws IOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!replies.containsKey(requestId)) {
                if (closed) {
                    throw new SshChannelException("the channel closed before the server answered " + what);
                }
                checkLost(what);
                if (left <= 0) {
                    throw new SshTimeoutException("the server to answer " + what, timeout);
                }
                left = changed.awaitNanos(left);
            }
            return replies.remove(requestId);
        } catch (InterruptedException e) {
            throw interrupted(what);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies up to {@code len} received bytes of {@code stream} into {@code dst}, waiting for some.
     *
     * @return the count (report it to the engine as consumed), or -1 at the end of the stream
     */
    int read(int stream, byte[] dst, int off, int len) throws InterruptedIOException {
        return read(stream, dst, off, len, true);
    }

    /**
     * Like {@link #read(int, byte[], int, int)}; if {@code wait} is false, returns 0 at once when
     * nothing is buffered and the stream has not ended.
     */
    int read(int stream, byte[] dst, int off, int len, boolean wait) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        boolean copied = false;
        Bytes finished = null;
        while (n < len) {
            Bytes head;
            int from;
            int take;
            lock.lock();
            try {
                if (copied) {
                    endCopy(finished);
                    copied = false;
                    finished = null;
                }
                ArrayDeque<Bytes> q = queues.get(stream);
                boolean mayRead = true;
                while (q.isEmpty()) {
                    if (n > 0) {
                        return n;
                    }
                    if (eof || closed || lost != null || discarded[stream]) {
                        return -1;
                    }
                    if (!wait) {
                        return 0;
                    }
                    if (mayRead) {
                        mayRead = readTurnUnlocked(Long.MAX_VALUE);
                        continue;
                    }
                    changed.await();
                    mayRead = true;
                }
                // Claim a piece under the lock, copy it after: the reader thread hands in packets
                // under the engine lock and must not wait for our copy.
                head = q.peekFirst();
                from = headOffset[stream];
                take = Math.min(len - n, head.length() - from);
                headOffset[stream] += take;
                if (headOffset[stream] == head.length()) {
                    q.pollFirst();
                    headOffset[stream] = 0;
                    finished = head;
                }
                buffered[stream] -= take;
                unreported[stream] += take;
                copying++;
                copied = true;
            } catch (InterruptedException e) {
                throw interrupted("channel data");
            } finally {
                lock.unlock();
            }
            head.copyTo(from, dst, off + n, take);
            n += take;
        }
        lock.lock();
        try {
            endCopy(finished);
        } finally {
            lock.unlock();
        }
        return n;
    }

    /**
     * Lock held: a copy out of a received piece ended; {@code finished}, if not null, was the last
     * of its piece. Its array may be recycled once no copy is in progress at all: another thread may
     * still be copying an earlier part of the same piece.
     */
    private void endCopy(Bytes finished) {
        copying--;
        if (finished != null && copying == 0) {
            spent.add(finished);
        }
    }

    /**
     * Hands the pieces read whole, and copied out by every reader, to {@code sink}: the engine's
     * {@link io.sanssh.engine.SshConnection#recycle}, which reuses their arrays for later packets.
     * Call it with the engine lock held (it then takes this state's lock, in the same order as the
     * event tap), for instance when reporting consumed bytes.
     */
    void recycleSpent(Consumer<Bytes> sink) {
        lock.lock();
        try {
            spent.drainTo(sink);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the count of bytes read (by {@link #read}) and not yet reported consumed: of {@code
     * stream} alone if that is at least {@code minimum}, or of both streams if {@code both}.
     * Returns 0 if below the minimum. Report what it returns to the engine as consumed.
     */
    long takeUnreported(int stream, long minimum, boolean both) {
        lock.lock();
        try {
            long n = both ? unreported[STDOUT] + unreported[STDERR] : unreported[stream];
            if (n < minimum || n == 0) {
                return 0;
            }
            if (both) {
                unreported[STDOUT] = 0;
                unreported[STDERR] = 0;
            } else {
                unreported[stream] = 0;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes every buffered byte of both streams without waiting, appending stdout to {@code out}
     * and stderr to {@code err}; returns the count taken (to report as consumed).
     */
    long drainInto(java.io.ByteArrayOutputStream out, java.io.ByteArrayOutputStream err) {
        lock.lock();
        try {
            long n = 0;
            for (int s = 0; s < 2; s++) {
                java.io.ByteArrayOutputStream sink = s == STDOUT ? out : err;
                Bytes head;
                while ((head = queues.get(s).pollFirst()) != null) {
                    head.writeTo(sink, headOffset[s], head.length() - headOffset[s]);
                    n += head.length() - headOffset[s];
                    headOffset[s] = 0;
                }
                buffered[s] = 0;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of {@code stream} buffered and not yet read. */
    long available(int stream) {
        lock.lock();
        try {
            return buffered[stream];
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the credit-return counter; pass it to {@link #awaitWritable} after a short write. */
    long writableGeneration() {
        lock.lock();
        try {
            return writableGeneration;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until credit returned since {@code generation} was read, or at most {@code maxWait}
     * (a retry is cheap and guards against a missed wake-up).
     *
     * @throws IOException if the channel closed or the connection ended
     */
    void awaitWritable(long generation, long maxWaitMillis) throws IOException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            long until = System.nanoTime() + left;
            boolean mayRead = true;
            while (writableGeneration == generation && left > 0) {
                if (closed) {
                    throw new IOException("channel " + channel + " was closed");
                }
                checkLost("credit to write");
                if (mayRead) {
                    mayRead = readTurnUnlocked(left);
                    left = until - System.nanoTime();
                    continue;
                }
                left = changed.awaitNanos(left);
                mayRead = true;
            }
        } catch (InterruptedException e) {
            throw interrupted("credit to write");
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the channel is closed both ways or the connection ended; false if {@code timeout} passed. */
    boolean awaitClosed(Duration timeout) throws InterruptedIOException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (!closed && lost == null) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            throw interrupted("the channel to close");
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for any change; returns at once if something is buffered or the channel is done. */
    void awaitChange(long nanos) throws InterruptedIOException {
        lock.lock();
        try {
            if (buffered[STDOUT] + buffered[STDERR] == 0 && !closed && lost == null) {
                changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            throw interrupted("channel data");
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Why the connection ended, or {@code null}. */
    String lostReason() {
        lock.lock();
        try {
            return lost;
        } finally {
            lock.unlock();
        }
    }

    Long exitStatus() {
        lock.lock();
        try {
            return exitStatus;
        } finally {
            lock.unlock();
        }
    }

    String exitSignal() {
        lock.lock();
        try {
            return exitSignal;
        } finally {
            lock.unlock();
        }
    }

    private void checkLost(String what) throws IOException {
        if (lost != null) {
            throw new IOException("the connection ended while waiting for " + what + ": " + lost);
        }
    }

    private static InterruptedIOException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while waiting for " + what);
    }
}
