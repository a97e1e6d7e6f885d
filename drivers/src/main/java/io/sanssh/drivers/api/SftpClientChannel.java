package io.sanssh.drivers.api;

import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpCompletionHandler;
import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Moves bytes between an "sftp" subsystem channel and an {@link SftpClientSession}. The session
 * is single-threaded, so every use of it holds this object's lock. Application threads (sending
 * requests) and the dispatcher thread take the lock before the engine's, never after.
 *
 * <p>The bulk path: on drivers with an event tap, received data and returning credit are offered
 * to {@link #tapData} / {@link #tapWritable} on the thread that made the engine call (mostly the
 * reader thread), with the engine lock held and without copying the bytes. There the lock is only
 * ever tried, never waited for, so the reversed order cannot deadlock; the session is fed and its
 * output written straight on the engine it already holds. When the lock is busy (an application
 * thread holds it and waits for the engine), the data is declined and comes again on the
 * dispatcher thread, and so does all data after it until that is done, keeping the order.
 *
 * <p>Flow control both ways: the session's output is written only as the peer's window allows
 * and resumes when credit returns; received bytes are fed to the session at once and reported
 * consumed, which is safe because the session bounds its outstanding requests and so bounds what
 * the server can answer. Small packets waiting together (READ requests, mostly) leave in one
 * channel write, so one SSH packet carries many requests.
 */
final class SftpClientChannel implements ChannelState.Listener {
    /** Packets shorter than this are gathered with their followers into one channel write. */
    private static final int SMALL_PACKET = 1024;
    /** How much gathered output one channel write carries at most (OpenSSH's session channel packet). */
    private static final int BATCH = 32 * 1024;

    private final Link link;
    private final SftpClientSession session;
    private final Executor callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Data declined by the tap and not yet handled on the dispatcher thread: later data must follow it. */
    private final AtomicInteger declined = new AtomicInteger();
    /** Gathered small packets not yet written (between position and limit); written before anything else. */
    private final ByteBuffer batch = ByteBuffer.allocate(BATCH).limit(0);
    private ChannelState state;
    /** The engine, for the tap's calls: valid only while the driver's serialisation is held. */
    private SshConnection engine;
    private long unconsumed;
    /**
     * Received pieces the session has copied, whose arrays go back to the engine ({@link
     * SshConnection#recycle}) on the next pump.
     */
    private final SpentPieces spent = new SpentPieces();
    private boolean closeSent;

    /** Lets a thread waiting for a transfer read the connection itself; see {@link Link#readTurn}. */
    boolean readTurn(long maxNanos) throws java.io.InterruptedIOException {
        return link.readTurn(maxNanos);
    }

    SftpClientChannel(Link link, SftpClientSession session, Executor callbacks) {
        this.link = link;
        this.session = session;
        this.callbacks = callbacks;
    }

    /** Binds the channel; called in the engine action that registered it, with that action's engine. */
    void bind(ChannelState s, SshConnection c) {
        state = s;
        engine = c;
        s.listen(this);
    }

    int channel() {
        return state.channel;
    }

    /** Data messages the tap declined that the dispatcher has not yet handled (for tests of that route). */
    int declinedPending() {
        return declined.get();
    }

    // ---------------------------------------------------------------- dispatcher side

