package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A real OpenSSH {@code sshd} (/usr/sbin/sshd) running in the foreground on 127.0.0.1 and a free
 * port, for one test class or one test.
 *
 * <p>{@link #start} makes a private temporary directory, puts host keys there (Ed25519, ECDSA
 * P-256/384/521, RSA 3072, generated with {@code ssh-keygen} once per JVM), writes an {@code sshd_config} (listen
 * address and port, the host keys, a pid file, no PAM, no strict modes, DEBUG1 logging to its own
 * file via {@code -E}, an {@code AuthorizedKeysFile} in the directory, root login when the tests
 * run as root, the internal SFTP subsystem) plus the caller's lines, and waits (bounded) until the
 * daemon reports that it listens. A caller's line replaces the default line with the same keyword
 * (OpenSSH takes the first value of a keyword, so defaults must not shadow the caller's); {@code
 * Match} blocks belong last in the caller's lines. {@link #close()} kills the daemon and deletes the
 * directory.
 *
 * <p>If sshd is missing the calling test is skipped (a JUnit assumption names the program). The
 * privilege-separation directory /run/sshd is created if missing.
 */
public final class OpenSshServer implements AutoCloseable {
    /** Host key files generated for every server: file name, ssh-keygen type and bits. */
    private static final List<String[]> HOST_KEY_SPECS = List.of(
            new String[] {"ssh_host_ed25519_key", "ed25519", ""},
            new String[] {"ssh_host_ecdsa256_key", "ecdsa", "256"},
            new String[] {"ssh_host_ecdsa384_key", "ecdsa", "384"},
            new String[] {"ssh_host_ecdsa521_key", "ecdsa", "521"},
            new String[] {"ssh_host_rsa_key", "rsa", "3072"});
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(15);
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final Path log;
    private final Path config;
    private final Map<String, SshPublicKey> hostKeys;
    private Process process;
    private int port;

    private OpenSshServer(Path dir, Map<String, SshPublicKey> hostKeys) {
        this.dir = dir;
        this.log = dir.resolve("sshd.log");
        this.config = dir.resolve("sshd_config");
        this.hostKeys = hostKeys;
    }

    /**
     * Starts a daemon with the default configuration plus {@code extraConfigLines} (e.g. {@code
     * "RekeyLimit 4K 10"}, {@code "KexAlgorithms +diffie-hellman-group14-sha1"}).
     */
    public static OpenSshServer start(String... extraConfigLines) {
        return start(List.of(extraConfigLines));
    }

