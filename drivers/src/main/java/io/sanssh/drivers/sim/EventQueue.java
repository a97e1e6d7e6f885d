package io.sanssh.drivers.sim;

import java.util.PriorityQueue;

/**
 * The simulator's scheduler: actions ordered by virtual time, and actions due at the same instant
 * in the order they were scheduled. That tie-break is what makes a run reproducible: nothing here
 * depends on hash codes, threads or the wall clock.
 *
 * <p>Byte deliveries, engine deadlines, stall ends, faults and application actions are all entries
 * here; running one may schedule more.
 */
public final class EventQueue {
    private record Entry(long at, long order, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final SimClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nextOrder;
    private long executed;

    /** A queue driving {@code clock}. */
    public EventQueue(SimClock clock) {
        this.clock = clock;
    }

    /**
     * Schedules {@code action} at virtual time {@code atNanos}; a time in the past means now (after
     * everything already due now).
     */
    public void schedule(long atNanos, Runnable action) {
        long at = atNanos - clock.now() < 0 ? clock.now() : atNanos;
        queue.add(new Entry(at, nextOrder++, action));
    }

    /** Schedules {@code action} {@code delayNanos} from now. */
    public void scheduleAfter(long delayNanos, Runnable action) {
        schedule(clock.now() + Math.max(0, delayNanos), action);
    }

    /**
     * Advances the clock to the earliest entry and runs it. Exceptions from the action propagate.
     *
     * @return false if nothing was scheduled
     */
    public boolean runNext() {
        Entry e = queue.poll();
        if (e == null) {
            return false;
        }
        clock.advanceTo(e.at);
        executed++;
        e.action.run();
        return true;
    }

    /** Whether nothing is scheduled. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The time of the earliest entry; only meaningful when not {@link #isEmpty()}. */
    public long nextTime() {
        Entry e = queue.peek();
        return e == null ? clock.now() : e.at;
    }

    /** How many actions have run so far. */
    public long executed() {
        return executed;
    }
}
