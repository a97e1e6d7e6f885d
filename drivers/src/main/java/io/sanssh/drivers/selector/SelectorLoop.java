package io.sanssh.drivers.selector;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.pump.SocketTuning;
import io.sanssh.engine.SansIoEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The selector driver (DESIGN.md, "Selector"): one thread serves many connections, client and
 * server role alike. Each connection's {@code wantsRead}/{@code wantsWrite} are its interest ops;
 * every engine deadline sits in one {@link DeadlineHeap}, whose minimum bounds each {@code select}.
 * Other threads hand work to the loop through a task queue and {@link Selector#wakeup()}; results
 * come back as {@link CompletableFuture}s or {@link ConnectionHandler} callbacks.
 *
 * <p>Nothing here costs a thread or a fixed buffer per connection: the read and write buffers are
 * the loop's, and a connection holds bytes only while its engine pauses input or its socket refuses
 * output. Thousands of connections per loop are the design point.
 */
public final class SelectorLoop implements AutoCloseable {
    private final SelectorOptions options;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final DeadlineHeap deadlines = new DeadlineHeap();
    private final ByteBuffer readBuffer;
    private final ByteBuffer writeBuffer;
    private final Set<SelectorConnection<?>> connections = new LinkedHashSet<>();
    private final List<SelectorAcceptor<?>> acceptors = new ArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile boolean stopped;
    private volatile int connectionCount;

    private SelectorLoop(SelectorOptions options) throws IOException {
        this.options = options;
        this.selector = Selector.open();
        this.readBuffer = ByteBuffer.allocateDirect(options.readBufferSize());
        this.writeBuffer = ByteBuffer.allocateDirect(options.writeBufferSize());
        this.thread = new Thread(this::run, options.threadName());
        this.thread.setDaemon(true);
    }

    /** Opens a selector and starts the loop thread. Close the loop to stop it. */
    public static SelectorLoop open(SelectorOptions options) throws IOException {
        SelectorLoop loop = new SelectorLoop(options);
        loop.thread.start();
        return loop;
    }

    // ---------------------------------------------------------------- application API (any thread)

    /**
     * Connects to {@code address} without blocking. The future completes (on the loop thread) with
     * the connection once TCP is up and the engine exists, or fails with {@link SshConnectException}
     * (refused, unreachable, or over the connect timeout).
     */
    public <E extends SansIoEngine> CompletableFuture<SelectorConnection<E>> connect(InetSocketAddress address,
            EngineFactory<E> factory, ConnectionHandler<E> handler) {
        CompletableFuture<SelectorConnection<E>> f = new CompletableFuture<>();
        runOnLoop(() -> {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                boolean quick = SocketTuning.apply(ch, options.tcpNoDelay(), options.tcpQuickAck());
                SelectorConnection<E> conn = new SelectorConnection<>(this, ch, handler, quick);
                boolean done = ch.connect(address);
                SelectionKey key = ch.register(selector, done ? 0 : SelectionKey.OP_CONNECT, conn);
                connections.add(conn);
                connectionCount = connections.size();
                conn.startConnecting(key, factory, f, address, now() + options.connectTimeout().toNanos());
                if (done) {
                    conn.finishConnect();
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                f.completeExceptionally(new SshConnectException(address, String.valueOf(e.getMessage()), e));
            }
        });
        return f;
    }

    /**
     * Binds a listening socket at {@code bind} (in the calling thread, so a bind failure is thrown
     * here) and accepts on the loop thread: every accepted connection gets a new engine from
     * {@code factory} (e.g. a server-role engine) and is served by {@code handler}.
     */
    public <E extends SansIoEngine> SelectorAcceptor<E> listen(InetSocketAddress bind, EngineFactory<E> factory,
            ConnectionHandler<E> handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(bind, 1024);
            server.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
        SelectorAcceptor<E> acceptor = new SelectorAcceptor<>(this, server, factory, handler);
        runOnLoop(() -> {
            try {
                acceptor.register(server.register(selector, SelectionKey.OP_ACCEPT, acceptor));
                acceptors.add(acceptor);
            } catch (IOException | RuntimeException e) {
                acceptor.close();
            }
        });
        return acceptor;
    }

    /**
     * Runs {@code task} on the loop thread, after the current iteration; wakes the selector if
     * needed. After the loop stopped, the task runs on the caller's thread, where it finds every
     * connection closed.
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (stopped) {
            drainTasks();
        } else if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** The clock the loop gives its engines ({@link SelectorOptions#nanoClock()}). */
    public java.util.function.LongSupplier nanoClock() {
        return options.nanoClock();
    }

    /** How long a graceful close may take ({@link SelectorOptions#closeTimeout()}). */
    public java.time.Duration closeTimeout() {
        return options.closeTimeout();
    }

    /** Whether the caller is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Open connections (including ones still connecting), as of the loop's latest change. */
    public int connectionCount() {
        return connectionCount;
    }

    /** Completes once the loop thread has stopped and every connection is closed. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Stops the loop: every connection is dropped (its engine sees {@code connectionLost}; close
     * connections gracefully first if they deserve a DISCONNECT), acceptors close, the selector
     * closes. Waits up to five seconds for the thread unless called from it.
     */
    @Override
    public void close() {
        stopping = true;
        if (inLoop()) {
            return;
        }
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- loop-side services

    SelectorOptions options() {
        return options;
    }

    long now() {
        return options.nanoClock().getAsLong();
    }

    DeadlineHeap deadlines() {
        return deadlines;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    void runOnLoop(Runnable r) {
        if (inLoop()) {
            r.run();
        } else {
            execute(r);
        }
    }

    void forget(SelectorConnection<?> c) {
        connections.remove(c);
        connectionCount = connections.size();
    }

    /** Takes an accepted channel into the loop with a fresh engine. Loop thread. */
    <E extends SansIoEngine> void adopt(SocketChannel ch, EngineFactory<E> factory, ConnectionHandler<E> handler) {
        try {
            ch.configureBlocking(false);
            boolean quick = SocketTuning.apply(ch, options.tcpNoDelay(), options.tcpQuickAck());
            E engine = factory.create(now(), ch.getRemoteAddress());
            SelectorConnection<E> conn = new SelectorConnection<>(this, ch, handler, quick);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ, conn);
            connections.add(conn);
            connectionCount = connections.size();
            conn.startOpen(key, engine);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
        }
    }

    void forget(SelectorAcceptor<?> a) {
        acceptors.remove(a);
    }

    // ---------------------------------------------------------------- the loop

    private void run() {
        try {
            while (!stopping) {
                wakeupPending.set(false);
                drainTasks();
                long timeout = selectTimeoutMillis();
                if (!tasks.isEmpty() || timeout < 0) {
                    selector.selectNow(this::dispatch);
                } else {
                    selector.select(this::dispatch, timeout);
                }
                fireDeadlines();
            }
        } catch (IOException | ClosedSelectorException e) {
            // the selector failed: fall through to shut everything down
        } finally {
            shutdown();
        }
    }

    /** 0: no deadline (block), negative: one is due, else milliseconds until the earliest. */
    private long selectTimeoutMillis() {
        DeadlineHeap.Entry top = deadlines.peek();
        if (top == null) {
            return 0;
        }
        long nanos = top.deadline - now();
        if (nanos <= 0) {
            return -1;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Object a = key.attachment();
        try {
            int ready = key.readyOps();
            if (a instanceof SelectorConnection<?> c) {
                c.onReady(ready);
            } else if (a instanceof SelectorAcceptor<?> acc) {
                acc.onAcceptable();
            }
        } catch (RuntimeException | Error e) {
            // a handler or engine threw outside the pump's own guard: that connection ends, the loop goes on
            if (a instanceof SelectorConnection<?> c) {
                c.fail(e);
            }
        }
    }

    private void fireDeadlines() {
        long now = now();
        int budget = deadlines.size() + 16;
        DeadlineHeap.Entry e;
        while (budget-- > 0 && (e = deadlines.pollDue(now)) != null) {
            try {
                if (e instanceof SelectorConnection<?> c) {
                    c.onDeadline();
                } else if (e instanceof SelectorAcceptor<?> a) {
                    a.onDeadline();
                }
            } catch (RuntimeException | Error t) {
                if (e instanceof SelectorConnection<?> c) {
                    c.fail(t);
                }
            }
        }
    }

    private void drainTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                // a task's own future carries its failure; the loop goes on
            }
        }
    }

    private void shutdown() {
        for (SelectorConnection<?> c : new ArrayList<>(connections)) {
            try {
                c.lose("the selector loop closed");
            } catch (RuntimeException | Error e) {
                // closing everything regardless
            }
        }
        connections.clear();
        connectionCount = 0;
        for (SelectorAcceptor<?> a : new ArrayList<>(acceptors)) {
            a.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to release
        }
        stopped = true;
        drainTasks();
        terminated.complete(null);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // already failing
        }
    }
}
