package io.sanssh.drivers.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program (ssh, sftp, ...) to its end with given stdin; stdout and stderr kept apart. */
public final class ProcessRun {
    /** What a finished process printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private ProcessRun() {
    }

    /**
     * Runs {@code command} in {@code cwd} (or the current directory if null), writes {@code stdin}
     * and closes it, and waits (at most 60 s after its output ended) for it to exit.
     */
    public static Result run(List<String> command, Path cwd, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
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
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
