package io.sanssh.drivers.sim;

/**
 * A simulated run failed: an assertion, an engine invariant or an exception that must never escape
 * an engine. The message starts with the seed and the virtual time, so that the run can be replayed
 * exactly by constructing a {@link SimNetwork} with that seed.
 */
public final class SimulationFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;

    /**
     * @param seed the run's seed
     * @param atNanos virtual time of the failure (relative to {@link SimNetwork#START_NANOS})
     * @param cause what failed
     */
    public SimulationFailure(long seed, long atNanos, Throwable cause) {
        super("seed " + seed + " (virtual t=" + formatMillis(atNanos) + " ms): " + cause, cause);
        this.seed = seed;
    }

    /** The seed that reproduces the failure. */
    public long seed() {
        return seed;
    }

    /**
     * Runs test assertions about a simulated run, tagging any failure with the run's seed (a
     * failure already tagged is passed on unchanged).
     */
    public static void check(long seed, Runnable assertions) {
        try {
            assertions.run();
        } catch (SimulationFailure f) {
            throw f;
        } catch (AssertionError | RuntimeException e) {
            throw new SimulationFailure(seed, -1, e);
        }
    }

    private static String formatMillis(long nanos) {
        return nanos < 0 ? "after the run" : String.format("%.3f", nanos / 1e6);
    }
}
