package io.sanssh.modeltests.harness.pair;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.modeltests.harness.Action;
import io.sanssh.modeltests.harness.SeededHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model-based harness on the SshConnection pair: {@code -Dsanssh.harness.seeds} seeds
 * (default 250) of {@value #STEPS} drawn actions each, engine and model compared after every
 * step, then a heal phase that requires progress, then a DISCONNECT from one side. A failure prints
 * {@code seed N, actions: [...]}.
 */
class ConnectionModelHarnessTest {
    static final int STEPS = 100;

    static SeededHarness<PairState> harness(long seed, PairModel.Variant variant) {
        return harness(seed, variant, new PairState[1]);
    }

    /** A harness whose states are built from {@code seed}; the last one built is left in {@code last[0]}. */
    static SeededHarness<PairState> harness(long seed, PairModel.Variant variant, PairState[] last) {
        return new SeededHarness<>(() -> last[0] = new PairState(seed, variant), PairActions.source(),
                PairState::check, s -> {
                    s.heal();
                    s.goodbye((int) (seed & 1)); // odd seeds: the server says goodbye
                });
    }

    @Test
    void engineMatchesModelOnEverySeed() {
        int seeds = Integer.getInteger("sanssh.harness.seeds", 250);
        Map<String, Integer> counts = new HashMap<>();
        long start = System.nanoTime();
        long steps = 0;
        long[] stats = new long[4];
        for (long seed = 1; seed <= seeds; seed++) {
            PairState[] last = new PairState[1];
            List<Action<PairState>> ran = harness(seed, PairModel.Variant.CORRECT, last).run(seed, STEPS);
            PairModel m = last[0].model;
            stats[0] += m.shortWrites;
            stats[1] += m.adjusts;
            stats[2] += m.heldMessages;
            stats[3] += m.sides[0].chans.stream().mapToLong(c -> c.sent).sum()
                    + m.sides[1].chans.stream().mapToLong(c -> c.sent).sum();
            steps += ran.size();
            for (Action<PairState> a : ran) {
                counts.merge(a.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("ConnectionModelHarnessTest: %d seeds, %d actions in %.1f s: %s; short writes %d,"
                + " window adjusts %d, messages held during KEX %d, channel bytes %d%n", seeds, steps, s, counts,
                stats[0], stats[1], stats[2], stats[3]);
        assertTrue(steps > seeds * STEPS / 2, "most drawn actions were enabled");
    }
}
