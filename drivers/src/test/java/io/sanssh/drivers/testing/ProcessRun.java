package io.sanssh.drivers.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an external program (ssh, sftp, ...) to its end with given stdin; stdout and stderr kept apart. */
public final class ProcessRun {
    /** What a finished process printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private ProcessRun() {
    }

    /** How long a process may run before it is killed and the run fails, so that a hung peer cannot hang a test. */
    private static final long LIMIT_SECONDS = 60;

    /**
     * Runs {@code command} in {@code cwd} (or the current directory if null), writes {@code stdin}
     * and closes it, and waits for it to exit; kills it and fails if it runs longer than 60 s.
     */
    public static Result run(List<String> command, Path cwd, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        AtomicBoolean killed = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    killed.set(true);
                    p.destroyForcibly(); // its pipes close, so the reads below end
                }
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "process-run-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // the process went away
            }
        });
        t.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // it exited without reading its input
        }
        byte[] out = p.getInputStream().readAllBytes();
        t.join();
        boolean exited = p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
        watchdog.interrupt();
        if (!exited || killed.get()) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish within " + LIMIT_SECONDS + " s: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
