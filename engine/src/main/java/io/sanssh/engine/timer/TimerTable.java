package io.sanssh.engine.timer;

import java.util.Arrays;

/**
 * All of the engine's timers in one table, indexed by {@link TimerKind}. The next deadline is the
 * table's minimum. Time is whatever the driver passes in, in nanoseconds; the table never reads a
 * clock. Comparisons use {@code a - b < 0} so that a driver time base that wraps around is harmless.
 */
public final class TimerTable {
    private static final TimerKind[] KINDS = TimerKind.values();

    private final long[] deadline = new long[KINDS.length];
    private final boolean[] armed = new boolean[KINDS.length];

    /** Arms {@code kind} to fire at {@code atNanos}, replacing any earlier setting. */
    public void arm(TimerKind kind, long atNanos) {
        deadline[kind.ordinal()] = atNanos;
        armed[kind.ordinal()] = true;
    }

    /** Disarms {@code kind}; harmless if it was not armed. */
    public void cancel(TimerKind kind) {
        armed[kind.ordinal()] = false;
    }

    /** Whether {@code kind} is armed. */
    public boolean isArmed(TimerKind kind) {
        return armed[kind.ordinal()];
    }

    /** The deadline of {@code kind}; only meaningful while armed. */
    public long deadline(TimerKind kind) {
        return deadline[kind.ordinal()];
    }

    /** Whether any timer is armed. */
    public boolean anyArmed() {
        for (boolean a : armed) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /**
     * The earliest armed deadline. Only meaningful when {@link #anyArmed()}; callers report
     * "no deadline" otherwise.
     */
    public long next() {
        long best = 0;
        boolean found = false;
        for (int i = 0; i < KINDS.length; i++) {
            if (armed[i] && (!found || deadline[i] - best < 0)) {
                best = deadline[i];
                found = true;
            }
        }
        return best;
    }

    /**
     * Disarms and returns the first timer due at {@code nowNanos}, or {@code null} if none is.
     * Call repeatedly until it returns {@code null}.
     */
    public TimerKind pollExpired(long nowNanos) {
        for (int i = 0; i < KINDS.length; i++) {
            if (armed[i] && nowNanos - deadline[i] >= 0) {
                armed[i] = false;
                return KINDS[i];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TimerTable" + Arrays.toString(armed);
    }
}
