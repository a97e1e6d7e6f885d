package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Link} over a driver that runs many connections on one loop thread (the selector, the
 * simulator). Actions from the loop thread itself (event handlers) run on the engine at once; the
 * driver pumps when the handler returns. Actions from other threads are handed to the loop and the
 * caller waits for their result. Events are handed to the handler on the loop thread, with no
 * thread of their own: a connection costs no thread at all while it is idle.
 */
abstract class LoopLink extends Link {
    private List<SshEvent> early = new ArrayList<>();
    private Consumer<SshEvent> onEvent;
    private Consumer<DisconnectCause> onEnded;
    private DisconnectCause ended;
    private volatile DisconnectCause cause;
    private volatile SocketAddress remote;

    /** Whether the caller is the loop thread. */
    abstract boolean inLoop();

    /** Runs {@code task} on the loop thread (at once if called there). */
    abstract void onLoop(Runnable task);

    /** The engine; loop thread only. */
    abstract SshConnection engine();

    /** The driver's clock, in the engine's time base. */
    abstract long now();

    /** Runs {@code action} on the loop thread, then pumps the connection; the future carries the result. */
    abstract <T> CompletableFuture<T> submit(Function<SshConnection, T> action);

    @Override
    final <T> T call(Function<SshConnection, T> action) {
        if (inLoop()) {
            SshConnection e = engine();
            e.onTimeout(now());
            return action.apply(e);
        }
        CompletableFuture<T> f = submit(e -> {
            e.onTimeout(now());
            return action.apply(e);
        });
        try {
            return f.join();
        } catch (CompletionException wrapped) {
            Throwable t = wrapped.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t instanceof SshDisconnectedException d) {
                // as the engine itself answers once closed: misuse of a closed connection
                throw new IllegalStateException("the connection is closed: " + d.getMessage(), d);
            }
            throw new IllegalStateException(t);
        }
    }

    @Override
    final void startEvents(String name, Consumer<SshEvent> handler, Consumer<DisconnectCause> endHandler) {
        onLoop(() -> {
            onEvent = handler;
            onEnded = endHandler;
            List<SshEvent> kept = early;
            early = null;
            for (SshEvent e : kept) {
                dispatch(e);
            }
            if (ended != null) {
                onEnded.accept(ended);
            } else if (!kept.isEmpty()) {
                // the handlers may have queued replies outside a pump: have the driver pump now
                submit(e -> null);
            }
        });
    }

    /** The driver's connection is up; {@code peer} is its remote address. Loop thread. */
    final void opened(SocketAddress peer) {
        remote = peer;
    }

    /** The engine emitted {@code e}. Loop thread. */
    final void event(SshEvent e) {
        if (e instanceof Disconnected d) {
            cause = d.cause();
        }
        if (onEvent == null) {
            early.add(e);
        } else {
            dispatch(e);
        }
    }

    /** The socket closed. Loop thread. */
    final void closed(DisconnectCause c) {
        if (cause == null) {
            cause = c;
        }
        ended = cause;
        if (onEnded != null) {
            onEnded.accept(ended);
        }
    }

    private void dispatch(SshEvent e) {
        try {
            onEvent.accept(e);
        } catch (IllegalStateException late) {
            // a reaction to an event raced with the connection's end; while open it is a bug
            if (cause == null) {
                throw late;
            }
        }
    }

    @Override
    final DisconnectCause disconnectCause() {
        return cause;
    }

    @Override
    final SocketAddress remoteAddress() {
        return remote;
    }
}
