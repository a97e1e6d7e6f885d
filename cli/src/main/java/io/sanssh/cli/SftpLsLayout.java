package io.sanssh.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * How {@code sanssh sftp}'s {@code ls} lays out what it prints, as OpenSSH's sftp does: short
 * names in columns across an 80-character line, and sizes with unit suffixes for {@code ls -lh}.
 */
final class SftpLsLayout {
    /** The line width; OpenSSH's sftp uses the terminal's, and 80 when stdin is no terminal (always, here). */
    static final int WIDTH = 80;

    private SftpLsLayout() {
    }

    /**
     * Prints {@code names} row by row in as many columns as names {@code longest} characters long
     * (plus two spaces) fit in {@link #WIDTH}, at least one; each name is padded to the width of
     * its column (the line divided evenly), the last one of a row included, and a name longer
     * than that is not cut. Nothing at all for no names. {@code longest} is OpenSSH's measure,
     * which need not be the longest name printed: for a pattern's matches it is the longest
     * absolute path.
     */
    static void columns(List<String> names, int longest, PrintStream out) {
        int columns = Math.max(1, WIDTH / (longest + 2));
        int columnWidth = Math.min(WIDTH / columns, WIDTH);
        int inRow = 0;
        for (String name : names) {
            out.print(name);
            out.print(" ".repeat(Math.max(0, columnWidth - name.length())));
            if (++inRow == columns) {
                out.println();
                inRow = 0;
            }
        }
        if (inRow != 0) {
            out.println();
        }
    }

    /**
     * A size in at most four digits with a unit suffix (B, K, M, G, T, P, E; powers of 1024), as
     * {@code ls -lh} shows it: bytes below 1 KiB as they are ({@code 1023B}); otherwise the whole
     * units and one decimal rounded to the nearest tenth ({@code 1.5K}, {@code 10.0K}), or the
     * whole units alone from 100 on, rounded half up ({@code 100K}, {@code 1024M}).
     */
    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return Math.max(0, bytes) + "B";
        }
        int unit = 0;
        long scale = 1;
        while (unit < 6 && bytes / 1024 >= scale) {
            scale *= 1024;
            unit++;
        }
        long whole = bytes / scale;
        long tenths = (10 * (bytes % scale / (scale / 1024)) + 512) / 1024;
        if (tenths >= 10) {
            whole++;
            tenths = 0;
        }
        char suffix = "BKMGTPE".charAt(unit);
        if (whole >= 100) {
            return (tenths >= 5 ? whole + 1 : whole) + String.valueOf(suffix);
        }
        return whole + "." + tenths + suffix;
    }

    /** The length of the longest of {@code names}, 0 for none. */
    static int longest(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(0);
    }
}