    @Override
    public void onData(Bytes data) {
        lock.lock();
        try {
            // counted off before the data is fed, not after: feeding it may complete a request, and
            // whoever waited for that must see no declined message left. The tap cannot overtake
            // meanwhile: it needs this lock.
            declined.getAndUpdate(n -> n > 0 ? n - 1 : 0);
            receive(data, null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean tapData(Bytes data) {
        if (declined.get() > 0 || lock.isHeldByCurrentThread() || !lock.tryLock()) {
            declined.incrementAndGet();
            return false;
        }
        try {
            receive(data, engine);
        } finally {
            lock.unlock();
        }
        return true;
    }

    @Override
    public boolean tapWritable() {
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            return false;
        }
        try {
            pump(engine);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return true;
    }

    @Override
    public void onChange() {
        lock.lock();
        try {
            if (state.lostReason() != null || state.isClosed()) {
                session.channelEnded();
            }
            pump(null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Feeds received bytes to the session and writes what it answers. Call under the lock. */
    private void receive(Bytes data, SshConnection held) {
        session.receive(data);
        unconsumed += data.length();
        // the session's frame reader copied the bytes: nobody reads them any more
        if (held != null) {
            held.recycle(data);
        } else {
            spent.add(data);
        }
        pump(held);
        changed.signalAll();
    }

    /**
     * Writes what the session has to send as far as credit allows and reports the bytes the
     * session consumed. Call under the lock; {@code held} is the engine if the caller already
     * holds the driver's serialisation (the event tap), else {@code null}.
     */
    private void pump(SshConnection held) {
        if (closeSent || (session.pendingOutput() == 0 && !batch.hasRemaining() && unconsumed == 0)) {
            return;
        }
        boolean open;
        try {
            open = held != null ? pumpOn(held) : link.call(this::pumpOn);
        } catch (IllegalStateException e) {
            open = false;
        }
        if (!open) {
            session.channelEnded();
        }
    }

    /** The engine half of {@link #pump}: runs under the driver's serialisation. */
    private boolean pumpOn(SshConnection c) {
        spent.drainTo(c::recycle);
        int ch = state.channel;
        var channels = c.channels();
        if (c.isClosed() || channels.channelState(ch) != ChannelLifecycle.State.OPEN) {
            return false;
        }
        while (true) {
            if (batch.hasRemaining()) {
                if (channels.write(ch, batch) <= 0 || batch.hasRemaining()) {
                    break;
                }
                continue;
            }
            ByteBuffer out = session.peekOutput();
            if (!out.hasRemaining()) {
                break;
            }
            if (out.remaining() < SMALL_PACKET && session.pendingOutput() > out.remaining()) {
                gather();
                continue;
            }
            int n = channels.write(ch, out);
            if (n <= 0) {
                break;
            }
            session.consumeOutput(n);
        }
        if (unconsumed > 0) {
            channels.consumed(ch, unconsumed);
            unconsumed = 0;
        }
        return true;
    }

    /** Moves the run of small packets at the head of the session's output into {@link #batch}. */
    private void gather() {
        batch.clear();
        ByteBuffer out;
        while ((out = session.peekOutput()).hasRemaining() && out.remaining() < SMALL_PACKET
                && out.remaining() <= batch.remaining()) {
            int n = out.remaining();
            batch.put(out);
            session.consumeOutput(n);
        }
        batch.flip();
    }

    // ---------------------------------------------------------------- application side

    /** Runs {@code action} on the session under the lock, then writes what it queued. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            T t = action.get();
            pump(null);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Sends INIT and waits for the server's VERSION. */
    void start(Duration timeout) throws IOException {
        lock.lock();
        try {
            pump(null);
            long left = timeout.toNanos();
            while (!session.isReady()) {
                if (session.isClosed()) {
                    throw new IOException("the SFTP session ended before the server's VERSION: "
                            + session.endReason().orElse("closed"));
                }
                if (left <= 0) {
                    throw new SshTimeoutException("the server's SFTP VERSION", timeout);
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a request, waiting while the session has no capacity; the future completes (on the
     * callback executor) with the success, or fails with {@link SftpException} naming
     * {@code context}.
     */
    CompletableFuture<SftpCompletion.Succeeded> request(IntFunction<? extends SftpRequest> factory, String context) {
        CompletableFuture<SftpCompletion.Succeeded> f = new CompletableFuture<>();
        SftpCompletionHandler handler = c -> callbacks.execute(() -> {
            if (c instanceof SftpCompletion.Succeeded s) {
                f.complete(s);
            } else {
                f.completeExceptionally(new SftpException(context, c.failure()));
            }
        });
        lock.lock();
        try {
            while (true) {
                if (!session.isReady()) {
                    throw new IOException("the SFTP session is " + session.state() + ": "
                            + session.endReason().orElse("closed by the client"));
                }
                if (session.send(factory, handler) != SftpClientSession.NO_CAPACITY) {
                    break;
                }
                changed.await();
            }
            pump(null);
        } catch (IOException e) {
            f.completeExceptionally(e);
        } catch (InterruptedException e) {
            f.completeExceptionally(interrupted());
        } finally {
            lock.unlock();
        }
        return f;
    }

    /** Fails {@code f} with {@code e} on the callback executor, never on the thread that holds the engine. */
    void failLater(CompletableFuture<?> f, Throwable e) {
        callbacks.execute(() -> f.completeExceptionally(e));
    }

    /** Completes {@code f} on the callback executor, never on the caller's (possibly the dispatcher's) thread. */
    <T> void completeLater(CompletableFuture<T> f, T value, SftpFailure failure, String context) {
        callbacks.execute(() -> {
            if (failure == null) {
                f.complete(value);
            } else {
                f.completeExceptionally(new SftpException(context, failure));
            }
        });
    }

    /**
     * Stops new requests, waits (up to {@code timeout}) for the outstanding ones, then sends EOF
     * and CLOSE on the channel. Idempotent.
     */
    void close(Duration timeout) throws InterruptedIOException {
        lock.lock();
        try {
            session.close();
            pump(null);
            long left = timeout.toNanos();
            while (!session.isClosed() && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (!closeSent) {
                closeSent = true;
                int ch = state.channel;
                try {
                    link.run(c -> {
                        if (!c.isClosed() && c.channels().channelState(ch) == ChannelLifecycle.State.OPEN) {
                            c.channels().sendEof(ch);
                            c.channels().close(ch);
                        }
                    });
                } catch (IllegalStateException e) {
                    // the engine closed: the channel went with it
                }
            }
            session.channelEnded();
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            lock.unlock();
        }
        state.awaitClosed(timeout);
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while waiting on the SFTP session");
    }
}
