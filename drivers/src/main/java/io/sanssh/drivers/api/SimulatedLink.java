package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.sim.SimApplication;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.drivers.sim.SimLoop;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link Link} over one endpoint of a simulated connection run by a {@link SimLoop}; it is also
 * that endpoint's {@link SimApplication}.
 */
final class SimulatedLink extends LoopLink implements SimApplication<SshConnection> {
    private static final DisconnectCause LOST = new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST,
            DisconnectReason.CONNECTION_LOST.code(), "the simulated socket closed");

    private final SimLoop loop;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private volatile SimEndpoint<SshConnection> endpoint;

    /** @param name the endpoint's stand-in address, e.g. "client" */
    SimulatedLink(SimLoop loop, String name) {
        this.loop = loop;
        opened(InetSocketAddress.createUnresolved("sim-" + name, 22));
    }

    @Override
    public void onStart(SimEndpoint<SshConnection> e) {
        endpoint = e;
    }

    @Override
    public void onEvent(SimEndpoint<SshConnection> e, SshEvent event) {
        event(event);
    }

    @Override
    public void onClosed(SimEndpoint<SshConnection> e) {
        DisconnectCause c = e.disconnectCause();
        closed(c != null ? c : LOST);
        closedFuture.complete(null);
    }

    @Override
    boolean inLoop() {
        return loop.inLoop();
    }

    @Override
    void onLoop(Runnable task) {
        loop.execute(task);
    }

    @Override
    SshConnection engine() {
        return endpoint.engine();
    }

    @Override
    long now() {
        return endpoint.now(); // LoopLink asks on the loop thread only
    }

    @Override
    <T> CompletableFuture<T> submit(Function<SshConnection, T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (endpoint.isClosed()) {
                f.completeExceptionally(new SshDisconnectedException("submitting an action",
                        disconnectCause() != null ? disconnectCause() : LOST));
                return;
            }
            try {
                endpoint.act(e -> f.complete(action.apply(e)));
            } catch (RuntimeException | Error t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    @Override
    void close(String description) {
        loop.execute(() -> {
            if (!endpoint.isClosed() && !endpoint.engine().isClosed()) {
                endpoint.act(e -> e.disconnect(DisconnectReason.BY_APPLICATION, description));
            }
        });
        if (!inLoop()) {
            // the endpoint lingers up to SimEndpoint.LINGER_NANOS of virtual time for the peer's FIN
            closedFuture.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }
}
