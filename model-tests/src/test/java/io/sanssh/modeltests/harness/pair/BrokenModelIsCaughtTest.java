package io.sanssh.modeltests.harness.pair;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sanssh.modeltests.harness.Action;
import io.sanssh.modeltests.harness.HarnessFailure;
import io.sanssh.modeltests.harness.SeededHarness;
import io.sanssh.modeltests.harness.pair.PairActions.Deliver;
import io.sanssh.modeltests.harness.pair.PairActions.Open;
import io.sanssh.modeltests.harness.pair.PairActions.Rekey;
import io.sanssh.modeltests.harness.pair.PairActions.Transmit;
import io.sanssh.modeltests.harness.pair.PairActions.Write;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness can fail: with a model that gives channel writes credit during our key exchange
 * (the TLA+ mutant DataDuringKex, in Java), the seeds find a disagreement with the engine, shrink
 * it to a handful of actions, and the printed list replays to the same failure; the correct model
 * passes the same list.
 */
class BrokenModelIsCaughtTest {
    private static final int ALL = PairActions.ALL;

    @Test
    void aModelThatGivesCreditDuringKexIsCaughtAndShrunk() {
        HarnessFailure found = null;
        long seed = 1;
        for (; seed <= 50 && found == null; seed++) {
            try {
                ConnectionModelHarnessTest.harness(seed, PairModel.Variant.CREDIT_DURING_KEX)
                        .run(seed, ConnectionModelHarnessTest.STEPS);
            } catch (HarnessFailure f) {
                found = f;
            }
        }
        assertNotNull(found, "the broken model passed 50 seeds");
        System.out.println("BrokenModelIsCaughtTest: " + found.getMessage().lines().findFirst().orElse("")
                + " (shrunk from " + found.original().size() + " to " + found.shrunk().size() + " actions)");
        assertTrue(found.shrunk().size() <= 8, "shrunk to a short list: " + found.shrunk());
        assertTrue(found.shrunk().size() < found.original().size());
        @SuppressWarnings("unchecked")
        List<Action<PairState>> shrunk = (List<Action<PairState>>) found.shrunk();
        long s = found.seed();
        assertNotNull(ConnectionModelHarnessTest.harness(s, PairModel.Variant.CREDIT_DURING_KEX).replay(shrunk),
                "the printed list replays to failure");
        assertNull(ConnectionModelHarnessTest.harness(s, PairModel.Variant.CORRECT).replay(shrunk),
                "the correct model passes it");
    }

    /** The shape of list the shrinker prints, written by hand: open, confirm, rekey, write. */
    @Test
    void aPrintedListReplays() {
        List<Action<PairState>> actions = List.of(new Open(), new Transmit(0, ALL), new Deliver(0, ALL),
                new Transmit(1, ALL), new Deliver(1, ALL), new Rekey(0), new Write(0, 0, 700));
        SeededHarness<PairState> broken = ConnectionModelHarnessTest.harness(1, PairModel.Variant.CREDIT_DURING_KEX);
        Throwable failure = broken.replay(actions);
        if (failure == null) {
            fail("the broken model should disagree with the engine on a write during our KEX");
        }
        assertTrue(failure.getMessage().contains("bytes a write of 700 took"), failure.getMessage());
        assertNull(ConnectionModelHarnessTest.harness(1, PairModel.Variant.CORRECT).replay(actions));
    }
}
