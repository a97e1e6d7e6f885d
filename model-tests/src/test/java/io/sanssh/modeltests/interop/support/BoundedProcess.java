package io.sanssh.modeltests.interop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion within a time limit, its standard output and error
 * merged into a file (never a pipe, so a chatty program cannot block on a full pipe and nothing
 * waits on a read without a bound). A program still running at the limit is killed.
 */
public final class BoundedProcess {
    /**
     * How a run ended.
     *
     * @param exitCode the exit status, or -1 if the program was killed at the time limit
     * @param output stdout and stderr, merged
     * @param timedOut whether the time limit was reached
     */
    public record Result(int exitCode, String output, boolean timedOut) {
    }

    private BoundedProcess() {
    }

    /** Runs {@code command} with stdin closed, writing its output to {@code outputFile}. */
    public static Result run(List<String> command, Duration limit, Path outputFile) {
        Process p = start(command, outputFile);
        try {
            boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return new Result(done ? p.exitValue() : -1, read(outputFile), !done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + command, e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs {@code command} to completion using a temporary output file that is deleted afterwards. */
    public static Result run(List<String> command, Duration limit) {
        Path out = null;
        try {
            out = Files.createTempFile("sanssh-proc", ".out");
            return run(command, limit, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /**
     * Starts {@code command} in the background with stdin closed and its merged output going to
     * {@code outputFile}. The caller owns the process and must destroy it (in a finally block).
     */
    public static Process start(List<String> command, Path outputFile) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()))
                    .start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Ends {@code p} and the processes it forked (a daemon's per-connection children): children
     * killed, then TERM to {@code p} and KILL if it is still there after five seconds. Bounded.
     */
    public static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The file's text, or a note that it cannot be read. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }
}
