package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link ExecHandler}: runs the command as the server's own user with
 * {@code /bin/sh -c COMMAND} (a "shell" request runs {@code /bin/sh} reading commands from stdin),
 * in a fixed working directory, with the client's accepted environment added. stdin, stdout and
 * stderr are pumped by three threads so that none waits for another; the exit status is the
 * process's. When the calling thread is interrupted (the channel closed, or the client sent a
 * signal) the process is destroyed.
 *
 * <p>With a {@link Terminal} (the client's "pty-req" was granted) the command runs on a
 * pseudo-terminal through util-linux {@code script(1)}, and a shell request runs the server user's
 * login shell; see {@link PtyProcess} for what that means for output, EOF and window size. Ptys
 * are offered only where {@code script} is installed.
 */
public final class ProcessExecHandler implements ExecHandler {
    private final Path workingDirectory;
    private final Path script;

    /** Runs commands in {@code workingDirectory}, on a pty through {@code /usr/bin/script} when asked. */
    public ProcessExecHandler(Path workingDirectory) {
        this(workingDirectory, PtyProcess.DEFAULT_SCRIPT);
    }

    /**
     * Runs commands in {@code workingDirectory}, using {@code script} (util-linux script(1)) for
     * ptys; ptys are refused if it is not an executable file.
     */
    public ProcessExecHandler(Path workingDirectory, Path script) {
        this.workingDirectory = workingDirectory;
        this.script = script;
    }

    /** True where the {@code script} program is installed. */
    @Override
    public boolean supportsPty() {
        return PtyProcess.available(script);
    }

    @Override
    public int run(ExecRequest request, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws IOException, InterruptedException {
        if (request.hasTerminal()) {
            try (PtyProcess pty = PtyProcess.start(script, request.terminal(), request.command(), workingDirectory,
                    request.environment())) {
                return pumpUntilExit(pty.process(), stdin, stdout, stderr);
            }
        }
        ProcessBuilder pb = request.isShell() ? new ProcessBuilder("/bin/sh")
                : new ProcessBuilder("/bin/sh", "-c", request.command());
        pb.directory(workingDirectory.toFile());
        pb.environment().putAll(request.environment());
        return pumpUntilExit(pb.start(), stdin, stdout, stderr);
    }

    /** Copies the streams both ways until {@code p} exits; destroys it if interrupted first. */
    private static int pumpUntilExit(Process p, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws InterruptedException {
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
