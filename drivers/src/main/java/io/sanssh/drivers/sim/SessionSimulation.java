package io.sanssh.drivers.sim;

import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole SSH sessions in the deterministic simulator: {@code connections} pairs of client and server
 * {@link SshConnection} engines (key exchange, password authentication, a session channel running
 * an echo "exec", data both ways with a rekey half-way, EOF, exit status, close, DISCONNECT) on one
 * {@link SimNetwork}. Everything is drawn from the seed: network shape, payloads, timings, engine
 * randomness and the host key, so one seed always gives the same transcript digest.
 *
 * <p>With faults, each connection's {@link FaultPlan} may also hold a bit flip, a reset or a
 * half-close within the fault window; then the network heals and every connection must end: either
 * with the whole exchange done, or cleanly on its disruption (a bit flip with MAC_ERROR at the
 * receiver, a reset or half-close with a lost connection on both ends). Anything else (an engine
 * exception, a wrong echo, a connection that never ends) fails the run.
 */
public final class SessionSimulation {
    /** Virtual time during which faults may strike. */
    public static final long FAULT_WINDOW_NANOS = 2_000_000_000L;
    private static final long SETTLE_NANOS = 600_000_000_000L;
    private static final FaultPlan.Odds FAULTS = new FaultPlan.Odds(FAULT_WINDOW_NANOS, 0.2, 0.1, 0.1);
    private static final FaultPlan.Odds NO_FAULTS = new FaultPlan.Odds(FAULT_WINDOW_NANOS, 0, 0, 0);

    /** How a connection ended. */
    public enum Outcome { COMPLETED, MAC_ERROR, RESET, HALF_CLOSE, FAILED }

    /**
     * One connection's result.
     *
     * @param outcome how it ended
     * @param bytesEachWay bytes the client sent (and, when completed, got back)
     * @param keyExchanges key exchanges the client completed
     * @param detail what went wrong, for {@link Outcome#FAILED}; otherwise a short note
     */
    public record ConnectionResult(Outcome outcome, long bytesEachWay, int keyExchanges, String detail) {
    }

    /**
     * The run's result.
     *
     * @param seed the seed
     * @param digest SHA-256 of the whole transcript (every byte each way, with virtual times)
     * @param transcriptBytes bytes carried in all
     * @param virtualMillis virtual time the run took
     * @param connections per connection, in order
     * @param failure a simulator failure (engine exception, invariant), or {@code null}
     */
    public record Result(long seed, String digest, long transcriptBytes, long virtualMillis,
                         List<ConnectionResult> connections, String failure) {
        /** Whether every connection completed or ended cleanly on its own disruption. */
        public boolean passed() {
            return failure == null && connections.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
        }
    }

    private SessionSimulation() {
    }

