package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link ExecHandler}: runs the command as the server's own user with
 * {@code /bin/sh -c COMMAND} (a "shell" request runs {@code /bin/sh} reading commands from stdin;
 * no pseudo-terminal), in a fixed working directory, with the client's accepted environment
 * added. stdin, stdout and stderr are pumped by three threads so that none waits for another; the
 * exit status is the process's. When the calling thread is interrupted (the channel closed, or
 * the client sent a signal) the process is destroyed.
 */
public final class ProcessExecHandler implements ExecHandler {
    private final Path workingDirectory;

    /** Runs commands in {@code workingDirectory}. */
    public ProcessExecHandler(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public int run(ExecRequest request, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws IOException, InterruptedException {
        ProcessBuilder pb = request.isShell() ? new ProcessBuilder("/bin/sh")
                : new ProcessBuilder("/bin/sh", "-c", request.command());
        pb.directory(workingDirectory.toFile());
        pb.environment().putAll(request.environment());
        Process p = pb.start();
        boolean done = false;
        try {
            Thread in = pump(stdin, p.getOutputStream(), true, "sanssh-exec-stdin");
            Thread out = pump(p.getInputStream(), stdout, false, "sanssh-exec-stdout");
            Thread err = pump(p.getErrorStream(), stderr, false, "sanssh-exec-stderr");
            int status = p.waitFor();
            out.join();
            err.join();
            done = true;
            in.interrupt();
            return status;
        } finally {
            if (!done) {
                // interrupted: the channel closed or the client asked for a signal
                p.destroy();
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            closeQuietly(p.getOutputStream());
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTo, String name) {
        Thread t = new Thread(() -> {
            try {
                copy(from, to);
            } catch (IOException e) {
                // the process or the channel went away; the main thread sees the outcome
            } finally {
                if (closeTo) {
                    closeQuietly(to);
                    closeQuietly(from);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = from.read(buf)) >= 0) {
            to.write(buf, 0, n);
            to.flush();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
