package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.auth.ClientAuthLayer;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.modeltests.interop.support.EngineSocketDriver;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Sanssh's whole client stack ({@link SshConnection#client}: transport, user authentication, the
 * connection layer) against the real OpenSSH sshd, driven by an application that only reacts to
 * events on one pumping thread: exec with exit status and output, 64 MiB through {@code cat} and
 * back, stderr as extended data, a writer kept alive through sshd's keep-alives and forced rekeys,
 * and password login.
 */
class ConnectionLayerWithOpenSshServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** The local account ./run-tests creates for password tests, and its password. */
    private static final String PASSWORD_USER = "sanssh-test";
    private static final String PASSWORD = "sanssh-test-password";

    private long started;

    @BeforeEach
    void startClock() {
        started = System.nanoTime();
    }

    @AfterEach
    void printTime(TestInfo info) {
        System.out.printf("SESSION | %s | %s sshd | %d ms%n", info.getDisplayName(), OpenSsh.shortVersion(),
                (System.nanoTime() - started) / 1_000_000L);
    }

    /** A user key that sshd accepts, and the login attempt that uses it. */
    private static Consumer<ClientAuthLayer> authorizedKey(OpenSshServer sshd) {
        SshKeyPair key = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());
        sshd.authorize(PublicKeys.toOpenSshLine(key.publicKey(), "sanssh-session"));
        return auth -> assertTrue(auth.publicKey(sshd.user(), key), "no usable signature algorithm");
    }

    private static void disconnect(EngineSocketDriver<SshConnection> d) {
        if (!d.engine().isClosed()) {
            d.engine().disconnect(DisconnectReason.BY_APPLICATION, "session test done");
        }
        assertTrue(d.finish(Duration.ofSeconds(5)), "sshd closed after our DISCONNECT");
    }

    @Test
    void execReturnsExitStatus() {
        try (OpenSshServer sshd = OpenSshServer.start();
             EngineSocketDriver<SshConnection> d = ClientLogin.open(sshd, authorizedKey(sshd), LIMIT)) {
            ClientExec exit3 = ClientExec.run(d, "exit 3", null, LIMIT);
            assertEquals(3L, exit3.exitStatus(), exit3.progress());
            assertEquals("", exit3.stdout());
            ClientExec echo = ClientExec.run(d, "echo hi", null, LIMIT);
            assertEquals(0L, echo.exitStatus(), echo.progress());
            assertEquals("hi\n", echo.stdout());
            assertTrue(echo.eofReceived(), "sshd sent EOF before CLOSE");
            assertEquals(0, d.engine().channels().channelCount(), "both channels are gone after CLOSE");
            disconnect(d);
        }
    }

    @Test
    void stdinToCatAndBack64MiB() {
        long size = 64L << 20;
        try (OpenSshServer sshd = OpenSshServer.start();
             EngineSocketDriver<SshConnection> d = ClientLogin.open(sshd, authorizedKey(sshd), LIMIT)) {
            StdinSources.Seeded stdin = new StdinSources.Seeded(size, 20240613L);
            long t0 = System.nanoTime();
            ClientExec cat = ClientExec.run(d, "cat", stdin, Duration.ofSeconds(60));
            long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000L);
            System.out.printf("SESSION | 64 MiB through cat and back | %d ms, %d MB/s each way, %d refused writes, "
                    + "%d wake-ups, %s%n", ms, size / 1000 / ms, cat.refusals(), cat.wakeUps(),
                    d.engine().transport().algorithms());
            System.out.println("SESSION | pump: " + d.stats());
            assertEquals(0L, cat.exitStatus(), cat.progress());
            assertEquals(size, cat.stdinBytes());
            assertEquals(size, cat.stdoutBytes(), cat.progress());
            assertEquals(stdin.sha256(), cat.stdoutSha256(), "what came back is what was sent");
            assertEquals(cat.refusals(), cat.wakeUps(), "every refused write was woken by ChannelWritable");
            disconnect(d);
        }
    }

    @Test
    void stderrIsSeparated() {
        try (OpenSshServer sshd = OpenSshServer.start();
             EngineSocketDriver<SshConnection> d = ClientLogin.open(sshd, authorizedKey(sshd), LIMIT)) {
            ClientExec exec = ClientExec.run(d, "echo out; echo err 1>&2", null, LIMIT);
            assertEquals("out\n", exec.stdout(), exec.progress());
            assertEquals("err\n", exec.stderr(), exec.progress());
            assertEquals(0L, exec.exitStatus());
            disconnect(d);
        }
    }

    /**
     * DESIGN.md failure 5 and liveness: an application that only writes, in bursts with idle
     * pauses longer than sshd's patience (ClientAliveInterval 1 with ClientAliveCountMax 1 cuts a
     * client that leaves a keep-alive unanswered for two seconds), while sshd forces a key
     * re-exchange every 32 KiB. The pump answers the keep-alives and completes the rekeys; the
     * writer is woken after each; the command exits 0 after our EOF.
     */
    @Test
    void keepAliveAndRekeyKeepAWritingClientUp() {
        try (OpenSshServer sshd = OpenSshServer.start("ClientAliveInterval 1", "ClientAliveCountMax 1",
                "RekeyLimit 32K");
             EngineSocketDriver<SshConnection> d = ClientLogin.open(sshd, authorizedKey(sshd), LIMIT)) {
            int kexBefore = d.engine().transport().keyExchangeCount();
            StdinSources.Paced stdin = new StdinSources.Paced(System.nanoTime(), Duration.ofSeconds(20),
                    Duration.ofMillis(4500), Duration.ofMillis(2000), 256 * 1024);
            ClientExec sink = ClientExec.run(d, "cat > /dev/null", stdin, Duration.ofSeconds(45));
            int rekeys = d.engine().transport().keyExchangeCount() - kexBefore;
            long keepAlives = countLines(sshd, "for keepalive");
            System.out.printf("SESSION | writer under ClientAliveInterval 1, RekeyLimit 32K | %d KiB written, "
                    + "%d rekeys, %d keep-alives answered, %d refused writes, %d wake-ups%n",
                    sink.stdinBytes() / 1024, rekeys, keepAlives, sink.refusals(), sink.wakeUps());
            assertEquals(0L, sink.exitStatus(), sink.progress());
            assertEquals(stdin.handedOut(), sink.stdinBytes());
            assertTrue(rekeys >= 20, "sshd's 32 KiB RekeyLimit forced only " + rekeys + " rekeys");
            assertTrue(keepAlives >= 2, "sshd sent " + keepAlives + " answered keep-alives:\n" + sshd.logTail(30));
            assertTrue(!sshd.log().contains("Timeout, client not responding"), sshd.logTail(30));
            disconnect(d);
        }
    }

    @Test
    void passwordAuthThenExec() {
        Assumptions.assumeTrue(userExists(PASSWORD_USER), "no local user " + PASSWORD_USER + " with password '"
                + PASSWORD + "' (./run-tests creates it when run as root): password interop skipped");
        try (OpenSshServer sshd = OpenSshServer.start("PasswordAuthentication yes");
             EngineSocketDriver<SshConnection> d = ClientLogin.open(sshd,
                     auth -> auth.password(PASSWORD_USER, PASSWORD), LIMIT)) {
            ClientExec exec = ClientExec.run(d, "id -un; exit 4", null, LIMIT);
            assertEquals(PASSWORD_USER + "\n", exec.stdout(), exec.progress());
            assertEquals(4L, exec.exitStatus());
            disconnect(d);
            assertTrue(sshd.log().contains("Accepted password for " + PASSWORD_USER), sshd.logTail(20));
        }
    }

    private static long countLines(OpenSshServer sshd, String text) {
        return sshd.log().lines().filter(l -> l.contains(text)).count();
    }

    private static boolean userExists(String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/passwd"));
            return lines.stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