    /**
     * Runs the simulation to its end and returns what happened; never throws for a failing run.
     *
     * @param seed drives every choice
     * @param connections how many connections (opened 10 ms of virtual time apart)
     * @param steps payloads each client sends
     * @param faults whether disruptions (bit flips, resets, half-closes) are drawn
     */
    public static Result run(long seed, int connections, int steps, boolean faults) {
        if (connections < 1 || steps < 1) {
            throw new IllegalArgumentException("connections and steps must be positive");
        }
        SimNetwork net = new SimNetwork(seed, false);
        SplittableRandom r = net.split();
        SshKeyPair hostKey = KeyPairs.generate(PublicKeys.ED25519, 0, net.drbg(0));
        List<SimConnection<SshConnection, SshConnection>> conns = new ArrayList<>();
        List<SimSessionClient> clients = new ArrayList<>();
        String failure = null;
        try {
            for (int i = 0; i < connections; i++) {
                FaultPlan plan = FaultPlan.random(r, faults ? FAULTS : NO_FAULTS);
                SimSessionClient client = new SimSessionClient(r.split(), steps);
                clients.add(client);
                long stream = 2L * i + 1;
                conns.add(net.connect(now -> SshConnection.client(clientConfig(hostKey), net.drbg(stream), now), client,
                        now -> SshConnection.server(serverConfig(hostKey), net.drbg(stream + 1), now),
                        new SimSessionServer(), plan));
                net.runFor(10_000_000L);
            }
            net.runFor(FAULT_WINDOW_NANOS);
            net.heal();
            net.runUntil(() -> conns.stream().allMatch(SimConnection::isClosed), SETTLE_NANOS);
        } catch (SimulationFailure f) {
            failure = f.getMessage();
        }
        List<ConnectionResult> results = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            results.add(judge(conns.get(i), clients.get(i)));
        }
        return new Result(seed, net.transcript().digest(), net.transcript().byteCount(), net.elapsed() / 1_000_000,
                results, failure);
    }

    private static SshClientConfig clientConfig(SshKeyPair hostKey) {
        HostKeyVerifier pinned = (key, algorithm) -> key.equals(hostKey.publicKey())
                ? HostKeyVerifier.Decision.ACCEPT : HostKeyVerifier.Decision.REJECT;
        return new SshClientConfig(TransportConfig.builder().hostKeyVerifier(pinned).build(),
                ConnectionConfig.defaults(), false);
    }

    private static SshServerConfig serverConfig(SshKeyPair hostKey) {
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password((user, password, context) -> SimSessionClient.USER.equals(user)
                        && SimSessionClient.PASSWORD.equals(password) ? PasswordVerdict.accept() : PasswordVerdict.reject())
                .build();
        return new SshServerConfig(TransportConfig.builder().hostKeys(List.of(hostKey)).build(), auth,
                ConnectionConfig.defaults());
    }

    private static ConnectionResult judge(SimConnection<SshConnection, SshConnection> conn, SimSessionClient client) {
        int kex = conn.client().keyExchanges();
        long bytes = client.bytesSent();
        if (!conn.isClosed()) {
            return new ConnectionResult(Outcome.FAILED, bytes, kex, "connection #" + conn.id() + " never ended: " + conn);
        }
        DisconnectCause atClient = conn.client().disconnectCause();
        DisconnectCause atServer = conn.server().disconnectCause();
        if (client.completed()) {
            boolean clean = atClient != null && atClient.origin() == DisconnectCause.Origin.LOCAL_REQUEST
                    && atServer != null && atServer.origin() == DisconnectCause.Origin.PEER_DISCONNECTED;
            if (clean && kex >= 2) {
                return new ConnectionResult(Outcome.COMPLETED, bytes, kex, "echoed " + bytes + " bytes");
            }
            if (clean || conn.plan().disruption() instanceof FaultPlan.None) {
                return new ConnectionResult(Outcome.FAILED, bytes, kex, "connection #" + conn.id()
                        + " completed but ended with " + atClient + " / " + atServer + " after " + kex + " key exchanges");
            }
        }
        FaultPlan.Disruption d = conn.plan().disruption();
        if (d instanceof FaultPlan.BitFlip f && conn.link(f.direction()).flipped()) {
            DisconnectCause atReceiver = f.direction() == Direction.CLIENT_TO_SERVER ? atServer : atClient;
            if (atReceiver != null && atReceiver.origin() == DisconnectCause.Origin.PEER_FAULT
                    && atReceiver.reason() == DisconnectReason.MAC_ERROR) {
                return new ConnectionResult(Outcome.MAC_ERROR, bytes, kex, "bit flip " + f.direction());
            }
        } else if (d instanceof FaultPlan.Reset || d instanceof FaultPlan.HalfClose) {
            if (lost(atClient) || lost(atServer)) {
                return new ConnectionResult(d instanceof FaultPlan.Reset ? Outcome.RESET : Outcome.HALF_CLOSE, bytes,
                        kex, d.toString());
            }
        }
        return new ConnectionResult(Outcome.FAILED, bytes, kex, "connection #" + conn.id() + " (" + d + ") ended with "
                + atClient + " / " + atServer + ", steps " + client.stepsDone() + ", echoed "
                + client.bytesReceived() + "/" + bytes);
    }

    private static boolean lost(DisconnectCause c) {
        return c != null && c.origin() == DisconnectCause.Origin.CONNECTION_LOST;
    }
}
