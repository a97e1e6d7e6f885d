package io.sanssh.drivers.sim;

import io.sanssh.engine.SansIoEngine;

/**
 * A simulated TCP connection: a client endpoint and a server endpoint joined by two {@link SimLink}s,
 * one per direction, shaped by a {@link FaultPlan}. Created by {@link SimNetwork#connect}; the plan's
 * disruption is scheduled then. Faults can also be injected by hand with {@link #reset} and
 * {@link #halfClose}.
 *
 * @param <C> the client's engine type
 * @param <S> the server's engine type
 */
public final class SimConnection<C extends SansIoEngine, S extends SansIoEngine> {
    private final SimNetwork net;
    private final int id;
    private final FaultPlan plan;
    private final SimLink clientToServer;
    private final SimLink serverToClient;
    private SimEndpoint<C> client;
    private SimEndpoint<S> server;

    SimConnection(SimNetwork net, int id, FaultPlan plan, SimLink clientToServer, SimLink serverToClient) {
        this.net = net;
        this.id = id;
        this.plan = plan;
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
    }

    void attach(SimEndpoint<C> c, SimEndpoint<S> s) {
        this.client = c;
        this.server = s;
        clientToServer.attach(c, s);
        serverToClient.attach(s, c);
    }

    /** Schedules the plan's disruption, relative to now. */
    void scheduleDisruption() {
        FaultPlan.Disruption d = plan.disruption();
        if (d instanceof FaultPlan.BitFlip f) {
            link(f.direction()).armFlip(f);
        } else if (d instanceof FaultPlan.Reset r) {
            net.queue().scheduleAfter(r.atNanos(), () -> {
                if (!net.healed()) {
                    reset();
                }
            });
        } else if (d instanceof FaultPlan.HalfClose h) {
            net.queue().scheduleAfter(h.atNanos(), () -> {
                if (!net.healed()) {
                    halfClose(h.direction());
                }
            });
        }
    }

    /** The connection's number in its network (as in the transcript). */
    public int id() {
        return id;
    }

    /** The plan it was created with. */
    public FaultPlan plan() {
        return plan;
    }

    /** The client end. */
    public SimEndpoint<C> client() {
        return client;
    }

    /** The server end. */
    public SimEndpoint<S> server() {
        return server;
    }

    /** The link of {@code d}. */
    public SimLink link(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    /** Whether both endpoints' sockets are closed. */
    public boolean isClosed() {
        return client.isClosed() && server.isClosed();
    }

    /**
     * Resets the connection now: bytes in flight vanish and both engines get
     * {@link SansIoEngine#connectionLost} at once, as with a TCP RST seen by both ends.
     */
    public void reset() {
        clientToServer.reset();
        serverToClient.reset();
        client.reset();
        server.reset();
    }

    /**
     * Ends direction {@code d} now, as a FIN: its receiver reads end of stream after the bytes in
     * flight, and its sender can write no more.
     */
    public void halfClose(Direction d) {
        link(d).shutdown();
    }

    void heal() {
        clientToServer.heal();
        serverToClient.heal();
    }

    @Override
    public String toString() {
        return "connection #" + id + " " + client + " / " + server;
    }
}
