package io.sanssh.drivers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's {@code sshd} on 127.0.0.1 for tests: a fresh Ed25519 host key, public key
 * authentication against an authorized_keys file the test writes, extra {@code sshd_config} lines,
 * no PAM. {@link #available()} says whether OpenSSH is installed; {@link #close()} stops it.
 */
public final class LocalSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Process process;
    private final int port;
    private final Path log;
    private final Path hostKeyPub;

    private LocalSshd(Process process, int port, Path log, Path hostKeyPub) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.hostKeyPub = hostKeyPub;
    }

    /** Whether sshd can be started here. */
    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN) && Files.isDirectory(Path.of("/run/sshd"));
    }

    /**
     * Starts sshd in {@code dir} with {@code authorizedKeys} as every user's authorized_keys and
     * {@code extraConfig} appended to its configuration; returns once it listens.
     */
    public static LocalSshd start(Path dir, String authorizedKeys, String extraConfig) throws Exception {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_ed25519");
        Process keygen = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IOException("ssh-keygen failed");
        }
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, authorizedKeys);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, "HostKey " + hostKey + "\nListenAddress 127.0.0.1\nUsePAM no\nPidFile none\n"
                + "StrictModes no\nPermitRootLogin yes\nPasswordAuthentication no\nAuthorizedKeysFile " + authorized
                + "\nLogLevel VERBOSE\n" + extraConfig);
        Path log = dir.resolve("sshd.log");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalSshd sshd = new LocalSshd(p, port, log, Path.of(hostKey + ".pub"));
        try {
            sshd.awaitLog("Server listening on 127.0.0.1 port " + port);
            return sshd;
        } catch (Exception | Error e) {
            sshd.close();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The host key's public half, as an OpenSSH line. */
    public String hostKeyLine() throws IOException {
        return Files.readString(hostKeyPub).strip();
    }

    /** What sshd logged so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits (up to 30 s) until sshd logged a line containing {@code text}. */
    public void awaitLog(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (log().contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sshd never logged \"" + text + "\":\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
