package io.sanssh.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private OpenSSH {@code sshd} on 127.0.0.1 for end-to-end benchmarks: its own directory with an
 * Ed25519 host key, a client key pair whose public half is the only authorized key, and a config
 * that offers the one cipher under test. The benchmarks cannot use the test fixture of
 * model-tests (test jars are not on bench's class path), so this is the short version of it.
 *
 * <p>{@link #start} waits (bounded) until the daemon listens; {@link #close()} stops it and deletes
 * the directory. Run as root (the benchmark user logs in as itself).
 */
public final class PrivateSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final int port;
    private final Process process;

    private PrivateSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts sshd offering only {@code cipher}, with {@code extraLines} appended to its config
     * (e.g. a {@code Subsystem} line).
     */
    public static PrivateSshd start(String cipher, List<String> extraLines) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sanssh-bench-sshd");
        try {
            keygen(dir.resolve("host_ed25519"));
            keygen(dir.resolve("client_ed25519"));
            Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
            Files.createDirectories(Path.of("/run/sshd"));
            int port = freePort();
            List<String> lines = new ArrayList<>(List.of("ListenAddress 127.0.0.1", "Port " + port,
                    "HostKey " + dir.resolve("host_ed25519"), "PidFile " + dir.resolve("sshd.pid"), "UsePAM no",
                    "StrictModes no", "LogLevel ERROR", "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PermitRootLogin yes", "Ciphers " + cipher));
            lines.addAll(extraLines);
            Files.write(dir.resolve("sshd_config"), lines, StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-f", dir.resolve("sshd_config").toString(), "-E",
                    dir.resolve("sshd.log").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.out").toFile()).start();
            PrivateSshd d = new PrivateSshd(dir, port, p);
            d.awaitListening();
            return d;
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "sanssh-bench",
                "-f", file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed for " + file);
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() - deadline < 0) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("sshd exited at startup: " + read(dir.resolve("sshd.log")));
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("sshd did not listen within 15 s: " + read(dir.resolve("sshd.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The client's private key file (OpenSSH format, no passphrase). */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** The host public key file ({@code .pub}). */
    public Path hostPublicKey() {
        return dir.resolve("host_ed25519.pub");
    }

    /** The daemon's private directory, for scratch files. */
    public Path directory() {
        return dir;
    }

    /** Stops the daemon and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temp directory is harmless
        }
    }
}
