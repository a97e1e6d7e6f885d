package io.sanssh.cli;

import java.io.PrintStream;

/**
 * Shows how far a two-way transfer has come: on a terminal a bar redrawn in place with
 * {@code \r}; elsewhere (a pipe, a file, a test) one plain line at each quarter, so logs stay short.
 * Called from one thread (the demo's main thread polls the counters).
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long startNanos;
    private int quartersShown;

    Progress(PrintStream out, boolean terminal, long total, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.startNanos = startNanos;
    }

    /** Whether {@code out} is the process's own standard output and that is a terminal. */
    static boolean isTerminal(PrintStream out) {
        return out == System.out && System.console() != null;
    }

    /** Shows {@code up} bytes sent and {@code down} bytes received back, with {@code note} (may be empty). */
    void update(long up, long down, long nowNanos, String note) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = (up + down) / 1e6 / seconds;
        if (terminal) {
            int filled = (int) (WIDTH * Math.min(up, down) / total);
            out.printf("\r[%s%s] up %3d/%d MiB  down %3d/%d MiB  %6.1f MB/s %s", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), up >> 20, total >> 20, down >> 20, total >> 20, rate, note);
            out.flush();
            return;
        }
        int quarters = (int) (4 * down / total);
        while (quartersShown < quarters) {
            quartersShown++;
            out.printf("         %3d%%: up %d MiB, down %d MiB, %.1f MB/s%s%n", quartersShown * 25, up >> 20,
                    down >> 20, rate, note.isEmpty() ? "" : " (" + note.strip() + ")");
        }
    }

    /** Ends the bar's line on a terminal. */
    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
