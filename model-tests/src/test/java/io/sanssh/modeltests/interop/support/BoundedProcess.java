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

    /**
     * Waits up to {@code limit} for {@code p} to exit and returns its exit status; kills it and
     * returns -1 if it is still running then (or the wait is interrupted).
     */
    public static int awaitExit(Process p, Duration limit) {
        try {
            if (p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }

    /** Kills {@code p} if it still runs and waits (at most five seconds) for it to go. */
    public static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt to start a daemon on a fresh port, for {@link #launchDaemon}. */
    interface DaemonStart {
        void start() throws IOException;
    }

    /**
     * Starts a daemon on a free port, up to {@code attempts} times: each attempt runs
     * {@code start} then {@code awaitListening}; when the latter throws, {@code stop} ends the
     * process, and another port is tried only if {@code log} shows the port was taken in between
     * (the race between finding a free port and the daemon binding it). Throws the last failure.
     */
    static void launchDaemon(int attempts, DaemonStart start, Runnable awaitListening, Runnable stop,
            java.util.function.Supplier<String> log) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            start.start();
            try {
                awaitListening.run();
                return;
            } catch (IllegalStateException e) {
                last = e;
                stop.run();
                if (!log.get().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
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
