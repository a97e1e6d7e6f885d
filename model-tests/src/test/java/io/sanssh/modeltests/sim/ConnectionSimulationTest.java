package io.sanssh.modeltests.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.sim.FaultPlan;
import io.sanssh.drivers.sim.SimConnection;
import io.sanssh.drivers.sim.SimNetwork;
import io.sanssh.drivers.sim.SimulationFailure;
import io.sanssh.engine.Role;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.sim.Disruptions.Outcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of whole SshConnections (transport, user authentication, connection
 * layer) on the in-memory driver, {@code -Dsanssh.sim.seeds} seeds (default 500). Each seed draws
 * a fault mix (latency, jitter, bandwidth, partial writes, in a tenth of the seeds 1-byte
 * transmits, fragmented reads, stalls, and in some a reset or a bit flip), channels that open,
 * carry bytes both ways, half-close and close, keepalive@openssh.com requests with want_reply and
 * rekeys from either side, and in some seeds the server's (or client's) own keep-alive probes.
 * Then the network heals and progress is required: rekeys done, keep-alives answered, held queue
 * empty, blocked writers woken, every channel byte delivered intact, every channel closed. A
 * failure message starts with its seed.
 */
class ConnectionSimulationTest {
    private static final long FAULT_WINDOW = 2_000_000_000L;
    private static final FaultPlan.Odds ODDS = new FaultPlan.Odds(FAULT_WINDOW, 0.08, 0.04, 0.0);
    private static final SshKeyPair HOST_KEY = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom(new byte[] {11}));

    @Test
    void connectionsHealAndFinishEveryChannelOrEndCleanly() {
        int seeds = Integer.getInteger("sanssh.sim.seeds", 500);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        long[] totals = new long[6];
        long start = System.nanoTime();
        for (long seed = 1; seed <= seeds; seed++) {
            Run run = new Run(seed);
            outcomes.merge(run.check(), 1, Integer::sum);
            totals[0] += run.clientApp.opened;
            totals[1] += run.clientApp.keepAlivesAnswered + run.serverApp.keepAlivesAnswered;
            totals[2] += Math.max(0, run.conn.client().keyExchanges() - 1);
            totals[3] += run.oneByte ? 1 : 0;
            totals[4] += run.probes ? 1 : 0;
            totals[5] += run.bytes();
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        System.out.printf("ConnectionSimulationTest: %d seeds in %.1f s (%.0f seeds/minute): %s; channels %d,"
                + " keep-alive replies %d, rekeys %d, seeds with 1-byte transmits %d, with keep-alive probes %d,"
                + " channel bytes %d%n", seeds, minutes * 60, seeds / minutes, outcomes, totals[0], totals[1],
                totals[2], totals[3], totals[4], totals[5]);
        assertEquals(0, outcomes.getOrDefault(Outcome.OTHER, 0), outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.DELIVERED, 0) > seeds / 2, outcomes.toString());
    }

    private static final class Run {
        final long seed;
        final SimNetwork net;
        final FaultPlan plan;
        final ChannelTrafficApp clientApp;
        final ChannelTrafficApp serverApp;
        final SimConnection<SshConnection, SshConnection> conn;
        final boolean oneByte;
        final boolean probes;

        Run(long seed) {
            this.seed = seed;
            net = new SimNetwork(seed, false);
            SplittableRandom r = net.split();
            FaultPlan drawn = FaultPlan.random(r, ODDS);
            oneByte = r.nextInt(10) == 0;
            plan = oneByte ? new FaultPlan(oneByteWrites(drawn.clientToServer()), oneByteWrites(drawn.serverToClient()),
                    drawn.disruption()) : drawn;
            String[] ciphers = {"aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr"};
            String cipher = ciphers[r.nextInt(ciphers.length)];
            long[] windows = {16 * 1024, 64 * 1024, 2L << 20};
            long window = windows[r.nextInt(windows.length)];
            probes = r.nextBoolean();
            ConnectionConfig quiet = ConnectionConfig.builder().initialWindow(window).build();
            ConnectionConfig probing = quiet.toBuilder().keepAliveInterval(Duration.ofMillis(100 + r.nextInt(400)))
                    .keepAliveMaxMissed(1000).build();
            boolean serverProbes = probes && r.nextBoolean();
            TransportConfig ct = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                    .kexAlgorithms(List.of("curve25519-sha256")).ciphers(List.of(cipher)).build();
            TransportConfig st = TransportConfig.builder().hostKeys(List.of(HOST_KEY))
                    .kexAlgorithms(List.of("curve25519-sha256")).ciphers(List.of(cipher))
                    .hostKeyAlgorithms(List.of("ssh-ed25519")).build();
            ServerAuthConfig auth = ServerAuthConfig.builder()
                    .password((user, pw, ctx) -> "sim".equals(user) && "sim-password".equals(pw)
                            ? PasswordVerdict.accept() : PasswordVerdict.reject())
                    .build();
            int channels = 1 + r.nextInt(4);
            // 1-byte transmits cost one simulated write per byte: those seeds carry less
            int most = oneByte ? 12_000 : 48_000;
            clientApp = new ChannelTrafficApp(Role.CLIENT, r.split(), FAULT_WINDOW, sizes(r, channels, most));
            serverApp = new ChannelTrafficApp(Role.SERVER, r.split(), FAULT_WINDOW, sizes(r, channels, most));
            SshClientConfig cc = new SshClientConfig(ct, probes && !serverProbes ? probing : quiet, false);
            SshServerConfig sc = new SshServerConfig(st, auth, serverProbes ? probing : quiet);
            conn = net.connect(now -> SshConnection.client(cc, net.drbg(1), now), clientApp,
                    now -> SshConnection.server(sc, net.drbg(2), now), serverApp, plan);
        }

        private static FaultPlan.Path oneByteWrites(FaultPlan.Path p) {
            return new FaultPlan.Path(p.latencyNanos(), p.jitterNanos(), p.bytesPerSecond(), p.bufferBytes(), 1,
                    p.maxReadFragment(), p.stalls());
        }

        private static List<Long> sizes(SplittableRandom r, int n, int most) {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(r.nextInt(5) == 0 ? 0L : (long) r.nextInt(most));
            }
            return out;
        }

        long bytes() {
            return clientApp.streams.values().stream().mapToLong(s -> s.received).sum()
                    + serverApp.streams.values().stream().mapToLong(s -> s.received).sum();
        }

        boolean settled() {
            SshConnection c = conn.client().engine();
            SshConnection s = conn.server().engine();
            return clientApp.done(serverApp) && serverApp.done(clientApp)
                    && !c.transport().kexActive() && !s.transport().kexActive()
                    && c.transport().keyExchangeCount() == s.transport().keyExchangeCount()
                    && c.channels().missedKeepAlives() == 0 && s.channels().missedKeepAlives() == 0
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
                assertNull(conn.client().disconnectCause(), "client still connected");
                assertNull(conn.server().disconnectCause(), "server still connected");
                assertTrue(settled, "progress after healing: " + conn + ", client streams " + describe(clientApp)
                        + windows(conn.client().engine(), clientApp) + ", server streams " + describe(serverApp)
                        + windows(conn.server().engine(), serverApp));
                SshConnection c = conn.client().engine();
                SshConnection s = conn.server().engine();
                assertEquals(0, c.transport().outbound().heldCount(), "no held messages left (client)");
                assertEquals(0, s.transport().outbound().heldCount(), "no held messages left (server)");
                assertEquals(0, clientApp.waitingWriters() + serverApp.waitingWriters(), "every blocked writer woken");
                assertFalse(c.isClosed() || s.isClosed());
                assertEquals(c.transport().keyExchangeCount(), conn.client().keyExchanges(), "KeyExchangeCompleted per KEX");
            });
            return Outcome.DELIVERED;
        }

        private static String windows(SshConnection c, ChannelTrafficApp app) {
            StringBuilder sb = new StringBuilder(" [backlog " + c.transport().outbound().backlog() + ", kex "
                    + c.transport().kexActive() + ", blocked " + c.channels().blockedWriters());
            app.streams.forEach((id, s) -> {
                if (!s.closed) {
                    sb.append(", #").append(s.k).append(" state ").append(c.channels().channelState(id))
                            .append(" peerWindow ").append(c.channels().peerWindow(id)).append(" localWindow ")
                            .append(c.channels().localWindow(id)).append(" credit ").append(c.channels().credit(id));
                }
            });
            return sb.append(']').toString();
        }

        private static String describe(ChannelTrafficApp app) {
            StringBuilder sb = new StringBuilder("opened " + app.opened + "/" + app.sizes.size() + ", keep-alives "
                    + app.keepAlivesAnswered + "/" + app.keepAlivesSent);
            app.streams.forEach((id, s) -> sb.append(", #").append(s.k).append(" sent ").append(s.sent).append('/')
                    .append(s.toSend).append(" recv ").append(s.received).append(s.waiting ? " waiting" : "")
                    .append(s.eofReceived ? " eof" : "").append(s.closed ? " closed" : ""));
            return sb.toString();
        }
    }
}
