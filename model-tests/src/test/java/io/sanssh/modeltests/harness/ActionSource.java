package io.sanssh.modeltests.harness;

import java.util.SplittableRandom;

/**
 * Draws the next action from a seeded random source, looking at the current state so that most
 * drawn actions are enabled. Must be deterministic in {@code (random, state)}.
 *
 * @param <S> the state actions run against
 */
@FunctionalInterface
public interface ActionSource<S> {
    /** The next action to try; it is run only if {@link Action#enabled} holds. */
    Action<S> draw(SplittableRandom random, S state);
}
