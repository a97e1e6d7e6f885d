package io.sanssh.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Same seed, same bytes: a simulated run is a pure function of its seed. Two runs with one seed
 * record identical transcripts (every byte each way, with its virtual time), and another seed
 * records a different one.
 */
class SimTranscriptTest {
    private static final long WINDOW = 2_000_000_000L;
    private static final FaultPlan.Odds ODDS = new FaultPlan.Odds(WINDOW, 0, 0, 0);

    private static Transcript run(long seed) {
        SimRun run = new SimRun(seed, true, ODDS, WINDOW);
        run.net.runFor(WINDOW);
        run.net.heal();
        assertTrue(run.net.runUntil(run::settled, 600_000_000_000L), "seed " + seed + " settles");
        return run.net.transcript();
    }

    @Test
    void twoRunsWithTheSameSeedRecordIdenticalTranscripts() {
        for (long seed : new long[] {3, 17, 1234}) {
            Transcript a = run(seed);
            Transcript b = run(seed);
            assertTrue(a.size() > 20 && a.byteCount() > 10_000, "a real run: " + a.size() + " entries, "
                    + a.byteCount() + " bytes");
            assertNull(a.firstDifference(b), "seed " + seed);
            assertEquals(a.entries(), b.entries(), "seed " + seed);
            assertEquals(a.digest(), b.digest(), "seed " + seed);
        }
    }

    @Test
    void aDifferentSeedRecordsADifferentTranscript() {
        Transcript a = run(3);
        Transcript b = run(4);
        assertNotEquals(a.digest(), b.digest());
        assertTrue(a.firstDifference(b) != null);
    }
}
