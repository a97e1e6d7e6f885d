package io.sanssh.modeltests.harness;

import java.util.List;

/**
 * A failing run, shrunk: the seed that found it, the actions it ran, the shrunk list that still
 * fails, and the failure the shrunk list produces. Its message is the replay recipe:
 * {@code seed N, actions: [...]}.
 */
public final class HarnessFailure extends AssertionError {
    private final long seed;
    private final List<?> original;
    private final List<?> shrunk;

    HarnessFailure(long seed, List<?> original, List<?> shrunk, Throwable cause) {
        super("seed " + seed + ", actions: " + shrunk + "\n  (shrunk from " + original.size() + " actions) "
                + cause, cause);
        this.seed = seed;
        this.original = List.copyOf(original);
        this.shrunk = List.copyOf(shrunk);
    }

    /** The seed whose generated run failed. */
    public long seed() {
        return seed;
    }

    /** The actions the generated run executed up to and including the failing one. */
    public List<?> original() {
        return original;
    }

    /** The 1-minimal failing list; replay it with {@link SeededHarness#replay}. */
    public List<?> shrunk() {
        return shrunk;
    }
}
