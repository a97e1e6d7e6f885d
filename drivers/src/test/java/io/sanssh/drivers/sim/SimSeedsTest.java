package io.sanssh.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation over many seeds (DESIGN.md, "Testing layers"): each seed draws a fault
 * plan (latency, bandwidth, small windows, partial writes, fragmented reads, stalls), algorithms,
 * rekeys from either side and by volume, and in some seeds a bit flip, a reset or a half-close.
 * Then the network heals and progress is required. A failure names its seed.
 */
class SimSeedsTest {
    private static final int SEEDS = 200;
    private static final long FAULT_WINDOW = 4_000_000_000L;
    private static final FaultPlan.Odds ODDS = new FaultPlan.Odds(FAULT_WINDOW, 0.15, 0.07, 0.07);

    private enum Outcome { DELIVERED, MAC_ERROR, RESET, HALF_CLOSE }

    @Test
    void everySeedDeliversEverythingAfterHealingOrEndsCleanlyOnItsDisruption() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int rekeys = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            SimRun run = new SimRun(seed, false, ODDS, FAULT_WINDOW);
            Outcome o = runOne(run);
            outcomes.merge(o, 1, Integer::sum);
            rekeys += Math.max(0, run.client().keyExchangeCount() - 1);
        }
        System.out.println("simulated " + SEEDS + " seeds: " + outcomes + ", rekeys " + rekeys);
        assertEquals(SEEDS, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(outcomes.getOrDefault(Outcome.DELIVERED, 0) > SEEDS / 2, outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.MAC_ERROR, 0) > 5, outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.RESET, 0) > 2, outcomes.toString());
        assertTrue(outcomes.getOrDefault(Outcome.HALF_CLOSE, 0) > 2, outcomes.toString());
        assertTrue(rekeys > SEEDS, "rekeys completed in all: " + rekeys);
    }

    static Outcome runOne(SimRun run) {
        FaultPlan.Disruption d = run.plan.disruption();
        SimNetwork net = run.net;
        if (d instanceof FaultPlan.BitFlip f) {
            boolean ended = net.runUntil(run.conn::isClosed, FAULT_WINDOW * 40);
            SimulationFailure.check(run.seed, () -> {
                assertTrue(ended, "both sides closed after the bit flip: " + run.conn + " " + run.algorithms);
                assertTrue(run.conn.link(f.direction()).flipped(), "the planned bit flip happened");
                SimEndpoint<?> receiver = f.direction() == Direction.CLIENT_TO_SERVER ? run.conn.server()
                        : run.conn.client();
                SimEndpoint<?> sender = f.direction() == Direction.CLIENT_TO_SERVER ? run.conn.client()
                        : run.conn.server();
                DisconnectCause atReceiver = receiver.disconnectCause();
                assertNotNull(atReceiver, receiver.toString());
                assertEquals(DisconnectCause.Origin.PEER_FAULT, atReceiver.origin(), atReceiver.toString());
                assertEquals(DisconnectReason.MAC_ERROR, atReceiver.reason(), atReceiver.toString());
                DisconnectCause atSender = sender.disconnectCause();
                assertNotNull(atSender, sender.toString());
                assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, atSender.origin(),
                        "the sender read the MAC_ERROR DISCONNECT: " + atSender);
                assertEquals(DisconnectReason.MAC_ERROR.code(), atSender.reasonCode(), atSender.toString());
            });
            return Outcome.MAC_ERROR;
        }
        if (d instanceof FaultPlan.Reset || d instanceof FaultPlan.HalfClose) {
            boolean ended = net.runUntil(run.conn::isClosed, FAULT_WINDOW * 40);
            SimulationFailure.check(run.seed, () -> {
                assertTrue(ended, "both sides closed: " + run.conn);
                for (SimEndpoint<?> e : new SimEndpoint<?>[] {run.conn.client(), run.conn.server()}) {
                    DisconnectCause c = e.disconnectCause();
                    assertNotNull(c, e.toString());
                    assertEquals(DisconnectCause.Origin.CONNECTION_LOST, c.origin(), e.toString());
                }
            });
            return d instanceof FaultPlan.Reset ? Outcome.RESET : Outcome.HALF_CLOSE;
        }
        net.runFor(FAULT_WINDOW);
        net.heal();
        boolean settled = net.runUntil(run::settled, 600_000_000_000L);
        SimulationFailure.check(run.seed, () -> {
            assertTrue(settled, "progress after healing: client got " + run.atClient.count() + "/"
                    + run.serverApp.sent().size() + ", server got " + run.atServer.count() + "/"
                    + run.clientApp.sent().size() + "; " + run.conn + "; " + run.algorithms);
            Payloads.assertDelivered(run.clientApp.sent(), run.atServer.messages(), "client to server");
            Payloads.assertDelivered(run.serverApp.sent(), run.atClient.messages(), "server to client");
            assertNull(run.conn.client().disconnectCause(), "client still connected");
            assertNull(run.conn.server().disconnectCause(), "server still connected");
            assertFalse(run.conn.client().isClosed() || run.conn.server().isClosed());
            int kexes = run.client().keyExchangeCount();
            assertEquals(kexes, run.server().keyExchangeCount(), "both sides count the same key exchanges");
            assertEquals(kexes, run.conn.client().keyExchanges(), "one KeyExchangeCompleted per exchange (client)");
            assertEquals(kexes, run.conn.server().keyExchanges(), "one KeyExchangeCompleted per exchange (server)");
            if (run.clientApp.rekeysRequested() + run.serverApp.rekeysRequested() > 0) {
                assertTrue(kexes >= 2, "a requested rekey completed: " + kexes);
            }
        });
        return Outcome.DELIVERED;
    }
}
