package io.sanssh.bench.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sanssh serve} in a JVM of its own, for {@link ExecStreamBench}: the cli's server on
 * 127.0.0.1 (a free port), serving {@code root} over SFTP to the key in {@code root/authorized_keys},
 * with a host key generated in {@code root} on start.
 */
final class SansshServe implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path hostPub;

    private SansshServe(Process process, int port, Path hostPub) {
        this.process = process;
        this.port = port;
        this.hostPub = hostPub;
    }

    /** Starts the server and waits (up to 30 s) for its "listening on ADDR:PORT" line. */
    static SansshServe start(Path root) throws IOException {
        Path hostKey = root.resolve("serve_host_ed25519");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.sanssh.cli.Main", "serve", "--listen", "127.0.0.1:0",
                "--host-key", hostKey.toString(), "--authorized-keys", root.resolve("authorized_keys").toString(),
                "--root", root.toString());
        Process p = new ProcessBuilder(cmd).redirectError(root.resolve("serve.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("listening on ")) {
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
                return new SansshServe(p, port, Path.of(hostKey + ".pub"));
            }
        }
        p.destroyForcibly();
        throw new IOException("sanssh serve did not start listening: " + line);
    }

    int port() {
        return port;
    }

    /** The generated host key's public line (OpenSSH format). */
    Path hostPublicKey() {
        return hostPub;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
