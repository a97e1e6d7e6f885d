package io.sanssh.drivers.sim;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.engine.SansIoEngine;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The in-memory driver (DESIGN.md, "In memory"): any number of engine pairs over simulated TCP
 * connections, run on one thread in virtual time. Everything random (each link's faults, each
 * engine's {@link #drbg DRBG} if the factories use it) derives from one seed, so a run is a pure
 * function of the seed and the application's code: {@link #transcript()} is the proof, and a
 * failure names its seed ({@link SimulationFailure}).
 *
 * <p>Typical use: {@link #connect} one or more pairs, {@link #runUntil} some condition with faults,
 * then {@link #heal} and require progress with another {@code runUntil}.
 */
public final class SimNetwork {
    /** The virtual time a network starts at (not zero, so that time arithmetic is exercised). */
    public static final long START_NANOS = 1_000_000_000L;
    /** Scheduled actions one {@link #runUntil} may run before it declares the run livelocked. */
    public static final long MAX_ACTIONS_PER_RUN = 50_000_000L;

    private final long seed;
    private final SplittableRandom random;
    private final SimClock clock = new SimClock(START_NANOS);
    private final EventQueue queue = new EventQueue(clock);
    private final Transcript transcript;
    private final List<SimConnection<?, ?>> connections = new ArrayList<>();
    private boolean healed;

    /**
     * A network for one run.
     *
     * @param seed drives every random choice of the run
     * @param keepTranscript whether the {@link #transcript()} keeps every entry (a digest is kept
     *     regardless)
     */
    public SimNetwork(long seed, boolean keepTranscript) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.transcript = new Transcript(keepTranscript);
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The current virtual time. */
    public long now() {
        return clock.now();
    }

    /** Virtual time elapsed since the network started. */
    public long elapsed() {
        return clock.now() - START_NANOS;
    }

    /** The virtual clock. */
    public SimClock clock() {
        return clock;
    }

    /** Every byte carried so far, with virtual timestamps. */
    public Transcript transcript() {
        return transcript;
    }

    /** A deterministic {@link SecureRandom} for stream {@code stream} of this run, for engine factories. */
    public SecureRandom drbg(long stream) {
        return SeededRandom.create(seed, stream);
    }

    /** A {@link SplittableRandom} split from the run's seed, for the test's own random choices. */
    public SplittableRandom split() {
        return random.split();
    }

    EventQueue queue() {
        return queue;
    }

    /**
     * Opens a connection now: creates both engines with the current virtual time, joins them with
     * links shaped by {@code plan}, schedules the plan's disruption, starts both applications and
     * pumps both endpoints (so the identification lines leave at once).
     */
    public <C extends SansIoEngine, S extends SansIoEngine> SimConnection<C, S> connect(
            EngineFactory<C> clientFactory, SimApplication<C> clientApp,
            EngineFactory<S> serverFactory, SimApplication<S> serverApp, FaultPlan plan) {
        int id = connections.size();
        long now = clock.now();
        SimLink c2s = new SimLink(this, id, Direction.CLIENT_TO_SERVER, plan.clientToServer(), random.split(), now);
        SimLink s2c = new SimLink(this, id, Direction.SERVER_TO_CLIENT, plan.serverToClient(), random.split(), now);
        SimConnection<C, S> conn = new SimConnection<>(this, id, plan, c2s, s2c);
        SimEndpoint<C> client = new SimEndpoint<>(this, "client#" + id, clientFactory.create(now), clientApp, s2c, c2s);
        SimEndpoint<S> server = new SimEndpoint<>(this, "server#" + id, serverFactory.create(now), serverApp, c2s, s2c);
        conn.attach(client, server);
        connections.add(conn);
        if (!healed) {
            conn.scheduleDisruption();
        }
        client.start();
        server.start();
        return conn;
    }

    /** Schedules {@code action} {@code delayNanos} of virtual time from now. */
    public void schedule(long delayNanos, Runnable action) {
        queue.scheduleAfter(delayNanos, action);
    }

    void requestPump(SimEndpoint<?> endpoint) {
        if (endpoint != null) {
            endpoint.requestPump();
        }
    }

    /**
     * Runs scheduled actions until {@code done} holds, virtual time passes {@code forNanos} from
     * now (the clock then reads that time), or nothing is left to do. Any assertion or exception from an engine, an invariant check
     * or an application surfaces as a {@link SimulationFailure} naming the seed.
     *
     * @return whether {@code done} holds
     */
    public boolean runUntil(BooleanSupplier done, long forNanos) {
        long end = clock.now() + forNanos;
        long actions = 0;
        try {
            while (!done.getAsBoolean()) {
                if (queue.isEmpty() || queue.nextTime() - end > 0) {
                    clock.advanceTo(end);
                    return false;
                }
                if (++actions > MAX_ACTIONS_PER_RUN) {
                    throw new AssertionError("no end after " + MAX_ACTIONS_PER_RUN + " actions: livelock");
                }
                queue.runNext();
            }
            return true;
        } catch (SimulationFailure f) {
            throw f;
        } catch (AssertionError | RuntimeException e) {
            throw new SimulationFailure(seed, elapsed(), e);
        }
    }

    /** Runs every action scheduled within the next {@code nanos} of virtual time; the clock then reads now + nanos. */
    public void runFor(long nanos) {
        runUntil(() -> false, nanos);
    }

    /**
     * Turns the faults off for a final phase that requires progress: stalls, partial writes,
     * fragmented reads, jitter and pending disruptions end on every connection, present and future.
     * Latency and bandwidth stay: they are the network, not faults.
     */
    public void heal() {
        healed = true;
        for (SimConnection<?, ?> c : connections) {
            c.heal();
        }
    }

    /** Whether {@link #heal} was called. */
    public boolean healed() {
        return healed;
    }

    /** The connections opened so far. */
    public List<SimConnection<?, ?>> connections() {
        return List.copyOf(connections);
    }

    /** How many scheduled actions have run. */
    public long actionsRun() {
        return queue.executed();
    }
}
