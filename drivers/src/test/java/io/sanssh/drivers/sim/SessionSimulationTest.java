package io.sanssh.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole sessions (KEX, password auth, an echo exec with a rekey, close) in the simulator, over seeds. */
@Timeout(120)
class SessionSimulationTest {
    @Test
    void everySeedCompletesOrEndsCleanlyOnItsDisruption() {
        Map<SessionSimulation.Outcome, Integer> outcomes = new EnumMap<>(SessionSimulation.Outcome.class);
        for (long seed = 1; seed <= 16; seed++) {
            SessionSimulation.Result r = SessionSimulation.run(seed, 3, 6, true);
            assertTrue(r.passed(), "seed " + seed + ": " + r);
            r.connections().forEach(c -> outcomes.merge(c.outcome(), 1, Integer::sum));
        }
        assertTrue(outcomes.getOrDefault(SessionSimulation.Outcome.COMPLETED, 0) > 16, outcomes.toString());
        assertTrue(outcomes.getOrDefault(SessionSimulation.Outcome.MAC_ERROR, 0) > 0, outcomes.toString());
        assertTrue(outcomes.getOrDefault(SessionSimulation.Outcome.RESET, 0)
                + outcomes.getOrDefault(SessionSimulation.Outcome.HALF_CLOSE, 0) > 0, outcomes.toString());
    }

    @Test
    void withoutFaultsEveryConnectionCompletesWithARekeyAndTheDigestIsReproducible() {
        SessionSimulation.Result a = SessionSimulation.run(99, 2, 10, false);
        SessionSimulation.Result b = SessionSimulation.run(99, 2, 10, false);
        assertTrue(a.passed(), a.toString());
        assertEquals(a, b);
        for (SessionSimulation.ConnectionResult c : a.connections()) {
            assertEquals(SessionSimulation.Outcome.COMPLETED, c.outcome());
            assertTrue(c.keyExchanges() >= 2, c.toString());
            assertTrue(c.bytesEachWay() > 0, c.toString());
        }
    }
}
