package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelExtendedData;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A test-only driver for any {@link SansIoEngine} (an {@code SshConnection}, a bare transport) on
 * one non-blocking socket, pumped by one thread: the DESIGN.md pump with an application step in
 * between.
 *
 * <ol>
 *   <li>run the timers that are due;
 *   <li>hand every event to the {@link Application};
 *   <li>let the application act ({@link Application#act}): write, send EOF, close...;
 *   <li>write ({@code peekOutput}/{@code consumeOutput}) while the engine wants to and the socket
 *       takes bytes;
 *   <li>read and {@code receive} while the engine wants input and bytes are there;
 *   <li>if nothing moved, wait in a {@link Selector} for readiness, the next deadline, a
 *       {@link #wakeup()} from another thread, or a few milliseconds, whichever comes first.
 * </ol>
 *
 * <p>Unlike {@link BlockingTransportDriver} it never blocks on a socket write, so an application
 * may stream megabytes both ways at once without the two peers each waiting for the other to
 * read. Only the pumping thread touches the engine; other threads (e.g. ones that read a
 * subprocess's output) hand work to the application and call {@link #wakeup()}. Sockets get
 * TCP_NODELAY, and TCP_QUICKACK where the JDK offers it. Every wait is bounded by wall-clock time;
 * failures carry the engine's signals, the recent events and the peer's diagnostics.
 *
 * @param <E> the engine type
 */
public final class EngineSocketDriver<E extends SansIoEngine> implements AutoCloseable {
    /** The longest a pump step waits when nothing happens (so {@link Application#act} runs often enough). */
    private static final long MAX_WAIT_MILLIS = 5;
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    private static final int READS_PER_STEP = 8;
    private static final int EVENTS_KEPT = 400;

    /** What runs on the pumping thread between engine steps. */
    public interface Application {
        /** Every event the engine emits, in order. */
        void onEvent(SshEvent event);

        /**
         * Called once per pump step, after the events: do what the application wants to do now.
         * Return true if it did something (the pump then does not wait before the next step).
         */
        default boolean act(long nowNanos) {
            return false;
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final E engine;
    private final ByteBuffer inbound = ByteBuffer.allocate(256 * 1024);
    private final List<SshEvent> events = new ArrayList<>();
    private Supplier<String> diagnostics = () -> "";
    private boolean inputEnded;
    private boolean broken;
    private long bytesRead;
    private long bytesWritten;
    private long dataEvents;
    private long eventCount;
    private long steps;
    private long waits;
    private long waitNanos;

    private EngineSocketDriver(SocketChannel channel, E engine) throws IOException {
        this.channel = channel;
        this.engine = engine;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (channel.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
            channel.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
        }
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    /** Client role: connects (bounded) and creates the engine with {@code factory(System.nanoTime())}. */
    public static <E extends SansIoEngine> EngineSocketDriver<E> connect(String host, int port,
                                                                         LongFunction<E> factory) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.socket().connect(new InetSocketAddress(host, port), (int) CONNECT_LIMIT.toMillis());
            return new EngineSocketDriver<>(ch, factory.apply(System.nanoTime()));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /**
     * Server role: accepts one connection on {@code listening} within {@code limit} and creates
     * the engine. An {@link AssertionError} carrying {@code diagnostics} if nobody connects in time.
     */
    public static <E extends SansIoEngine> EngineSocketDriver<E> accept(ServerSocketChannel listening, Duration limit,
                                                                        LongFunction<E> factory,
                                                                        Supplier<String> diagnostics) {
        SocketChannel ch = null;
        try (Selector s = Selector.open()) {
            listening.configureBlocking(false);
            listening.register(s, SelectionKey.OP_ACCEPT);
            long deadline = System.nanoTime() + limit.toNanos();
            while (ch == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new AssertionError("no client connected within " + limit + "\n" + diagnostics.get());
                }
                s.select(left);
                ch = listening.accept();
            }
            EngineSocketDriver<E> d = new EngineSocketDriver<>(ch, factory.apply(System.nanoTime()));
            d.diagnostics = diagnostics;
            return d;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("accept failed", e);
        }
    }

    /** The engine; touch it only from the pumping thread. */
    public E engine() {
        return engine;
    }

    /** Adds the peer's diagnostics (its log, its output) to every failure message. */
    public EngineSocketDriver<E> diagnostics(Supplier<String> peerDiagnostics) {
        this.diagnostics = peerDiagnostics;
        return this;
    }

    /** Wakes a pump step that waits; safe from any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /**
     * Events seen so far, without the bulk ones (channel data, extended data, writable), which are
     * only counted; only the latest few hundred are kept.
     */
    public List<SshEvent> events() {
        return List.copyOf(events);
    }

    /** The kept events of {@code type}. */
    public <T extends SshEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The Disconnected event, if the connection ended. */
    public Optional<Disconnected> disconnected() {
        return events(Disconnected.class).stream().findFirst();
    }

    /** Whether the peer closed its side (or the socket failed). */
    public boolean inputEnded() {
        return inputEnded;
    }

    /** Bytes written to the socket so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes read from the socket so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Pumps, with {@code app} acting between steps, until {@code done} holds. An {@link
     * AssertionError} naming {@code what} if {@code limit} passes first, or if the connection
     * closes (its output drained) without {@code done}.
     */
    public void run(Application app, BooleanSupplier done, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw failure("not reached within " + limit + ": " + what);
            }
            if (engine.isClosed() && (!engine.wantsWrite() || broken)) {
                throw failure("connection closed before: " + what);
            }
            step(app);
        }
    }

    /** Pumps for {@code duration} whatever happens. */
    public void runFor(Application app, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - deadline < 0 && !(engine.isClosed() && !engine.wantsWrite())) {
            step(app);
        }
    }

    /** One pump step (see the class comment). */
    public void step(Application app) {
        steps++;
        long now = System.nanoTime();
        if (engine.hasDeadline() && now - engine.nextDeadline() >= 0) {
            engine.onTimeout(now);
        }
        boolean moved = deliver(app) > 0;
        moved |= app.act(System.nanoTime());
        moved |= writeSome() > 0;
        for (int i = 0; i < READS_PER_STEP; i++) {
            long n = readSome();
            if (n <= 0) {
                break;
            }
            moved = true;
            if (engine.wantsWrite()) {
                writeSome(); // window adjusts and replies leave before we read more
            }
        }
        moved |= deliver(app) > 0;
        if (!moved) {
            await();
        }
    }

    private int deliver(Application app) {
        int n = 0;
        SshEvent e;
        while ((e = engine.pollEvent()) != null) {
            n++;
            eventCount++;
            if (e instanceof ChannelData || e instanceof ChannelExtendedData || e instanceof ChannelWritable) {
                dataEvents++;
            } else {
                if (events.size() == EVENTS_KEPT) {
                    events.remove(0);
                }
                events.add(e);
            }
            app.onEvent(e);
        }
        return n;
    }

    private long writeSome() {
        long total = 0;
        try {
            while (!broken && engine.wantsWrite()) {
                ByteBuffer view = engine.peekOutput();
                if (!view.hasRemaining()) {
                    break;
                }
                int n = channel.write(view);
                if (n <= 0) {
                    break;
                }
                engine.consumeOutput(n);
                bytesWritten += n;
                total += n;
            }
        } catch (IOException e) {
            broken = true;
            inputEnded = true;
            engine.connectionLost("write failed: " + e);
        }
        return total;
    }

    /** One read into the inbound buffer (if it has room), then feeds the engine; bytes read, -1 at the end. */
    private long readSome() {
        if (inputEnded || broken) {
            return -1;
        }
        int n = 0;
        if (engine.wantsRead() && inbound.hasRemaining()) {
            try {
                n = channel.read(inbound);
            } catch (IOException e) {
                inputEnded = true;
                broken = true;
                engine.connectionLost("read failed: " + e);
                return -1;
            }
            if (n < 0) {
                inputEnded = true;
                feed();
                engine.connectionLost("the peer closed the connection");
                return -1;
            }
            bytesRead += n;
        }
        feed();
        return n;
    }

    private void feed() {
        inbound.flip();
        try {
            while (inbound.hasRemaining() && engine.wantsRead()) {
                if (engine.receive(inbound, System.nanoTime()) == 0) {
                    break;
                }
            }
        } finally {
            inbound.compact();
        }
    }

    private void await() {
        int ops = 0;
        if (engine.wantsWrite() && !broken) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (engine.wantsRead() && !inputEnded && inbound.hasRemaining()) {
            ops |= SelectionKey.OP_READ;
        }
        if (ops == 0 && !engine.isClosed() && !inputEnded) {
            throw failure("engine stuck: input paused and nothing to transmit (DESIGN.md rule 9)");
        }
        long wait = MAX_WAIT_MILLIS;
        if (engine.hasDeadline()) {
            wait = Math.min(wait, Math.max(0, (engine.nextDeadline() - System.nanoTime()) / 1_000_000L));
        }
        long t0 = System.nanoTime();
        try {
            key.interestOps(ops);
            if (wait <= 0) {
                selector.selectNow();
            } else {
                selector.select(wait);
            }
            selector.selectedKeys().clear();
            waits++;
            waitNanos += System.nanoTime() - t0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends the socket side cleanly once the application has queued its DISCONNECT (or the engine
     * closed): writes what is queued, half-closes our side, and waits (bounded) for the peer to
     * close its side. Returns whether the peer closed in time.
     */
    public boolean finish(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!broken && engine.wantsWrite() && System.nanoTime() - deadline < 0) {
                if (writeSome() == 0) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    selector.select(MAX_WAIT_MILLIS);
                    selector.selectedKeys().clear();
                }
            }
            if (broken || inputEnded) {
                return true;
            }
            channel.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
            key.interestOps(SelectionKey.OP_READ);
            while (System.nanoTime() - deadline < 0) {
                sink.clear();
                int n = channel.read(sink);
                if (n < 0) {
                    return true;
                }
                if (n == 0) {
                    selector.select(MAX_WAIT_MILLIS);
                    selector.selectedKeys().clear();
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Pump statistics: steps, waits and the time spent waiting, socket bytes both ways. */
    public String stats() {
        return steps + " steps, " + waits + " waits (" + waitNanos / 1_000_000L + " ms), written " + bytesWritten
                + " B, read " + bytesRead + " B";
    }

    /** An AssertionError describing the engine's signals, the recent events and the peer's diagnostics. */
    public AssertionError failure(String why) {
        List<SshEvent> recent = events.subList(Math.max(0, events.size() - 40), events.size());
        return new AssertionError(why + "\n  engine: closed " + engine.isClosed() + ", wants read "
                + engine.wantsRead() + ", wants write " + engine.wantsWrite() + "\n  socket: written " + bytesWritten
                + " B, read " + bytesRead + " B, input ended " + inputEnded + ", broken " + broken + "\n  events: "
                + eventCount + " (" + dataEvents + " data/writable), latest " + recent + "\n  peer diagnostics:\n"
                + diagnostics.get());
    }

    /** Closes the socket and the selector (without a DISCONNECT: queue one and call {@link #finish} first). */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a socket that failed already
        }
    }
}
