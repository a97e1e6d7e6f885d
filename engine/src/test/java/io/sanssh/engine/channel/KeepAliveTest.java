package io.sanssh.engine.channel;

import static io.sanssh.spec.message.MessageNumbers.GLOBAL_REQUEST;
import static io.sanssh.spec.message.MessageNumbers.REQUEST_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.spec.wire.DisconnectReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keep-alives and the idle timeout on virtual time (DESIGN.md failure 5: no pump, no answers). */
class KeepAliveTest {
    private static final long SECOND = 1_000_000_000L;

    private static ConnectionConfig probing(Duration interval, int maxMissed) {
        return ConnectionConfig.builder().keepAliveInterval(interval).keepAliveMaxMissed(maxMissed).build();
    }

    @Test
    void idleClientAnswersServerKeepAlive() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), probing(Duration.ofSeconds(1), 3), 50);
        p.openSession();
        p.clearEvents();
        p.pair.stepNanos = 10_000_000; // 10 ms per step
        long start = p.pair.now();
        // The client application makes no call for a minute; the driver only pumps.
        while (p.pair.now() - start < 60 * SECOND) {
            p.step();
            assertTrue(p.server.missedKeepAlives() <= 1, "every probe is answered within its interval");
        }
        p.step(); // the answer to a probe that arrived in the last step
        p.assertConnected();
        assertTrue(p.clientRouter.count(GLOBAL_REQUEST) >= 59, "the server probed every second");
        assertEquals(p.clientRouter.count(GLOBAL_REQUEST), p.serverRouter.count(REQUEST_FAILURE),
                "the client answered every probe, as OpenSSH does, with REQUEST_FAILURE");
        assertTrue(p.pair.clientEvents.isEmpty(), "nothing needed the client application: " + p.pair.clientEvents);
        assertTrue(p.pair.serverEvents.isEmpty(), "probe answers are not application events");
    }

    @Test
    void aPeerThatStopsAnsweringIsDeclaredLostAfterTheMaximumOfProbes() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), probing(Duration.ofSeconds(1), 3), 51);
        p.pair.stepNanos = 10_000_000;
        p.pair.clientBudget = 0; // the client still reads, but nothing it sends gets through
        long start = p.pair.now();
        p.pumpUntil(() -> !p.serverEvents(Disconnected.class).isEmpty(), 1000, "keep-alive timeout");
        long after = p.pair.now() - start;
        assertTrue(after >= 4 * SECOND && after < 5 * SECOND, "three probes, then one more interval: " + after);
        DisconnectCause cause = p.serverEvents(Disconnected.class).get(0).cause();
        assertEquals(DisconnectCause.Origin.TIMEOUT, cause.origin());
        assertEquals(DisconnectReason.CONNECTION_LOST, cause.reason());
        assertEquals(3, p.clientRouter.count(GLOBAL_REQUEST));
        p.pumpUntil(() -> !p.clientEvents(Disconnected.class).isEmpty(), 100, "DISCONNECT at the client");
        assertEquals(DisconnectReason.CONNECTION_LOST.code(),
                p.clientEvents(Disconnected.class).get(0).cause().reasonCode());
    }

    @Test
    void clientKeepAlivesWorkTheSameWay() {
        ConnectionPair p = new ConnectionPair(probing(Duration.ofMillis(500), 2), ConnectionConfig.defaults(), 52);
        p.pair.stepNanos = 10_000_000;
        long start = p.pair.now();
        while (p.pair.now() - start < 10 * SECOND) {
            p.step();
        }
        p.assertConnected();
        assertTrue(p.serverRouter.count(GLOBAL_REQUEST) >= 19);
        p.pair.serverBudget = 0;
        p.pumpUntil(() -> !p.clientEvents(Disconnected.class).isEmpty(), 1000, "client gives up");
        assertEquals(DisconnectReason.CONNECTION_LOST, p.clientEvents(Disconnected.class).get(0).cause().reason());
    }

    @Test
    void idleTimeoutEndsAQuietConnectionButAnyPacketRestartsIt() {
        ConnectionConfig idle = ConnectionConfig.builder().idleTimeout(Duration.ofSeconds(5)).build();
        // Phase 1: the server probes every second, so the client never sits idle for 5 s.
        ConnectionPair busy = new ConnectionPair(idle, probing(Duration.ofSeconds(1), 3), 53);
        busy.pair.stepNanos = 10_000_000;
        long start = busy.pair.now();
        while (busy.pair.now() - start < 30 * SECOND) {
            busy.step();
        }
        busy.assertConnected();
        // Phase 2: nothing arrives: the client gives up after 5 s, by its own policy.
        ConnectionPair quiet = new ConnectionPair(idle, ConnectionConfig.defaults(), 54);
        quiet.pair.stepNanos = 10_000_000;
        long t0 = quiet.pair.now();
        quiet.pumpUntil(() -> !quiet.clientEvents(Disconnected.class).isEmpty(), 1000, "idle timeout");
        long after = quiet.pair.now() - t0;
        assertTrue(after >= 5 * SECOND && after < 6 * SECOND, "after " + after);
        DisconnectCause cause = quiet.clientEvents(Disconnected.class).get(0).cause();
        assertEquals(DisconnectCause.Origin.TIMEOUT, cause.origin());
        assertEquals(DisconnectReason.BY_APPLICATION, cause.reason());
    }
}
