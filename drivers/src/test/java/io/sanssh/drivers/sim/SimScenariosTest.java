package io.sanssh.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Single simulator scenarios with fixed plans: one behaviour each. */
class SimScenariosTest {
    private static final long MS = 1_000_000L;

    /** A pair of transports over {@code plan}, with message logs. */
    private static final class Pair {
        final SimNetwork net;
        final MessageLog atClient = new MessageLog();
        final MessageLog atServer = new MessageLog();
        final SimConnection<Transport, Transport> conn;

        Pair(long seed, FaultPlan plan) {
            net = new SimNetwork(seed, false);
            TransportConfig cc = Engines.client().build();
            TransportConfig sc = Engines.server().build();
            conn = net.connect(now -> Engines.transport(Role.CLIENT, cc, net.drbg(1), atClient, now),
                    SimApplication.passive(),
                    now -> Engines.transport(Role.SERVER, sc, net.drbg(2), atServer, now),
                    SimApplication.passive(), plan);
        }

        Transport client() {
            return conn.client().engine();
        }

        Transport server() {
            return conn.server().engine();
        }

        void handshake() {
            assertTrue(net.runUntil(() -> client().isReady() && server().isReady(), 60_000 * MS),
                    "key exchange completes: " + conn);
        }
    }

    @Test
    void twoEnginesCompleteTheKeyExchangeAndEachSeesOneKeyExchangeCompleted() {
        Pair p = new Pair(1, FaultPlan.none());
        p.handshake();
        p.net.runFor(10 * MS);
        for (SimEndpoint<Transport> e : List.of(p.conn.client(), p.conn.server())) {
            assertEquals(1, e.keyExchanges(), e.toString());
            KeyExchangeCompleted k = (KeyExchangeCompleted) e.events().stream()
                    .filter(ev -> ev instanceof KeyExchangeCompleted).findFirst().orElseThrow();
            assertTrue(k.initial() && k.strict());
        }
        // 100 µs each way: version, KEXINIT, reply, NEWKEYS take a few round trips of virtual time
        assertTrue(p.net.elapsed() < 20 * MS, "virtual time used: " + p.net.elapsed());
    }

    @Test
    void manyConnectionsShareOneNetworkAndAllComplete() {
        SimNetwork net = new SimNetwork(2, false);
        List<SimConnection<Transport, Transport>> conns = new ArrayList<>();
        TransportConfig cc = Engines.client().build();
        TransportConfig sc = Engines.server().build();
        for (int i = 0; i < 8; i++) {
            int n = i;
            conns.add(net.connect(now -> Engines.transport(Role.CLIENT, cc, net.drbg(2L * n), new MessageLog(), now),
                    SimApplication.passive(),
                    now -> Engines.transport(Role.SERVER, sc, net.drbg(2L * n + 1), new MessageLog(), now),
                    SimApplication.passive(), FaultPlan.random(net.split(), new FaultPlan.Odds(MS, 0, 0, 0))));
        }
        net.heal();
        assertTrue(net.runUntil(() -> conns.stream().allMatch(c -> c.client().keyExchanges() == 1
                && c.server().keyExchanges() == 1), 600_000 * MS));
    }

    @Test
    void dataQueuedDuringAStallArrivesInOrderOnceTheStallEnds() {
        FaultPlan.Path stalled = new FaultPlan.Path(MS, 0, 10_000_000, 4096, 7, 3,
                List.of(new FaultPlan.Stall(50 * MS, 2_000 * MS)));
        Pair p = new Pair(3, new FaultPlan(stalled, FaultPlan.Path.ideal(MS), new FaultPlan.None()));
        p.handshake();
        p.net.runUntil(() -> false, 60 * MS - p.net.elapsed());
        SplittableRandom r = new SplittableRandom(3);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] m = Payloads.random(r, i, 4000);
            sent.add(m);
            p.conn.client().act(t -> t.sendPayload(m, Origin.APPLICATION));
        }
        p.net.runFor(1_000 * MS);
        assertEquals(0, p.atServer.count(), "nothing crosses a stalled direction");
        assertTrue(p.net.runUntil(() -> p.atServer.count() == sent.size(), 10_000 * MS));
        Payloads.assertDelivered(sent, p.atServer.messages(), "after the stall");
    }

    @Test
    void aFlippedBitEndsInMacErrorAndACleanDisconnectOnBothSides() {
        FaultPlan plan = FaultPlan.none().with(new FaultPlan.BitFlip(Direction.CLIENT_TO_SERVER, 0, 3));
        Pair p = new Pair(4, plan);
        p.handshake();
        p.conn.client().act(t -> t.sendPayload(Payloads.make(new SplittableRandom(1), 0, 100), Origin.APPLICATION));
        boolean closed = p.net.runUntil(p.conn::isClosed, 60_000 * MS);
        assertTrue(closed, p.conn.toString());
        assertTrue(p.conn.link(Direction.CLIENT_TO_SERVER).flipped());
        DisconnectCause s = p.conn.server().disconnectCause();
        assertEquals(DisconnectCause.Origin.PEER_FAULT, s.origin());
        assertEquals(DisconnectReason.MAC_ERROR, s.reason());
        DisconnectCause c = p.conn.client().disconnectCause();
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, c.origin());
        assertEquals(DisconnectReason.MAC_ERROR, c.reason());
        assertEquals(0, p.atServer.count(), "the corrupted message was not delivered");
    }

    @Test
    void aResetMakesBothSidesSeeConnectionLost() {
        Pair p = new Pair(5, FaultPlan.none());
        p.handshake();
        p.conn.reset();
        p.net.runFor(10 * MS);
        for (SimEndpoint<Transport> e : List.of(p.conn.client(), p.conn.server())) {
            assertTrue(e.isClosed());
            assertEquals(DisconnectCause.Origin.CONNECTION_LOST, e.disconnectCause().origin(), e.toString());
            assertTrue(e.engine().isClosed());
        }
    }

    @Test
    void aHalfCloseEndsTheReceiverAndThenTheSender() {
        Pair p = new Pair(6, FaultPlan.none());
        p.handshake();
        p.conn.halfClose(Direction.SERVER_TO_CLIENT);
        assertTrue(p.net.runUntil(p.conn::isClosed, 10_000 * MS));
        assertEquals("end of stream from the peer", p.conn.client().disconnectCause().message());
        assertEquals(DisconnectCause.Origin.CONNECTION_LOST, p.conn.server().disconnectCause().origin());
    }

    @Test
    void aLocalDisconnectIsDeliveredBeforeTheSocketsClose() {
        Pair p = new Pair(7, FaultPlan.none());
        p.handshake();
        p.conn.client().act(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "done"));
        assertTrue(p.net.runUntil(p.conn::isClosed, 10_000 * MS));
        DisconnectCause s = p.conn.server().disconnectCause();
        assertNotNull(s);
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, s.origin());
        assertEquals(DisconnectReason.BY_APPLICATION, s.reason());
        assertEquals("done", s.message());
        assertFalse(p.net.elapsed() > 1_000 * MS, "no linger wait: the peer's FIN arrives promptly");
    }

    @Test
    void timersRunInVirtualTimeSoAnHourlyRekeyCostsNothing() {
        Pair p = new Pair(8, FaultPlan.none());
        p.handshake();
        p.net.runFor(3 * 3_600_000 * MS + 10 * MS);
        assertTrue(p.client().keyExchangeCount() >= 3, "rekeys by time: " + p.client().keyExchangeCount());
        assertEquals(p.client().keyExchangeCount(), p.server().keyExchangeCount());
    }
}
