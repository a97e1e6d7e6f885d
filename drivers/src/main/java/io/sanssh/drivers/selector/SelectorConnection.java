package io.sanssh.drivers.selector;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.pump.Pump;
import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One connection on a {@link SelectorLoop}: a non-blocking socket, its engine and its handler,
 * pumped by the loop thread. {@code wantsRead}/{@code wantsWrite} become the key's interest ops;
 * the engine's deadline sits in the loop's deadline heap.
 *
 * <p>From the loop thread (handler callbacks) use {@link #engine()} directly. From any other thread
 * use {@link #submit} (runs an action on the loop thread, result as a future), {@link #when} (a
 * future completed once the engine reaches a state) or {@link #closed()}. All futures complete on
 * the loop thread: attach only non-blocking continuations, or use the {@code *Async} variants.
 *
 * @param <E> the engine type
 */
public final class SelectorConnection<E extends SansIoEngine> extends DeadlineHeap.Entry {
    private enum State { CONNECTING, OPEN, OUTPUT_SHUT, CLOSED }

    private record Waiter<E>(Predicate<? super E> condition, CompletableFuture<Void> future) {
    }

    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final ConnectionHandler<E> handler;
    private final boolean quickAck;
    private SelectionKey key;
    private E engine;
    private State state;
    private EngineFactory<E> factory;
    private CompletableFuture<SelectorConnection<E>> connected;
    private SocketAddress target;
    private final CompletableFuture<DisconnectCause> closedFuture = new CompletableFuture<>();
    private final List<Waiter<E>> waiters = new ArrayList<>(0);
    private final ChannelIo io;
    private boolean streamLost;
    private long lingerUntil;
    private DisconnectCause cause;
    private Throwable internalFailure;

    SelectorConnection(SelectorLoop loop, SocketChannel channel, ConnectionHandler<E> handler, boolean quickAck) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.quickAck = quickAck;
        this.io = new ChannelIo(channel, quickAck);
    }

    // ---------------------------------------------------------------- setup (loop thread)

    void startConnecting(SelectionKey k, EngineFactory<E> f, CompletableFuture<SelectorConnection<E>> future,
                         SocketAddress address, long deadline) {
        key = k;
        factory = f;
        connected = future;
        target = address;
        state = State.CONNECTING;
        loop.deadlines().schedule(this, deadline);
    }

    void startOpen(SelectionKey k, E e) {
        key = k;
        engine = e;
        state = State.OPEN;
        try {
            handler.onOpen(this);
        } catch (RuntimeException | Error t) {
            fail(t);
            return;
        }
        pump();
    }

    /** OP_CONNECT fired (or connect() finished at once): finish it and create the engine. */
    void finishConnect() {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            failConnect(String.valueOf(e.getMessage()), e);
            return;
        }
        loop.deadlines().cancel(this);
        E e;
        try {
            e = factory.create(loop.now());
        } catch (RuntimeException | Error t) {
            failConnect("the engine factory failed: " + t, t);
            return;
        }
        factory = null;
        startOpen(key, e);
        CompletableFuture<SelectorConnection<E>> f = connected;
        connected = null;
        if (state == State.CLOSED) {
            f.completeExceptionally(new SshDisconnectedException("opening the connection", causeOrLost()));
        } else {
            f.complete(this);
        }
    }

    private void failConnect(String why, Throwable t) {
        state = State.CLOSED;
        loop.deadlines().cancel(this);
        closeChannel();
        loop.forget(this);
        DisconnectCause c = new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST,
                DisconnectReason.CONNECTION_LOST.code(), "connect failed: " + why);
        cause = c;
        connected.completeExceptionally(new SshConnectException(target, why, t));
        closedFuture.complete(c);
    }

    // ---------------------------------------------------------------- readiness and timers (loop thread)

    /** The key fired with {@code readyOps}. */
    void onReady(int readyOps) {
        if (state == State.CONNECTING) {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                finishConnect();
            }
            return;
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            io.markReadable();
        }
        pump();
    }

    /** The deadline heap says this connection's time came. */
    void onDeadline() {
        if (state == State.CONNECTING) {
            failConnect("no answer within " + loop.options().connectTimeout().toMillis() + " ms", null);
            return;
        }
        pump();
    }

    /** One pump step, repeated while it makes progress; exceptions end the connection, not the loop. */
    void pump() {
        if (state == State.CLOSED || state == State.CONNECTING) {
            return;
        }
        try {
            long now = loop.now();
            for (int round = 0; round < 16 && state != State.CLOSED; round++) {
                boolean progress = Pump.fireTimersIfDue(engine, now);
                progress |= deliverEvents();
                progress |= flush();
                progress |= readInput(now);
                if (!progress) {
                    break;
                }
            }
            checkWaiters();
            advanceLifecycle(now);
            if (state != State.CLOSED) {
                updateInterest();
                scheduleWake();
            }
        } catch (RuntimeException | Error t) {
            fail(t);
        }
    }

    private boolean deliverEvents() {
        return Pump.drainEvents(engine, this::deliver) > 0;
    }

    private void deliver(SshEvent e) {
        if (e instanceof Disconnected d) {
            cause = d.cause();
        }
        handler.onEvent(this, e);
    }

    private boolean flush() {
        if (state != State.OPEN || streamLost) {
            return false;
        }
        try {
            return io.flush(engine, loop.writeBuffer());
        } catch (IOException e) {
            lose("socket write failed: " + e.getMessage());
            return true;
        }
    }

    private boolean readInput(long now) {
        if (state == State.CLOSED || streamLost) {
            return false;
        }
        try {
            boolean progress = io.read(engine, loop.readBuffer(), now);
            if (io.endOfStream() && !engine.isClosed()) {
                lose("end of stream from the peer");
                return true;
            }
            return progress;
        } catch (IOException e) {
            lose("socket read failed: " + e.getMessage());
            return true;
        }
    }

    private void advanceLifecycle(long now) {
        if (state == State.OPEN && engine.isClosed() && !engine.wantsWrite() && !io.outputHeld()) {
            try {
                io.shutdownOutput();
            } catch (IOException e) {
                closeNow();
                return;
            }
            state = State.OUTPUT_SHUT;
            lingerUntil = now + loop.options().closeTimeout().toNanos();
        }
        if (state == State.OUTPUT_SHUT && (io.endOfStream() || now - lingerUntil >= 0)) {
            closeNow();
        }
    }

    private void updateInterest() {
        int ops = io.interestOps(engine, state == State.OPEN && !streamLost);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void scheduleWake() {
        long next;
        boolean any;
        if (state == State.OUTPUT_SHUT) {
            next = lingerUntil;
            any = true;
        } else {
            any = engine.hasDeadline();
            next = any ? engine.nextDeadline() : 0;
        }
        if (!any) {
            loop.deadlines().cancel(this);
        } else if (heapIndex < 0 || deadline != next) {
            loop.deadlines().schedule(this, next);
        }
    }

    private void checkWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        for (int i = 0; i < waiters.size(); i++) {
            Waiter<E> w = waiters.get(i);
            boolean done;
            try {
                done = w.condition.test(engine);
            } catch (RuntimeException t) {
                waiters.remove(i--);
                w.future.completeExceptionally(t);
                continue;
            }
            if (done) {
                waiters.remove(i--);
                w.future.complete(null);
            } else if (engine.isClosed()) {
                waiters.remove(i--);
                w.future.completeExceptionally(new SshDisconnectedException("waiting for an engine condition",
                        causeOrLost()));
            }
        }
    }

    /** The stream failed under the engine: tell it, then close the socket. */
    void lose(String why) {
        streamLost = true;
        if (engine != null && !engine.isClosed()) {
            engine.connectionLost(why);
            deliverEvents();
        }
        closeNow();
    }

    /** Something threw where nothing may: record it and drop the connection. Loop thread. */
    void fail(Throwable t) {
        if (internalFailure == null) {
            internalFailure = t;
        }
        if (state == State.CLOSED) {
            return;
        }
        try {
            lose("internal driver failure: " + t);
        } catch (RuntimeException | Error again) {
            closeNow();
        }
    }

    private void closeNow() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        loop.deadlines().cancel(this);
        closeChannel();
        loop.forget(this);
        DisconnectCause c = causeOrLost();
        for (Waiter<E> w : waiters) {
            w.future.completeExceptionally(new SshDisconnectedException("waiting for an engine condition", c));
        }
        waiters.clear();
        closedFuture.complete(c);
        handler.onClosed(this, c);
    }

    private void closeChannel() {
        io.close(key);
    }

    private DisconnectCause causeOrLost() {
        return cause != null ? cause : new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST,
                DisconnectReason.CONNECTION_LOST.code(), "the socket closed");
    }

    // ---------------------------------------------------------------- application API

    /** The engine. Loop thread only (handler callbacks, {@link #submit} actions). */
    public E engine() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("engine() is for the loop thread; use submit() from " + Thread.currentThread());
        }
        return engine;
    }

    /**
     * Runs {@code action} on the engine on the loop thread (at once if called there), then pumps the
     * connection so that what it queued is written. The future fails with {@link
     * SshDisconnectedException} if the connection is closed, or with the action's exception.
     */
    public <T> CompletableFuture<T> submit(Function<? super E, ? extends T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.runOnLoop(() -> {
            if (state == State.CLOSED || engine == null) {
                f.completeExceptionally(new SshDisconnectedException("submitting an action", causeOrLost()));
                return;
            }
            try {
                f.complete(action.apply(engine));
            } catch (RuntimeException | Error t) {
                f.completeExceptionally(t);
            }
            pump();
        });
        return f;
    }

    /** Like {@link #submit(Function)} for an action without a result. */
    public CompletableFuture<Void> execute(Consumer<? super E> action) {
        return submit(e -> {
            action.accept(e);
            return null;
        });
    }

    /**
     * A future completed (on the loop thread) once {@code condition} holds for the engine, tested
     * after every pump; it fails with {@link SshDisconnectedException} if the connection ends first.
     */
    public CompletableFuture<Void> when(Predicate<? super E> condition) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        loop.runOnLoop(() -> {
            if (state == State.CLOSED) {
                f.completeExceptionally(new SshDisconnectedException("waiting for an engine condition", causeOrLost()));
                return;
            }
            waiters.add(new Waiter<>(condition, f));
            checkWaiters();
        });
        return f;
    }

    /** Completes with the cause once the socket is closed. */
    public CompletableFuture<DisconnectCause> closed() {
        return closedFuture;
    }

    /**
     * Closes gracefully from any thread: runs {@code disconnect} on the engine if it is open (it
     * should queue SSH_MSG_DISCONNECT), writes what is queued, sends FIN, and closes once the peer's
     * FIN arrives or the close bound passes. With {@code null}, or if the engine stays open, the
     * engine sees {@code connectionLost} and the socket closes at once.
     *
     * @return {@link #closed()}
     */
    public CompletableFuture<DisconnectCause> close(Consumer<? super E> disconnect) {
        loop.runOnLoop(() -> {
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.CONNECTING) {
                failConnect("closed by the application", null);
                return;
            }
            try {
                if (disconnect != null && !engine.isClosed()) {
                    disconnect.accept(engine);
                }
            } catch (RuntimeException | Error t) {
                fail(t);
                return;
            }
            if (!engine.isClosed()) {
                lose("closed by the application");
                return;
            }
            pump();
        });
        return closedFuture;
    }

    /** Whether the socket is closed. */
    public boolean isClosed() {
        return closedFuture.isDone();
    }

    /** The unexpected throwable that ended this connection (engine bug, failed invariant), or null. */
    public Throwable internalFailure() {
        return internalFailure;
    }

    /** The peer's address, or null once closed. */
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether TCP_QUICKACK is in effect. */
    public boolean quickAckEnabled() {
        return quickAck;
    }

    /** Bytes held for this connection outside the engine right now (paused input, refused output). */
    int bufferedBytes() {
        return io.bufferedBytes();
    }
}
