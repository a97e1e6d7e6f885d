package io.sanssh.modeltests.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimApplication;
import io.sanssh.drivers.sim.SimConnection;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.drivers.sim.SimulationFailure;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.modeltests.sim.Disruptions.Outcome;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation over {@code -Dsanssh.sim.seeds} seeds (default 500) on the in-memory
 * driver: each seed draws a fault plan (latency, partial writes, stalls, fragmented reads), traffic
 * both ways, rekeys from either side, and in some seeds a bit flip or a reset; then the network
 * heals and progress is required. A failure message starts with its seed.
 */
class SimulationSeedsTest {
    private static final long FAULT_WINDOW = 2_000_000_000L;
    private static final FaultPlan.Odds ODDS = new FaultPlan.Odds(FAULT_WINDOW, 0.10, 0.05, 0.0);
    private static final SshKeyPair HOST_KEY = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom(new byte[] {7}));

    @Test
    void seedsDeliverInOrderAfterHealingOrEndWithMacError() {
        int seeds = Integer.getInteger("sanssh.sim.seeds", 500);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        long rekeys = 0;
        long start = System.nanoTime();
        for (long seed = 1; seed <= seeds; seed++) {
            Run run = new Run(seed);
            outcomes.merge(run.check(), 1, Integer::sum);
            rekeys += Math.max(0, run.conn.client().engine().keyExchangeCount() - 1);
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        System.out.printf("SimulationSeedsTest: %d seeds in %.1f s (%.0f seeds/minute): %s, rekeys %d%n",
                seeds, minutes * 60, seeds / minutes, outcomes, rekeys);
        assertEquals(0, outcomes.getOrDefault(Outcome.OTHER, 0), outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.DELIVERED, 0) > seeds / 2, outcomes.toString());
    }

    /** Keeps every message delivered to the layer above a transport. */
    private static final class Received implements TransportListener {
        final List<byte[]> messages = new ArrayList<>();

        @Override
        public void onMessage(byte[] payload, int off, int len, boolean owned) {
            messages.add(Arrays.copyOfRange(payload, off, off + len));
        }
    }

    /** Sends numbered random payloads at random times while talking, and asks for rekeys. */
    private static final class Traffic implements SimApplication<Transport> {
        final SplittableRandom r;
        final Run run;
        final List<Long> rekeyAt = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();

        Traffic(SplittableRandom r, Run run) {
            this.r = r;
            this.run = run;
            for (int i = r.nextInt(3); i > 0; i--) {
                rekeyAt.add(r.nextLong(FAULT_WINDOW));
            }
        }

        @Override
        public void onStart(SimEndpoint<Transport> endpoint) {
            endpoint.schedule(r.nextLong(20_000_000L), this::tick);
            for (long t : rekeyAt) {
                endpoint.schedule(t, e -> {
                    if (e.engine().isReady()) {
                        e.engine().requestRekey();
                    }
                });
            }
        }

        private void tick(SimEndpoint<Transport> endpoint) {
            Transport t = endpoint.engine();
            if (t.isClosed() || !run.talking()) {
                return;
            }
            if (t.isReady() && !t.kexActive() && t.outbound().backlog() < 64 * 1024) {
                byte[] p = new byte[5 + r.nextInt(2048)];
                r.nextBytes(p);
                p[0] = (byte) 200; // a local-use message number, passed up by the transport
                p[1] = (byte) (sent.size() >>> 24);
                p[2] = (byte) (sent.size() >>> 16);
                p[3] = (byte) (sent.size() >>> 8);
                p[4] = (byte) sent.size();
                t.sendPayload(p, Origin.APPLICATION);
                sent.add(p);
            }
            endpoint.schedule(1 + r.nextLong(20_000_000L), this::tick);
        }

        @Override
        public void onEvent(SimEndpoint<Transport> endpoint, SshEvent event) {
        }
    }

    private static final class Run {
        final long seed;
        final SimNetwork net;
        final FaultPlan plan;
        final Received atClient = new Received();
        final Received atServer = new Received();
        final Traffic clientApp;
        final Traffic serverApp;
        final SimConnection<Transport, Transport> conn;

        Run(long seed) {
            this.seed = seed;
            net = new SimNetwork(seed, false);
            SplittableRandom r = net.split();
            plan = FaultPlan.random(r, ODDS);
            String kex = r.nextInt(10) == 0 ? "ecdh-sha2-nistp256" : "curve25519-sha256";
            String[] ciphers = {"aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr"};
            String cipher = ciphers[r.nextInt(ciphers.length)];
            long rekeyBytes = r.nextInt(4) == 0 ? 64 * 1024 : 1L << 30;
            TransportConfig cc = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                    .kexAlgorithms(List.of(kex)).ciphers(List.of(cipher)).rekeyBytes(rekeyBytes).build();
            TransportConfig sc = TransportConfig.builder().hostKeys(List.of(HOST_KEY)).kexAlgorithms(List.of(kex))
                    .ciphers(List.of(cipher)).hostKeyAlgorithms(List.of("ssh-ed25519")).build();
            clientApp = new Traffic(r.split(), this);
            serverApp = new Traffic(r.split(), this);
            conn = net.connect(now -> new Transport(Role.CLIENT, cc, net.drbg(1), atClient, now), clientApp,
                    now -> new Transport(Role.SERVER, sc, net.drbg(2), atServer, now), serverApp, plan);
        }

        boolean talking() {
            if (net.elapsed() < FAULT_WINDOW) {
                return true;
            }
            return plan.disruption() instanceof FaultPlan.BitFlip f && !conn.link(f.direction()).flipped()
                    && net.elapsed() < FAULT_WINDOW * 20;
        }

        boolean settled() {
            Transport c = conn.client().engine();
            Transport s = conn.server().engine();
            return atServer.messages.size() == clientApp.sent.size() && atClient.messages.size() == serverApp.sent.size()
                    && !c.kexActive() && !s.kexActive() && c.keyExchangeCount() == s.keyExchangeCount()
                    && !c.wantsWrite() && !s.wantsWrite();
        }

        Outcome check() {
            Outcome ended = Disruptions.runToEnd(seed, net, conn, plan, FAULT_WINDOW * 40);
            if (ended != null) {
                return ended;
            }
            net.runFor(FAULT_WINDOW);
            net.heal();
            boolean settled = net.runUntil(this::settled, 600_000_000_000L);
            SimulationFailure.check(seed, () -> {
                assertTrue(settled, "progress after healing: " + conn);
                assertDelivered(clientApp.sent, atServer.messages, "client to server");
                assertDelivered(serverApp.sent, atClient.messages, "server to client");
                assertNull(conn.client().disconnectCause(), "client still connected");
                assertNull(conn.server().disconnectCause(), "server still connected");
                Transport c = conn.client().engine();
                assertTrue(c.keyExchangeCount() >= 1, "the first key exchange completed");
                assertEquals(c.keyExchangeCount(), conn.client().keyExchanges(), "one KeyExchangeCompleted per KEX");
                assertEquals(c.keyExchangeCount(), conn.server().keyExchanges(), "one KeyExchangeCompleted per KEX");
                assertEquals(0, c.outbound().heldCount(), "no held messages left (client)");
                assertEquals(0, conn.server().engine().outbound().heldCount(), "no held messages left (server)");
            });
            return Outcome.DELIVERED;
        }
    }

    private static void assertDelivered(List<byte[]> sent, List<byte[]> got, String what) {
        assertEquals(sent.size(), got.size(), what + ": count");
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i), what + ": message " + i + " intact and in order");
        }
    }
}
