package io.sanssh.drivers.api;

import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.engine.channel.ChannelLifecycle;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpCompletionHandler;
import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.spec.sftp.SftpRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Moves bytes between an "sftp" subsystem channel and an {@link SftpClientSession}. The session
 * is single-threaded, so every use of it, from the dispatcher (data arrived, credit returned) or
 * from application threads (sending requests), holds this object's lock; the lock is taken
 * before the engine's, never after.
 *
 * <p>Flow control both ways: the session's output is written only as the peer's window allows
 * and resumes when credit returns; received bytes are fed to the session at once and reported
 * consumed, which is safe because the session bounds its outstanding requests and so bounds what
 * the server can answer.
 */
final class SftpClientChannel implements ChannelState.Listener {
    private final Link link;
    private final SftpClientSession session;
    private final Executor callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private ChannelState state;
    private long unconsumed;
    private boolean closeSent;

    SftpClientChannel(Link link, SftpClientSession session, Executor callbacks) {
        this.link = link;
        this.session = session;
        this.callbacks = callbacks;
    }

    /** Binds the channel; called in the engine action that registered it. */
    void bind(ChannelState s) {
        state = s;
        s.listen(this);
    }

    int channel() {
        return state.channel;
    }

    // ---------------------------------------------------------------- dispatcher side

    @Override
    public void onData(byte[] data) {
        lock.lock();
        try {
            session.receive(ByteBuffer.wrap(data));
            unconsumed += data.length;
            pump();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onChange() {
        lock.lock();
        try {
            if (state.lostReason() != null || state.isClosed()) {
                session.channelEnded();
            }
            pump();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what the session has to send as far as credit allows and reports the bytes the
     * session consumed. Call under the lock.
     */
    private void pump() {
        if (closeSent || (session.pendingOutput() == 0 && unconsumed == 0)) {
            return;
        }
        int ch = state.channel;
        boolean open;
        try {
            open = link.call(c -> {
                var channels = c.channels();
                if (c.isClosed() || channels.channelState(ch) != ChannelLifecycle.State.OPEN) {
                    return false;
                }
                while (true) {
                    ByteBuffer out = session.peekOutput();
                    if (!out.hasRemaining()) {
                        break;
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
            });
        } catch (IllegalStateException e) {
            open = false;
        }
        if (!open) {
            session.channelEnded();
        }
    }

    // ---------------------------------------------------------------- application side

    /** Runs {@code action} on the session under the lock, then writes what it queued. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            T t = action.get();
            pump();
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Sends INIT and waits for the server's VERSION. */
    void start(Duration timeout) throws IOException {
        lock.lock();
        try {
            pump();
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
            pump();
        } catch (IOException e) {
            f.completeExceptionally(e);
        } catch (InterruptedException e) {
            f.completeExceptionally(interrupted());
        } finally {
            lock.unlock();
        }
        return f;
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
            pump();
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
