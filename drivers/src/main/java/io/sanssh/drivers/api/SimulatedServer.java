package io.sanssh.drivers.api;

import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimLoop;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link SshServer}'s behaviour on the in-memory driver: clients reach it over a simulated
 * network ({@link SimNetwork} run by a {@link SimLoop}, in virtual time) instead of TCP. The
 * sessions it hands out are ordinary {@link SshSession}s, so code and tests written for a socket
 * run unchanged over the simulator, with its fault plans.
 */
public final class SimulatedServer implements AutoCloseable {
    private final ServerOptions options;
    private final SimLoop loop;
    private final SshServerConfig config;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();

    private SimulatedServer(ServerOptions options, SimLoop loop, SshServerConfig config) {
        this.options = options;
        this.loop = loop;
        this.config = config;
    }

    /**
     * A server with {@code options} (host keys from {@link ServerOptions#hostKeys()}; the listen
     * address and driver are ignored) on {@code loop}'s network.
     *
     * @throws IllegalArgumentException if no host key is given
     */
    public static SimulatedServer start(ServerOptions options, SimLoop loop) {
        if (options.hostKeys().isEmpty()) {
            throw new IllegalArgumentException("no host key: set hostKeys");
        }
        List<SshKeyPair> keys = new ArrayList<>(options.hostKeys());
        return new SimulatedServer(options, loop, SshServer.config(options, keys));
    }

    /**
     * Opens a simulated connection shaped by {@code plan} and returns the client's session once
     * the host key is verified, as {@link SshClient#connect} does; the client's engine gets
     * {@code options} (its driver settings are ignored).
     */
    public SshSession connect(ClientOptions options, FaultPlan plan) throws IOException {
        KnownHostsVerifier verifier = new KnownHostsVerifier("sim", 22, options.knownHostsFile(),
                options.strictHostKeyChecking(), options.trustedHostKeys(), options.hashKnownHosts(), options.random());
        SshClientConfig clientConfig = SshClient.config(options, verifier);
        SimulatedLink client = new SimulatedLink(loop, "client");
        SimulatedLink server = new SimulatedLink(loop, "server");
        ServerConnection[] self = new ServerConnection[1];
        self[0] = new ServerConnection(server, this.options, () -> connections.remove(self[0]));
        connections.add(self[0]);
        CompletableFuture<Void> up = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                SimNetwork net = loop.network();
                net.connect(now -> SshConnection.client(clientConfig, options.random(), now), client,
                        now -> SshConnection.server(SshServer.forClient(config,
                                InetSocketAddress.createUnresolved("sim-client", 0)), this.options.random(), now),
                        server, plan);
                self[0].start("sim");
                up.complete(null);
            } catch (RuntimeException | Error e) {
                up.completeExceptionally(e);
            }
        });
        up.join();
        SshSession session = new SshSession(client, options, verifier);
        try {
            session.start("sim");
            return session;
        } catch (IOException | RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** {@link ServerConnection#packetsReceived()} summed over the open connections (for tests). */
    long packetsReceived() {
        return ServerConnection.packetsReceived(connections);
    }

    /** Ends every connection (DISCONNECT BY_APPLICATION); bounded, idempotent. The loop stays the caller's. */
    @Override
    public void close() {
        for (ServerConnection c : List.copyOf(connections)) {
            c.close();
        }
    }
}
