package io.sanssh.drivers.sim;

import io.sanssh.drivers.pump.Pump;
import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.event.SshEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One end of a simulated connection: an engine, its application, and the driver that pumps the
 * engine over two {@link SimLink}s in virtual time. The pump is the one all drivers run (timers,
 * events, input while {@code wantsRead}, output while {@code wantsWrite}); what a socket driver
 * gets from readiness, this one gets from the event queue.
 *
 * <p>Closing follows a socket driver's graceful close: once the engine is closed and its output
 * (our DISCONNECT) drained, the endpoint sends FIN and discards input until the peer's FIN or a
 * linger time, then closes. End of stream while the engine is open, a reset, or writing after the
 * peer closed its socket reach the engine as {@link SansIoEngine#connectionLost}.
 *
 * @param <E> the engine type
 */
public final class SimEndpoint<E extends SansIoEngine> {
    /** How long a closing endpoint waits for the peer's FIN before closing anyway. */
    public static final long LINGER_NANOS = 5_000_000_000L;

    private enum State { OPEN, CLOSING, CLOSED }

    private final SimNetwork net;
    private final String name;
    private final E engine;
    private final SimApplication<E> app;
    private final SimLink in;
    private final SimLink out;
    private final List<SshEvent> events = new ArrayList<>();
    private State state = State.OPEN;
    private boolean pumpScheduled;
    private long timerAt;
    private boolean timerScheduled;
    private long lingerUntil;
    private int keyExchanges;
    /** Every byte transmitted from now on belongs to a packet encrypted under negotiated keys. */
    private boolean sealedOutput;
    /** A key exchange completed while older (possibly clear-text) packets still waited to leave. */
    private boolean sealedAfterDrain;
    private DisconnectCause cause;
    private byte[] scratch = new byte[4096];

    SimEndpoint(SimNetwork net, String name, E engine, SimApplication<E> app, SimLink in, SimLink out) {
        this.net = net;
        this.name = name;
        this.engine = engine;
        this.app = app;
        this.in = in;
        this.out = out;
    }

    /** The engine. Call it from application callbacks or between runs, never concurrently. */
    public E engine() {
        return engine;
    }

    /** The endpoint's name, e.g. {@code "client#0"}. */
    public String name() {
        return name;
    }

    /** The network it belongs to. */
    public SimNetwork network() {
        return net;
    }

    /** The current virtual time. */
    public long now() {
        return net.now();
    }

    /**
     * Runs {@code action} on this endpoint {@code delayNanos} from now (virtual), then pumps it. The
     * action is skipped if the endpoint's socket closed by then.
     */
    public void schedule(long delayNanos, Consumer<SimEndpoint<E>> action) {
        net.queue().scheduleAfter(delayNanos, () -> {
            if (state != State.CLOSED) {
                action.accept(this);
                net.requestPump(this);
            }
        });
    }

    /**
     * Acts on the engine now, from outside a callback (e.g. test code between runs), and pumps the
     * endpoint afterwards.
     */
    public void act(Consumer<? super E> action) {
        action.accept(engine);
        net.requestPump(this);
    }

    /** Every event the engine emitted so far, in order. */
    public List<SshEvent> events() {
        return List.copyOf(events);
    }

    /** How many {@link KeyExchangeCompleted} events were seen. */
    public int keyExchanges() {
        return keyExchanges;
    }

    /** The cause from the engine's {@link Disconnected} event, or {@code null} while it has none. */
    public DisconnectCause disconnectCause() {
        return cause;
    }

    /** Whether the endpoint's socket is closed (after a graceful close, a lost stream or a reset). */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---------------------------------------------------------------- the pump

    void requestPump() {
        if (!pumpScheduled && state != State.CLOSED) {
            pumpScheduled = true;
            net.queue().schedule(net.now(), this::pump);
        }
    }

    void start() {
        app.onStart(this);
        requestPump();
    }

    /** One pump step, repeated while it makes progress. */
    void pump() {
        pumpScheduled = false;
        if (state == State.CLOSED) {
            return;
        }
        long now = net.now();
        for (int round = 0; round < 1000; round++) {
            boolean progress = false;
            if (state == State.OPEN) {
                progress |= Pump.fireTimersIfDue(engine, now);
                progress |= deliverEvents();
                progress |= readInput(now);
                progress |= writeOutput();
            } else if (state == State.CLOSING) {
                progress |= discardInput();
            }
            progress |= advanceLifecycle(now);
            if (!progress || state == State.CLOSED) {
                break;
            }
        }
        if (state == State.OPEN && Pump.isStuck(engine)) {
            throw new AssertionError(name + ": engine stuck (input paused with nothing to transmit, rule 9)");
        }
        scheduleTimer();
    }

    private boolean deliverEvents() {
        return Pump.drainEvents(engine, this::deliver) > 0;
    }

    private void deliver(SshEvent e) {
        events.add(e);
        if (e instanceof KeyExchangeCompleted) {
            keyExchanges++;
            if (!sealedOutput) {
                // NEWKEYS of the first exchange may still be queued, and it travels in clear text
                sealedOutput = !engine.wantsWrite();
                sealedAfterDrain = !sealedOutput;
            }
        } else if (e instanceof Disconnected d) {
            cause = d.cause();
        }
        app.onEvent(this, e);
    }

    private boolean readInput(long now) {
        boolean progress = false;
        while (state == State.OPEN && in.available() > 0 && engine.wantsRead()) {
            ByteBuffer chunk = in.nextRead();
            int n = engine.receive(chunk, now);
            in.consume(n);
            deliverEvents();
            if (n == 0) {
                break;
            }
            progress = true;
        }
        if (state == State.OPEN && in.atEndOfStream() && !engine.isClosed()) {
            lose("end of stream from the peer");
            return true;
        }
        return progress;
    }

    private boolean writeOutput() {
        boolean progress = false;
        while (state == State.OPEN && engine.wantsWrite()) {
            if (out.receiverClosed()) {
                lose("connection reset by peer (it closed its socket)");
                return true;
            }
            int window = out.writableNow();
            if (window <= 0) {
                break;
            }
            if (scratch.length < Math.min(window, 1 << 20)) {
                scratch = new byte[Math.min(window, 1 << 20)];
            }
            ByteBuffer dst = ByteBuffer.wrap(scratch, 0, Math.min(window, scratch.length));
            int n = engine.transmit(dst);
            if (n == 0) {
                break;
            }
            boolean drained = !engine.wantsWrite();
            out.write(scratch, n, sealedOutput && drained && !engine.isClosed());
            if (sealedAfterDrain && drained) {
                sealedAfterDrain = false;
                sealedOutput = true;
            }
            progress = true;
        }
        return progress;
    }

    private boolean discardInput() {
        long n = in.available();
        while (in.available() > 0) {
            in.consume(in.nextRead().remaining());
        }
        return n > 0;
    }

    private boolean advanceLifecycle(long now) {
        if (state == State.OPEN && engine.isClosed() && !engine.wantsWrite()) {
            deliverEvents();
            out.shutdown();
            state = State.CLOSING;
            lingerUntil = now + LINGER_NANOS;
            net.queue().schedule(lingerUntil, this::requestPump);
            return true;
        }
        if (state == State.CLOSING && (in.atEndOfStream() || in.isBroken() || now - lingerUntil >= 0)) {
            closeSocket();
            return true;
        }
        return false;
    }

    /** The byte stream failed under the engine: tell it, close the socket without a goodbye. */
    private void lose(String why) {
        engine.connectionLost(why);
        deliverEvents();
        out.shutdown();
        closeSocket();
    }

    /** A reset hit the connection: both ends lose it at once. */
    void reset() {
        if (state == State.CLOSED) {
            return;
        }
        if (!engine.isClosed()) {
            engine.connectionLost("connection reset");
        }
        deliverEvents();
        closeSocket();
    }

    private void closeSocket() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        in.closeReceiver();
        app.onClosed(this);
    }

    private void scheduleTimer() {
        if (state != State.OPEN || !engine.hasDeadline()) {
            return;
        }
        long d = engine.nextDeadline();
        if (timerScheduled && timerAt == d) {
            return;
        }
        timerScheduled = true;
        timerAt = d;
        net.queue().schedule(d, () -> {
            if (timerAt == d) {
                timerScheduled = false;
            }
            pump();
        });
    }

    @Override
    public String toString() {
        return name + "[" + state + ", kex " + keyExchanges + (cause == null ? "" : ", " + cause) + "]";
    }
}
