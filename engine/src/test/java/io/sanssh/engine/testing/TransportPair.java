package io.sanssh.engine.testing;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A client and a server transport joined by an in-memory byte pump with a virtual clock: the
 * minimal driver for engine tests. Each {@link #step()} lets each side transmit at most {@link
 * #budget} bytes (1 stalls it to a byte per step), hands them to the other side, and advances the
 * clock. Both engines carry an {@link OutboundRulesChecker}, so every test checks the outbound
 * rules after every action.
 */
public final class TransportPair {
    public final Transport client;
    public final Transport server;
    public final RecordingListener clientUpper = new RecordingListener();
    public final RecordingListener serverUpper = new RecordingListener();
    public final OutboundRulesChecker clientRules;
    public final OutboundRulesChecker serverRules;
    public final List<SshEvent> clientEvents = new ArrayList<>();
    public final List<SshEvent> serverEvents = new ArrayList<>();

    /** Bytes each side may transmit per step, per direction. */
    public int clientBudget = Integer.MAX_VALUE;
    public int serverBudget = Integer.MAX_VALUE;
    /** Virtual nanoseconds per step. */
    public long stepNanos = 1_000_000;
    /** Whether to hand bytes over in random fragments (they still all arrive within a step). */
    public boolean fragment;

    private final SplittableRandom rnd;
    private final ByteBuffer c2s = ByteBuffer.allocate(64 << 20).flip();
    private final ByteBuffer s2c = ByteBuffer.allocate(64 << 20).flip();
    private long now = 1_000_000_000L;
    private long steps;

    /** A pair with the given configurations and a seed for all randomness. */
    public TransportPair(TransportConfig clientConfig, TransportConfig serverConfig, long seed) {
        this(clientConfig, serverConfig, seed, null, null);
    }

    /**
     * A pair whose transports deliver upper-layer messages to the given listeners (e.g. a router to
     * the auth layers) instead of {@link #clientUpper} and {@link #serverUpper}, which then stay
     * empty. A {@code null} listener means the recording one.
     */
    public TransportPair(TransportConfig clientConfig, TransportConfig serverConfig, long seed,
                         TransportListener clientListener, TransportListener serverListener) {
        rnd = new SplittableRandom(seed);
        long cBound = clientConfig.highWaterBytes() * 4 + (8L << 20);
        long sBound = serverConfig.highWaterBytes() * 4 + (8L << 20);
        boolean strict = clientConfig.strictKex() && serverConfig.strictKex();
        clientRules = new OutboundRulesChecker("client", cBound, strict);
        serverRules = new OutboundRulesChecker("server", sBound, strict);
        client = new Transport(Role.CLIENT, clientConfig, TestRandom.seeded(seed * 31 + 1),
                clientListener != null ? clientListener : clientUpper, now, clientRules);
        server = new Transport(Role.SERVER, serverConfig, TestRandom.seeded(seed * 31 + 2),
                serverListener != null ? serverListener : serverUpper, now, serverRules);
    }

    /** The virtual time. */
    public long now() {
        return now;
    }

    /** Advances the virtual clock without moving bytes. */
    public void advance(long nanos) {
        now += nanos;
    }

    /** One round: timers, transmit both ways within budget, receive, collect events. */
    public void step() {
        steps++;
        now += stepNanos;
        fireTimers(client);
        fireTimers(server);
        move(client, c2s, clientBudget);
        move(server, s2c, serverBudget);
        deliver(c2s, server);
        deliver(s2c, client);
        drainEvents();
        if (!client.isClosed() || !server.isClosed()) {
            checkNotStuck(client, c2s);
            checkNotStuck(server, s2c);
        }
    }

    private void fireTimers(Transport t) {
        if (t.hasDeadline() && now - t.nextDeadline() >= 0) {
            t.onTimeout(now);
        }
    }

    private void move(Transport from, ByteBuffer pipe, int budget) {
        if (!from.wantsWrite() || budget <= 0) {
            return;
        }
        pipe.compact();
        int lim = (int) Math.min((long) pipe.position() + budget, pipe.capacity());
        ByteBuffer window = pipe.duplicate().limit(lim);
        int n = from.transmit(window);
        pipe.position(pipe.position() + n);
        pipe.flip();
    }

    private void deliver(ByteBuffer pipe, Transport to) {
        while (pipe.hasRemaining() && to.wantsRead()) {
            int chunk = fragment ? 1 + rnd.nextInt(Math.min(pipe.remaining(), 4096)) : pipe.remaining();
            ByteBuffer part = pipe.duplicate().limit(pipe.position() + chunk);
            int n = to.receive(part, now);
            pipe.position(pipe.position() + n);
            if (n == 0) {
                break;
            }
        }
    }

    private void checkNotStuck(Transport t, ByteBuffer inbound) {
        // Rule 9: "input paused and nothing left to transmit" must be unreachable.
        if (!t.isClosed() && !t.wantsRead() && !t.wantsWrite()) {
            throw new AssertionError(t.role() + " is stuck: input paused and nothing to transmit");
        }
    }

    /** Moves every pending event into the event lists. */
    public void drainEvents() {
        SshEvent e;
        while ((e = client.pollEvent()) != null) {
            clientEvents.add(e);
        }
        while ((e = server.pollEvent()) != null) {
            serverEvents.add(e);
        }
    }

    /** Steps until {@code done} holds; fails after {@code maxSteps}. */
    public void pumpUntil(BooleanSupplier done, int maxSteps, String what) {
        for (int i = 0; i < maxSteps; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            step();
        }
        if (!done.getAsBoolean()) {
            throw new AssertionError("not reached after " + maxSteps + " steps: " + what + "; client events "
                    + clientEvents + ", server events " + serverEvents);
        }
    }

    /** Steps until nothing is left to move in either direction. */
    public void drain(int maxSteps) {
        pumpUntil(() -> !client.wantsWrite() && !server.wantsWrite() && !c2s.hasRemaining() && !s2c.hasRemaining(),
                maxSteps, "quiescence");
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** Direct access to the client-to-server pipe (bytes in flight), e.g. to corrupt them. */
    public ByteBuffer clientToServerPipe() {
        return c2s;
    }

    /** Direct access to the server-to-client pipe. */
    public ByteBuffer serverToClientPipe() {
        return s2c;
    }
}
