package io.sanssh.drivers.api;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's {@code sshd} on a loopback port for one test class, with the "sftp" subsystem
 * ({@code /usr/lib/openssh/sftp-server}), public key login for the user running the tests and
 * password login for the {@code sanssh-test} user. {@link #available()} says whether it can run.
 */
final class OpenSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");
    /** The unprivileged local user and password the machine provides for tests. */
    static final String TEST_USER = "sanssh-test";
    static final String TEST_PASSWORD = "sanssh-test-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    final int port;
    final SshKeyPair userKey;
    private final Process process;
    private final Path log;
    private final ClientOptions clientOptions;

    private OpenSshd(int port, SshKeyPair userKey, Process process, Path log, ClientOptions clientOptions) {
        this.port = port;
        this.userKey = userKey;
        this.process = process;
        this.log = log;
        this.clientOptions = clientOptions;
    }

    /** Whether sshd, ssh-keygen and sftp-server are installed and sshd's privilege separation directory exists. */
    static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN) && Files.isExecutable(SFTP_SERVER)
                && Files.isDirectory(Path.of("/run/sshd"));
    }

    /** Starts sshd with its files in {@code dir} and waits until it listens. */
    static OpenSshd start(Path dir) throws Exception {
        Path hostKey = dir.resolve("host_ed25519");
        Process kg = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true).start();
        kg.getInputStream().readAllBytes();
        if (!kg.waitFor(30, TimeUnit.SECONDS) || kg.exitValue() != 0) {
            throw new IOException("ssh-keygen failed");
        }
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeys.toOpenSshLine(user.publicKey(), "sanssh-test") + "\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, "HostKey " + hostKey + "\nListenAddress 127.0.0.1\nUsePAM no\nPidFile none\n"
                + "StrictModes no\nPermitRootLogin yes\nPasswordAuthentication yes\nAuthorizedKeysFile " + authorized
                + "\nSubsystem sftp " + SFTP_SERVER + "\nLogLevel VERBOSE\n");
        Path log = dir.resolve("sshd.log");
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path knownHosts = dir.resolve("known_hosts");
        String hostPub = Files.readString(Path.of(hostKey + ".pub")).strip();
        Files.writeString(knownHosts, KnownHosts.formatEntry("127.0.0.1", port, PublicKeys.parseOpenSshLine(hostPub),
                true, RANDOM) + "\n");
        OpenSshd d = new OpenSshd(port, user, sshd, log,
                ClientOptions.builder().knownHostsFile(knownHosts).build());
        d.awaitLog("Server listening on 127.0.0.1 port " + port);
        return d;
    }

    /** A session logged in with the key as the user running the tests (root here). */
    SshSession loginWithKey() throws IOException {
        SshSession s = SshClient.connect("127.0.0.1", port, clientOptions);
        if (!s.authPublicKey(System.getProperty("user.name"), userKey)) {
            s.close();
            throw new IOException("sshd asked for another method after the key");
        }
        return s;
    }

    /** A session logged in as {@link #TEST_USER} with its password. */
    SshSession loginTestUser() throws IOException {
        SshSession s = SshClient.connect("127.0.0.1", port, clientOptions);
        if (!s.authPassword(TEST_USER, TEST_PASSWORD)) {
            s.close();
            throw new IOException("sshd asked for another method after the password");
        }
        return s;
    }

    /** What sshd logged so far, for failure messages. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitLog(String line) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        close();
        throw new AssertionError("sshd never logged \"" + line + "\":\n" + log());
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
