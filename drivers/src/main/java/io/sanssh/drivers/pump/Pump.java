package io.sanssh.drivers.pump;

import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.SshEvent;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The pump step every driver runs over a {@link SansIoEngine} (DESIGN.md, "Drivers"): run the
 * timers that are due, hand events to the application, transmit while the engine wants to write,
 * receive while it wants to read, then wait for readiness or the next deadline. The drivers differ
 * only in how they wait and where the bytes go; the engine-facing half of each step lives here so
 * that all three drive the engine the same way.
 *
 * <p>Every method must be called under the driver's serialisation (its engine lock, or its event
 * loop thread): engines are single-threaded.
 */
public final class Pump {
    /** What {@link #nanosUntilDeadline} returns when no timer is armed. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private Pump() {
    }

    /**
     * Runs {@link SansIoEngine#onTimeout} if the engine's earliest deadline has passed. Call it
     * first in every pump step and whenever a wait for {@link #nanosUntilDeadline} ended. Compares
     * with {@code now - deadline >= 0} so that {@code System.nanoTime} wrap-around is harmless.
     *
     * @return whether the timers ran (the engine may now want to write, or have closed)
     */
    public static boolean fireTimersIfDue(SansIoEngine engine, long nowNanos) {
        if (engine.hasDeadline() && nowNanos - engine.nextDeadline() >= 0) {
            engine.onTimeout(nowNanos);
            return true;
        }
        return false;
    }

    /**
     * How long the driver may wait before it must call {@link #fireTimersIfDue}: 0 if a deadline
     * has passed, {@link #NO_DEADLINE} if no timer is armed.
     */
    public static long nanosUntilDeadline(SansIoEngine engine, long nowNanos) {
        if (!engine.hasDeadline()) {
            return NO_DEADLINE;
        }
        return Math.max(0, engine.nextDeadline() - nowNanos);
    }

    /**
     * Polls every pending event and hands each to {@code sink}, in order. Call it after every
     * engine call that may produce events ({@code receive}, {@code onTimeout}, application
     * actions): input pauses while events pile up unpolled.
     *
     * @return how many events were handed over
     */
    public static int drainEvents(SansIoEngine engine, Consumer<? super SshEvent> sink) {
        int n = 0;
        SshEvent e;
        while ((e = engine.pollEvent()) != null) {
            sink.accept(e);
            n++;
        }
        return n;
    }

    /**
     * Feeds {@code src} to the engine while it wants input, advancing {@code src} by what was
     * consumed. Stops when {@code src} is empty, input pauses, or the engine closes; bytes left in
     * {@code src} must be kept and offered again once {@link SansIoEngine#wantsRead()} is true.
     *
     * @return how many bytes were consumed
     */
    public static int receive(SansIoEngine engine, ByteBuffer src, long nowNanos) {
        int total = 0;
        while (src.hasRemaining() && engine.wantsRead()) {
            int n = engine.receive(src, nowNanos);
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Whether the engine broke outbound rule 9 ("input paused and nothing left to transmit" is
     * unreachable) while its driver polls every event: then nothing the driver can do will ever
     * move it again. Drivers that always poll events use this as a run-time invariant.
     */
    public static boolean isStuck(SansIoEngine engine) {
        return !engine.isClosed() && !engine.wantsRead() && !engine.wantsWrite();
    }
}
