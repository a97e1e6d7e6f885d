package io.sanssh.drivers.sim;

/**
 * Virtual time for the simulator, in nanoseconds. It moves only when the {@link EventQueue} runs
 * the next scheduled action, jumping straight to that action's time: an hour-long rekey interval
 * costs nothing, and a run is a pure function of its seed.
 */
public final class SimClock {
    private long now;

    /** A clock that reads {@code startNanos} until the first action runs. */
    public SimClock(long startNanos) {
        this.now = startNanos;
    }

    /** The current virtual time: what the simulator passes to engines as {@code nowNanos}. */
    public long now() {
        return now;
    }

    /** Moves the clock forward; called by the event queue only. Time never goes back. */
    void advanceTo(long t) {
        if (t - now < 0) {
            throw new IllegalStateException("virtual time would go back from " + now + " to " + t);
        }
        now = t;
    }
}