    /** As {@link #start(String...)}. */
    public static OpenSshServer start(List<String> extraConfigLines) {
        OpenSsh.assumeServer();
        ensurePrivilegeSeparationDirectory();
        Path dir;
        try {
            dir = Files.createTempDirectory("sanssh-sshd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenSshServer server = null;
        try {
            server = new OpenSshServer(dir, installHostKeys(dir));
            Files.writeString(dir.resolve("authorized_keys"), "", StandardCharsets.US_ASCII);
            server.launch(extraConfigLines);
            return server;
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.close();
            } else {
                deleteTree(dir);
            }
            throw e;
        }
    }

    /**
     * Lines that make the daemon offer every key exchange method, cipher and MAC that {@code ssh
     * -Q} lists (the installed OpenSSH accepts its own names), and the host key algorithms in
     * {@code wanted} that it knows: for matrix tests where the client picks one algorithm.
     */
    public static List<String> offerEverything(List<String> wantedHostKeyAlgorithms) {
        List<String> hostKeyAlgs = new ArrayList<>(wantedHostKeyAlgorithms);
        hostKeyAlgs.retainAll(OpenSsh.query("HostKeyAlgorithms"));
        List<String> lines = new ArrayList<>();
        lines.add("KexAlgorithms " + String.join(",", OpenSsh.query("kex")));
        lines.add("Ciphers " + String.join(",", OpenSsh.query("cipher")));
        lines.add("MACs " + String.join(",", OpenSsh.query("mac")));
        if (!hostKeyAlgs.isEmpty()) {
            lines.add("HostKeyAlgorithms " + String.join(",", hostKeyAlgs));
        }
        return lines;
    }

    private static void ensurePrivilegeSeparationDirectory() {
        Path privsep = Path.of("/run/sshd");
        if (Files.isDirectory(privsep)) {
            return;
        }
        try {
            Files.createDirectories(privsep);
            privsep.toFile().setWritable(false, false);
            privsep.toFile().setWritable(true, true);
        } catch (IOException e) {
            // Not root: sshd runs without privilege separation's chroot then, or reports why not.
        }
    }

    /**
     * Host key files made once per JVM with ssh-keygen (RSA 3072 takes a moment) and copied into
     * each server's directory; the cache directory is deleted when the JVM exits.
     */
    private static final class HostKeyCache {
        static final Path DIR = generate();

        private static Path generate() {
            try {
                Path dir = Files.createTempDirectory("sanssh-sshd-keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "sanssh-sshd-keys-cleanup"));
                for (String[] spec : HOST_KEY_SPECS) {
                    Path file = dir.resolve(spec[0]);
                    List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH_KEYGEN.toString(), "-q", "-t", spec[1],
                            "-N", "", "-C", "sanssh-interop", "-f", file.toString()));
                    if (!spec[2].isEmpty()) {
                        cmd.add(cmd.size() - 2, "-b");
                        cmd.add(cmd.size() - 2, spec[2]);
                    }
                    BoundedProcess.Result r = BoundedProcess.run(cmd, Duration.ofSeconds(60));
                    if (r.exitCode() != 0) {
                        throw new IllegalStateException("ssh-keygen failed for " + spec[0] + ": " + r.output());
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Map<String, SshPublicKey> installHostKeys(Path dir) throws IOException {
        Map<String, SshPublicKey> keys = new LinkedHashMap<>();
        for (String[] spec : HOST_KEY_SPECS) {
            for (String suffix : new String[] {"", ".pub"}) {
                Path copy = dir.resolve(spec[0] + suffix);
                Files.copy(HostKeyCache.DIR.resolve(spec[0] + suffix), copy);
                if (suffix.isEmpty()) {
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
                }
            }
            SshPublicKey key = PublicKeys.parseOpenSshLine(
                    Files.readString(dir.resolve(spec[0] + ".pub"), StandardCharsets.US_ASCII));
            keys.put(key.keyType(), key);
        }
        return Map.copyOf(keys);
    }

    private void launch(List<String> extra) throws IOException {
        BoundedProcess.launchDaemon(PORT_ATTEMPTS, () -> {
            port = freePort();
            Files.writeString(config, configText(extra), StandardCharsets.US_ASCII);
            Files.deleteIfExists(log);
            process = BoundedProcess.start(List.of(OpenSsh.SSHD.toString(), "-D", "-f", config.toString(), "-E",
                    log.toString()), dir.resolve("sshd.stdout"));
        }, this::awaitListening, this::stopProcess, this::log);
    }

    private String configText(List<String> extra) {
        Set<String> overridden = new TreeSet<>();
        for (String line : extra) {
            overridden.add(keyword(line));
        }
        List<String> lines = new ArrayList<>();
        lines.add("ListenAddress 127.0.0.1");
        lines.add("Port " + port);
        for (String[] spec : HOST_KEY_SPECS) {
            lines.add("HostKey " + dir.resolve(spec[0]));
        }
        lines.add("PidFile " + dir.resolve("sshd.pid"));
        lines.add("UsePAM no");
        lines.add("StrictModes no");
        lines.add("LogLevel DEBUG1");
        lines.add("AuthorizedKeysFile " + dir.resolve("authorized_keys"));
        if (isRoot()) {
            lines.add("PermitRootLogin yes");
        }
        lines.add("Subsystem sftp internal-sftp");
        StringBuilder sb = new StringBuilder("# generated by Sanssh's interop tests\n");
        for (String line : lines) {
            String k = keyword(line);
            if (!overridden.contains(k) || k.equals("hostkey")) {
                sb.append(line).append('\n');
            }
        }
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static String keyword(String line) {
        String s = line.strip();
        int sp = s.indexOf(' ');
        return (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
    }

    private void awaitListening() {
        String expected = "Server listening on 127.0.0.1 port " + port;
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(log) && log().contains(expected)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with status " + process.exitValue() + " at startup:\n"
                        + log() + BoundedProcess.read(dir.resolve("sshd.stdout")));
            }
            sleep(20);
        }
        throw new IllegalStateException("sshd did not listen within " + STARTUP_LIMIT + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Always 127.0.0.1. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port the daemon listens on. */
    public int port() {
        return port;
    }

    /** The user the daemon lets log in: the user running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The server's private directory (config, keys, log). */
    public Path directory() {
        return dir;
    }

    /** The daemon's log file (DEBUG1). */
    public Path logFile() {
        return log;
    }

    /** The daemon's log so far, for failure messages. */
    public String log() {
        return BoundedProcess.read(log);
    }

    /** The last {@code lines} lines of the log, for failure messages that stay readable. */
    public String logTail(int lines) {
        String[] all = log().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
    }

    /** The generated host public keys by key type ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, …). */
    public Map<String, SshPublicKey> hostKeys() {
        return hostKeys;
    }

    /** The host public key of {@code keyType}, read back from the .pub file sshd uses. */
    public SshPublicKey hostKey(String keyType) {
        SshPublicKey k = hostKeys.get(keyType);
        if (k == null) {
            throw new IllegalArgumentException("no host key of type " + keyType);
        }
        return k;
    }

    /** A verifier that accepts exactly this server's host keys and rejects every other key. */
    public PinnedHostKeyVerifier hostKeyVerifier() {
        return new PinnedHostKeyVerifier(hostKeys.values());
    }

    /** Appends an OpenSSH public key line to the daemon's AuthorizedKeysFile. */
    public void authorize(String publicKeyLine) {
        try {
            Files.writeString(dir.resolve("authorized_keys"), publicKeyLine.strip() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the daemon still runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void stopProcess() {
        if (process != null) {
            BoundedProcess.stop(process);
        }
    }

    /** Kills the daemon (its per-connection children exit when their connections close) and deletes the directory. */
    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp directory is harmless
        }
    }
}
