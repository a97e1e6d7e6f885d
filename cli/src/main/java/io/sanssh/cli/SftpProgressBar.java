package io.sanssh.cli;

import io.sanssh.engine.sftp.TransferListener;
import java.io.PrintStream;

/**
 * The progress line {@code sanssh sftp} shows for each file it transfers when it talks to a
 * terminal: name, percentage, bytes so far and rate, redrawn in place at most five times a
 * second. Off (no output at all) otherwise, as in batch mode.
 */
final class SftpProgressBar {
    private final PrintStream out;
    private final boolean on;
    private long started;

    SftpProgressBar(PrintStream out, boolean on) {
        this.out = out;
        this.on = on;
    }

    /** Call before a transfer of the file {@code name}; returns the listener to give the transfer. */
    TransferListener start(String name) {
        if (!on) {
            return TransferListener.NONE;
        }
        started = System.nanoTime();
        return new TransferListener() {
            private long last;

            @Override
            public void progress(long done, long total) {
                long now = System.nanoTime();
                if (now - last < 200_000_000L && done != total) {
                    return;
                }
                last = now;
                double secs = Math.max(1e-3, (now - started) / 1e9);
                String pct = total > 0 ? (100 * done / total) + "%" : "";
                out.printf("\r%-30.30s %5s %10s %10s/s", name, pct, human(done), human((long) (done / secs)));
                out.flush();
            }
        };
    }

    /** Call after the transfer that {@link #start} began: ends the line. */
    void end() {
        if (on) {
            out.println();
        }
    }

    private static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        int u = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format("%.1f%sB", n / (double) (1L << (10 * u)), "KMGTPE".charAt(u - 1));
    }
}
