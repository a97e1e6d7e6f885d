package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.SshConnectException;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Sanssh client against the Sanssh server, in process, over loopback TCP, on the blocking driver. */
@Timeout(120)
class SshClientServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private SshServer server;
    private SshKeyPair userKey;
    private SshKeyPair hostKey;

    /** The driver both sides use; subclasses run every test over another one. */
    Driver driver() {
        return Driver.BLOCKING;
    }

    private ClientOptions.Builder clientOptions() {
        return ClientOptions.builder().driver(driver());
    }

    private ServerOptions.Builder serverOptions() {
        return ServerOptions.builder().driver(driver());
    }

    @BeforeEach
    void startServer() throws Exception {
        userKey = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path hostKeyFile = dir.resolve("host_key");
        server = SshServer.start(serverOptions()
                .hostKeyFile(hostKeyFile)
                .passwordAuthenticator(PasswordFile.of(Map.of("alice", "secret")))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(userKey.publicKey(), "alice")))
                .sftpRoot(dir)
                .build());
        hostKey = HostKeyFiles.read(hostKeyFile);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ClientOptions pinned() {
        return clientOptions().trustedHostKeys(List.of(hostKey.publicKey())).build();
    }

    private SshSession connect() throws Exception {
        return SshClient.connect("127.0.0.1", server.port(), pinned());
    }

    @Test
    void passwordAuthenticationThenExecReportsStdoutStderrAndExitStatus() throws Exception {
        try (SshSession s = connect()) {
            assertTrue(s.authPassword("alice", "secret"));
            assertEquals("alice", s.user());
            ExecResult r = s.exec("echo out; echo err >&2; exit 7");
            assertEquals("out\n", r.stdoutText());
            assertEquals("err\n", r.stderrText());
            assertEquals(7, r.exitStatus());
            assertEquals(hostKey.publicKey(), s.hostKey());
            assertNotNull(s.algorithms().kex());
            assertTrue(s.serverVersion().startsWith("SSH-2.0-Sanssh"), s.serverVersion());
        }
    }

    @Test
    void publicKeyAuthenticationThenTwoCommandsOnOneSession() throws Exception {
        try (SshSession s = connect()) {
            assertTrue(s.authPublicKey("alice", userKey));
            assertEquals("one\n", s.exec("echo one").stdoutText());
            assertEquals(0, s.exec("true").exitStatus());
            assertEquals(1, s.exec("false").exitStatus());
        }
    }

    @Test
    void wrongPasswordIsATypedAuthenticationFailureAndTheSessionStaysUsable() throws Exception {
        try (SshSession s = connect()) {
            SshAuthenticationException e = assertThrows(SshAuthenticationException.class,
                    () -> s.authPassword("alice", "wrong"));
            assertTrue(e.allowedMethods().contains("password"), e.getMessage());
            assertTrue(e.allowedMethods().contains("publickey"), e.getMessage());
            assertTrue(s.authPassword("alice", "secret"));
            assertEquals("ok\n", s.exec("echo ok").stdoutText());
        }
    }

    @Test
    void authenticateTriesAnUnknownKeyThenThePassword() throws Exception {
        SshKeyPair stranger = KeyPairs.generate(PublicKeys.ECDSA_P256, 0, RANDOM);
        try (SshSession s = connect()) {
            s.authenticate("alice", List.of(stranger), () -> "secret");
            assertEquals("alice", s.user());
        }
        try (SshSession s = connect()) {
            SshAuthenticationException e = assertThrows(SshAuthenticationException.class,
                    () -> s.authenticate("alice", List.of(stranger), () -> "nope"));
            assertTrue(e.getMessage().contains("password"), e.getMessage());
        }
    }

    @Test
    void sixteenMebibytesThroughCatArriveIntact() throws Exception {
        byte[] data = new byte[16 << 20];
        new Random(42).nextBytes(data);
        try (SshSession s = connect()) {
            s.authPublicKey("alice", userKey);
            ExecProcess p = s.execStreaming("cat");
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (OutputStream out = p.getOutputStream()) {
                    for (int off = 0; off < data.length; off += 100_000) {
                        out.write(data, off, Math.min(100_000, data.length - off));
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            });
            writer.start();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    md.update(buf, 0, n);
                    total += n;
                }
            }
            writer.join();
            assertEquals(null, writerFailure.get());
            assertEquals(data.length, total);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), md.digest());
            assertEquals(0, p.waitFor());
            assertFalse(p.isAlive());
        }
    }

    @Test
    void stderrAndStdoutAreIndependentStreams() throws Exception {
        try (SshSession s = connect()) {
            s.authPublicKey("alice", userKey);
            ExecProcess p = s.execStreaming("head -c 3000000 /dev/zero >&2; echo done");
            p.getOutputStream().close();
            byte[] err = p.getErrorStream().readAllBytes();
            byte[] out = p.getInputStream().readAllBytes();
            assertEquals(3_000_000, err.length);
            assertEquals("done\n", new String(out, StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor());
        }
    }

    @Test
    void changedHostKeyWithStrictCheckingIsRejectedBeforeAuthentication() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        SshKeyPair other = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Files.writeString(knownHosts, KnownHosts.formatEntry("127.0.0.1", server.port(), other.publicKey(), false, null)
                + "\n");
        ClientOptions o = clientOptions().knownHostsFile(knownHosts)
                .strictHostKeyChecking(StrictHostKeyChecking.YES).build();
        HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class,
                () -> SshClient.connect("127.0.0.1", server.port(), o));
        assertEquals(HostKeyRejectedException.Reason.CHANGED, e.reason());
        assertEquals(hostKey.publicKey().fingerprint(), e.fingerprint());
    }

    @Test
    void unknownHostIsRejectedUnderYesAndRecordedHashedUnderAcceptNew() throws Exception {
        Path knownHosts = dir.resolve("kh");
        ClientOptions yes = clientOptions().knownHostsFile(knownHosts).build();
        HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class,
                () -> SshClient.connect("127.0.0.1", server.port(), yes));
        assertEquals(HostKeyRejectedException.Reason.UNKNOWN_HOST, e.reason());
        assertFalse(Files.exists(knownHosts));

        ClientOptions acceptNew = clientOptions().knownHostsFile(knownHosts)
                .strictHostKeyChecking(StrictHostKeyChecking.ACCEPT_NEW).build();
        try (SshSession s = SshClient.connect("127.0.0.1", server.port(), acceptNew)) {
            assertTrue(s.authPassword("alice", "secret"));
        }
        String line = Files.readString(knownHosts);
        assertTrue(line.startsWith("|1|"), line);
        assertEquals(KnownHostsMatchStatus.TRUSTED, KnownHostsMatchStatus.of(KnownHosts.parse(line)
                .check("127.0.0.1", server.port(), hostKey.publicKey()).status().name()));
        try (SshSession s = SshClient.connect("127.0.0.1", server.port(), yes)) {
            assertTrue(s.authPassword("alice", "secret"));
        }
    }

    /** The verdict names, to compare without importing the engine's nested enum twice. */
    private enum KnownHostsMatchStatus {
        TRUSTED, OTHER;

        static KnownHostsMatchStatus of(String name) {
            return "TRUSTED".equals(name) ? TRUSTED : OTHER;
        }
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int closedPort = port;
        assertThrows(SshConnectException.class, () -> SshClient.connect("127.0.0.1", closedPort,
                clientOptions().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    @Test
    void shellWithAPtyRunsCommandsFromStdinOnATerminal() throws Exception {
        // PtyServerTest has the refused pty (no script(1)) and the rest of pty support
        try (SshSession s = connect()) {
            s.authPassword("alice", "secret");
            ExecProcess shell = s.shell(true);
            shell.getOutputStream().write("echo from-shell on $(tty); exit 4\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().close();
            String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // the terminal echoes the line, then the shell's output arrives with the pty's CR LF
            assertTrue(out.contains("from-shell on /dev/pts/"), out);
            assertTrue(out.contains("\r\n"), out);
            assertEquals(4, shell.waitFor());
        }
    }

    @Test
    void closingTheServerEndsItsConnections() throws Exception {
        SshSession s = connect();
        try {
            s.authPassword("alice", "secret");
            ExecProcess p = s.execStreaming("sleep 30");
            server.close();
            assertThrows(java.io.IOException.class, p::waitFor);
            assertFalse(s.isOpen());
        } finally {
            s.close();
        }
    }

    @Test
    void aSignalEndsTheCommandWithExitSignal() throws Exception {
        try (SshSession s = connect()) {
            s.authPassword("alice", "secret");
            ExecProcess p = s.execStreaming("echo started; sleep 60");
            byte[] first = p.getInputStream().readNBytes(8);
            assertEquals("started\n", new String(first, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            p.signal("TERM");
            assertTrue(p.waitFor(Duration.ofSeconds(20)));
            assertTrue(System.nanoTime() - t0 < 15_000_000_000L);
            assertEquals("TERM", p.exitSignal());
            assertEquals(null, p.exitStatus());
        }
    }

    @Test
    void localForwardingThroughTheSansshServerReachesATcpService() throws Exception {
        server.close();
        server = SshServer.start(serverOptions().hostKeys(List.of(hostKey))
                .passwordAuthenticator(PasswordFile.of(Map.of("alice", "secret"))).allowTcpForwarding(true).build());
        try (ServerSocket target = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             SshSession s = connect()) {
            s.authPassword("alice", "secret");
            Thread echo = new Thread(() -> {
                try (java.net.Socket c = target.accept()) {
                    c.getInputStream().transferTo(c.getOutputStream());
                } catch (java.io.IOException e) {
                    // reported by the assertion
                }
            });
            echo.start();
            try (LocalPortForward f = s.forwardLocal(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    "127.0.0.1", target.getLocalPort());
                 java.net.Socket c = new java.net.Socket(InetAddress.getLoopbackAddress(), f.localPort())) {
                c.setSoTimeout(20_000);
                byte[] data = new byte[3 << 20];
                new Random(5).nextBytes(data);
                Thread w = new Thread(() -> {
                    try {
                        c.getOutputStream().write(data);
                        c.shutdownOutput();
                    } catch (java.io.IOException e) {
                        // reported by the assertion
                    }
                });
                w.start();
                byte[] back = c.getInputStream().readAllBytes();
                w.join();
                assertArrayEquals(data, back);
            }
            echo.join(10_000);
        }
    }

    @Test
    void directTcpipIsRefusedUnlessAllowed() throws Exception {
        try (SshSession s = connect()) {
            s.authPassword("alice", "secret");
            try (LocalPortForward f = s.forwardLocal(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    "127.0.0.1", 9);
                 java.net.Socket c = new java.net.Socket(InetAddress.getLoopbackAddress(), f.localPort())) {
                c.setSoTimeout(20_000);
                assertEquals(-1, c.getInputStream().read());
                assertTrue(f.failures().get(0).contains("ADMINISTRATIVELY_PROHIBITED"), f.failures().toString());
            }
        }
    }

    @Test
    void askModeUsesThePromptAndRecordsAnAcceptedKey() throws Exception {
        Path knownHosts = dir.resolve("kh-ask");
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClientOptions decline = clientOptions().knownHostsFile(knownHosts)
                .strictHostKeyChecking(StrictHostKeyChecking.ASK)
                .hostKeyPrompt((name, key) -> asked.add(name + " " + key.fingerprint()) && false).build();
        HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class,
                () -> SshClient.connect("127.0.0.1", server.port(), decline));
        assertEquals(HostKeyRejectedException.Reason.DECLINED, e.reason());
        assertEquals(List.of("[127.0.0.1]:" + server.port() + " " + hostKey.publicKey().fingerprint()), asked);
        assertFalse(Files.exists(knownHosts));

        java.util.concurrent.atomic.AtomicInteger prompts = new java.util.concurrent.atomic.AtomicInteger();
        ClientOptions accept = clientOptions().knownHostsFile(knownHosts)
                .strictHostKeyChecking(StrictHostKeyChecking.ASK)
                .hostKeyPrompt((name, key) -> prompts.incrementAndGet() > 0).build();
        try (SshSession s = SshClient.connect("127.0.0.1", server.port(), accept)) {
            assertTrue(s.authPassword("alice", "secret"));
            s.rekey();
            assertEquals("after rekey\n", s.exec("echo after rekey").stdoutText());
            assertTrue(s.keyExchangeCount() >= 2, "key exchanges: " + s.keyExchangeCount());
        }
        assertEquals(1, prompts.get(), "the re-exchange presents the accepted key without asking again");
        assertEquals(1, Files.readAllLines(knownHosts).size());
        ClientOptions yes = clientOptions().knownHostsFile(knownHosts).build();
        try (SshSession s = SshClient.connect("127.0.0.1", server.port(), yes)) {
            assertTrue(s.authPassword("alice", "secret"));
        }
    }

    @Test
    void streamsSurviveRepeatedKeyReexchanges() throws Exception {
        ClientOptions o = clientOptions().trustedHostKeys(List.of(hostKey.publicKey()))
                .rekeyBytes(256 * 1024).build();
        byte[] data = new byte[4 << 20];
        new Random(9).nextBytes(data);
        try (SshSession s = SshClient.connect("127.0.0.1", server.port(), o)) {
            s.authPublicKey("alice", userKey);
            ExecProcess p = s.execStreaming("cat");
            Thread writer = new Thread(() -> {
                try (OutputStream out = p.getOutputStream()) {
                    out.write(data);
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            byte[] back = p.getInputStream().readAllBytes();
            writer.join();
            assertArrayEquals(data, back);
            assertEquals(0, p.waitFor());
            assertTrue(s.keyExchangeCount() > 10, "key exchanges: " + s.keyExchangeCount());
        }
    }

    @Test
    void aForcedCommandRunsInsteadOfTheRequestedOneWithTheOriginalInSshOriginalCommand() throws Exception {
        server.close();
        server = SshServer.start(serverOptions().hostKeys(List.of(hostKey))
                .publicKeyAuthenticator(AuthorizedKeys.parse("command=\"echo forced: $SSH_ORIGINAL_COMMAND\" "
                        + PublicKeys.toOpenSshLine(userKey.publicKey(), "restricted")))
                .build());
        try (SshSession s = connect()) {
            assertTrue(s.authPublicKey("alice", userKey));
            assertEquals("forced: rm -rf /tmp/nothing\n", s.exec("rm -rf /tmp/nothing").stdoutText());
        }
    }
}
