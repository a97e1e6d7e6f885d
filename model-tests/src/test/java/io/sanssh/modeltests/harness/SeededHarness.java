package io.sanssh.modeltests.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A seeded property- and model-based test runner of our own. For each seed it builds a fresh
 * state, draws actions from an {@link ActionSource}, runs each enabled one, and after every step
 * runs {@code check} (projections of system and model compared, invariants). A failure is shrunk
 * with {@link Ddmin} over the executed action list and thrown as a {@link HarnessFailure} whose
 * message is {@code seed N, actions: [...]}: a test can pass that list to {@link #replay}.
 *
 * @param <S> the state: the system under test and its model
 */
public final class SeededHarness<S> {
    private final Supplier<S> fresh;
    private final ActionSource<S> source;
    private final Consumer<S> check;
    private final Consumer<S> atEnd;
    private int replays;

    /**
     * @param fresh builds a new state for each run and each replay
     * @param source draws actions
     * @param check runs after every step; throws {@link AssertionError} on a violation
     * @param atEnd runs after the last step of a run (e.g. a heal phase that requires progress)
     */
    public SeededHarness(Supplier<S> fresh, ActionSource<S> source, Consumer<S> check, Consumer<S> atEnd) {
        this.fresh = Objects.requireNonNull(fresh);
        this.source = Objects.requireNonNull(source);
        this.check = Objects.requireNonNull(check);
        this.atEnd = Objects.requireNonNull(atEnd);
    }

    /**
     * Runs seed {@code seed} with up to {@code steps} drawn actions. On failure, shrinks and throws.
     *
     * @return the actions executed (all enabled ones), for statistics
     * @throws HarnessFailure with the shrunk replay list
     */
    public List<Action<S>> run(long seed, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        S state = fresh.get();
        List<Action<S>> executed = new ArrayList<>();
        try {
            check.accept(state);
            for (int i = 0; i < steps; i++) {
                Action<S> a = source.draw(r, state);
                if (!a.enabled(state)) {
                    continue;
                }
                executed.add(a);
                a.run(state);
                check.accept(state);
            }
            atEnd.accept(state);
            return executed;
        } catch (AssertionError | RuntimeException e) {
            List<Action<S>> shrunk = Ddmin.minimise(executed, list -> replay(list) != null);
            Throwable cause = replay(shrunk);
            throw new HarnessFailure(seed, executed, shrunk, cause == null ? e : cause);
        }
    }

    /**
     * Replays {@code actions} on a fresh state, skipping disabled ones, checking after every step
     * and at the end.
     *
     * @return the failure, or {@code null} if the list passes
     */
    public Throwable replay(List<Action<S>> actions) {
        replays++;
        S state = fresh.get();
        try {
            check.accept(state);
            for (Action<S> a : actions) {
                if (a.enabled(state)) {
                    a.run(state);
                    check.accept(state);
                }
            }
            atEnd.accept(state);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    /** How many replays ran so far (shrinking cost). */
    public int replays() {
        return replays;
    }
}
