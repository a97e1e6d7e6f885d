package io.sanssh.modeltests.harness;

/**
 * One step of a model-based test: a precondition on the system-and-model state and the step
 * itself. Actions are values: their {@code toString} is how a failure prints them, so a printed
 * list can be pasted into a test and replayed.
 *
 * @param <S> the state the action runs against (the system under test and its model)
 */
public interface Action<S> {
    /**
     * Whether the action may run now. A replay (after shrinking, or from a printed list) skips an
     * action whose precondition no longer holds, as generation would never have drawn it. Always,
     * unless an action says otherwise.
     */
    default boolean enabled(S state) {
        return true;
    }

    /** Runs the action against the system and the model; a thrown {@link AssertionError} is a failure. */
    void run(S state);
}
