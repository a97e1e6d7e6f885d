package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real dropbear server (/usr/sbin/dropbear) in the foreground on 127.0.0.1 and a free port:
 * {@code dropbear -F -E -p 127.0.0.1:PORT -r KEY... -P PID} plus the caller's options (e.g.
 * {@code -K 1} for a keep-alive every second). Host keys (Ed25519 and RSA) are made with
 * {@code dropbearkey} in a private temporary directory. Dropbear checks passwords against the
 * system's users: the tests log in as the local user {@link #PASSWORD_USER}. {@link #close()} kills
 * the daemon and the per-connection children it forked, and deletes the directory.
 */
public final class DropbearServer implements AutoCloseable {
    public static final Path DROPBEAR = Path.of("/usr/sbin/dropbear");
    public static final Path DROPBEARKEY = Path.of("/usr/bin/dropbearkey");
    /** The local user the tests log in as, and its password (set up by the test machine). */
    public static final String PASSWORD_USER = "sanssh-test";
    public static final String PASSWORD = "sanssh-test-password";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(10);

    private final Path dir;
    private final Path log;
    private final Map<String, SshPublicKey> hostKeys = new LinkedHashMap<>();
    private Process process;
    private int port;

    private DropbearServer(Path dir) {
        this.dir = dir;
        this.log = dir.resolve("dropbear.log");
    }

    /** Starts a daemon with {@code extraOptions} after the defaults. */
    public static DropbearServer start(String... extraOptions) {
        OpenSsh.assume(DROPBEAR, "dropbear-bin");
        OpenSsh.assume(DROPBEARKEY, "dropbear-bin");
        DropbearServer server;
        try {
            server = new DropbearServer(Files.createTempDirectory("sanssh-dropbear"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.hostKey("ed25519", "ssh-ed25519");
            server.hostKey("rsa", "ssh-rsa");
            server.launch(List.of(extraOptions));
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private void hostKey(String type, String keyType) throws IOException {
        Path file = dir.resolve("host_" + type);
        BoundedProcess.Result made = BoundedProcess.run(List.of(DROPBEARKEY.toString(), "-t", type, "-f",
                file.toString()), Duration.ofSeconds(30));
        if (made.exitCode() != 0) {
            throw new IllegalStateException("dropbearkey -t " + type + " failed:\n" + made.output());
        }
        for (String line : made.output().split("\n")) {
            if (line.startsWith(keyType + " ")) {
                hostKeys.put(keyType, PublicKeys.parseOpenSshLine(line.strip()));
            }
        }
        if (!hostKeys.containsKey(keyType)) {
            throw new IllegalStateException("no public key in dropbearkey's output:\n" + made.output());
        }
    }

    private void launch(List<String> extra) throws IOException {
        BoundedProcess.launchDaemon(3, () -> {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>(List.of(DROPBEAR.toString(), "-F", "-E", "-p", "127.0.0.1:" + port,
                    "-r", dir.resolve("host_ed25519").toString(), "-r", dir.resolve("host_rsa").toString(),
                    "-P", dir.resolve("dropbear.pid").toString()));
            cmd.addAll(extra);
            process = BoundedProcess.start(cmd, log);
        }, this::awaitListening, this::stopProcess, this::log);
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dropbear exited with status " + process.exitValue() + " at startup:\n"
                        + log());
            }
            if (log().contains("Not backgrounding")) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    // listening comes right after the log line
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("dropbear did not listen within " + STARTUP_LIMIT + ":\n" + log());
    }

    /** The port the daemon listens on. */
    public int port() {
        return port;
    }

    /** The host public keys by key type ({@code ssh-ed25519}, {@code ssh-rsa}). */
    public Map<String, SshPublicKey> hostKeys() {
        return Map.copyOf(hostKeys);
    }

    /** The daemon's log (stderr, every connection's children included), for failure messages. */
    public String log() {
        return Files.exists(log) ? BoundedProcess.read(log) : "";
    }

    private void stopProcess() {
        if (process != null) {
            BoundedProcess.stop(process);
        }
    }

    /** Kills the daemon and its children, deletes the directory. */
    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            OpenSshServer.deleteTree(dir);
        }
    }
}
