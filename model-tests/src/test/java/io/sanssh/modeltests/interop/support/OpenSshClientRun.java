package io.sanssh.modeltests.interop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real OpenSSH client ({@code /usr/bin/ssh -v}) against a server on 127.0.0.1, in
 * the background while the test pumps its server: no config file, batch mode, no host key
 * checking or known_hosts, the caller's options, and {@code true} as the remote command. Its
 * verbose output goes to a temporary file; {@link #close()} kills it if still running and deletes
 * the file.
 */
public final class OpenSshClientRun implements AutoCloseable {
    private final Path output;
    private final Process process;

    private OpenSshClientRun(Path output, Process process) {
        this.output = output;
        this.process = process;
    }

    /** Starts {@code ssh} for {@code user@127.0.0.1:port} with the extra {@code options}. */
    public static OpenSshClientRun start(int port, String user, List<String> options) {
        OpenSsh.assumeClient();
        Path out;
        try {
            out = Files.createTempFile("sanssh-ssh", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-v", "-F", "/dev/null",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10", "-o", "IdentityAgent=none", "-o", "ServerAliveInterval=0"));
        cmd.addAll(options);
        cmd.addAll(List.of("-p", Integer.toString(port), user + "@127.0.0.1", "true"));
        try {
            return new OpenSshClientRun(out, BoundedProcess.start(cmd, out));
        } catch (RuntimeException e) {
            out.toFile().delete();
            throw e;
        }
    }

    /** The client's verbose output so far. */
    public String output() {
        return BoundedProcess.read(output);
    }

    /** Waits (bounded) for the client to exit; returns its exit status, or -1 if it had to be killed. */
    public int awaitExit(Duration limit) {
        return BoundedProcess.awaitExit(process, limit);
    }

    /** Kills the client if it still runs and deletes its output file. */
    @Override
    public void close() {
        BoundedProcess.kill(process);
        output.toFile().delete();
    }
}
