package io.sanssh.modeltests.interop.session;

import io.sanssh.modeltests.interop.support.BoundedProcess;
import io.sanssh.modeltests.interop.support.OpenSsh;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real OpenSSH client with a remote command, in the background while the test
 * pumps its server: {@code ssh -v -E log -F /dev/null}, batch mode, no host key checking or
 * known_hosts, the caller's options. Its stdin comes from a file (or /dev/null), its stdout and
 * stderr go to files in {@code dir} (never pipes, so nothing can block), and its own diagnostics
 * to the {@code -E} log, so stderr holds only what the remote command wrote there.
 */
final class SshCommand implements AutoCloseable {
    private final Path stdout;
    private final Path stderr;
    private final Path log;
    private final Process process;

    private SshCommand(Path dir, Process process) {
        this.stdout = dir.resolve("ssh.stdout");
        this.stderr = dir.resolve("ssh.stderr");
        this.log = dir.resolve("ssh.log");
        this.process = process;
    }

    /**
     * Starts {@code ssh} for {@code user@127.0.0.1:port} running {@code command}.
     *
     * @param stdin a file for ssh's stdin, or null for /dev/null
     * @param env extra environment variables (e.g. SSH_ASKPASS)
     */
    static SshCommand start(Path dir, int port, String user, List<String> options, String command, Path stdin,
                            Map<String, String> env) {
        OpenSsh.assumeClient();
        List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-v", "-E",
                dir.resolve("ssh.log").toString(), "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-o", "IdentityAgent=none",
                "-o", "ServerAliveInterval=0"));
        cmd.addAll(options);
        cmd.addAll(List.of("-p", Integer.toString(port), user + "@127.0.0.1", command));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile())
                .redirectOutput(dir.resolve("ssh.stdout").toFile())
                .redirectError(dir.resolve("ssh.stderr").toFile());
        pb.environment().putAll(env);
        try {
            return new SshCommand(dir, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Waits (bounded) for ssh to exit; its exit status, or -1 if it had to be killed. */
    int awaitExit(Duration limit) {
        return BoundedProcess.awaitExit(process, limit);
    }

    /** Whether ssh still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The file ssh's stdout went to. */
    Path stdoutFile() {
        return stdout;
    }

    String stdout() {
        return BoundedProcess.read(stdout);
    }

    String stderr() {
        return BoundedProcess.read(stderr);
    }

    /** The client's verbose log, for failure messages. */
    String log() {
        return BoundedProcess.read(log);
    }

    /** Everything it printed, for failure messages. */
    String diagnostics() {
        String l = log();
        String[] lines = l.split("\n");
        String tail = String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
        return "ssh log (tail):\n" + tail + "\nssh stderr:\n" + stderr();
    }

    /** Kills ssh if it still runs. */
    @Override
    public void close() {
        BoundedProcess.kill(process);
    }

    /** Writes {@code text} to a new executable file (an SSH_ASKPASS program, say). */
    static Path executable(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
