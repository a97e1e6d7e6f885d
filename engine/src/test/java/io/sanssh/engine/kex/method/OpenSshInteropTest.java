package io.sanssh.engine.kex.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key exchange against the installed OpenSSH, over {@link PlainKex}: our server role against
 * {@code ssh}, our client role against {@code sshd -i}. OpenSSH checks the host key signature
 * over H before it sends NEWKEYS, so its NEWKEYS proves that K and H match byte for byte; in the
 * client role we also verify sshd's signature over our H ourselves. Skipped where OpenSSH is not
 * installed; each method runs only if this OpenSSH knows it ({@code ssh -Q kex}).
 */
class OpenSshInteropTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    static Stream<String> methods() throws Exception {
        if (!Files.isExecutable(SSH)) {
            return Stream.of(KexMethods.supported().get(0));
        }
        Process p = new ProcessBuilder(SSH.toString(), "-Q", "kex").redirectErrorStream(true).start();
        List<String> known = List.of(new String(p.getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).split("\\s+"));
        p.waitFor(10, TimeUnit.SECONDS);
        return KexMethods.supported().stream().filter(known::contains);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void ourServerAgainstOpenSshClient(String method, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH client not installed");
        Path log = dir.resolve("ssh.log");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(30_000);
            Process ssh = new ProcessBuilder(SSH.toString(), "-F", "/dev/null",
                    "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "KexAlgorithms=" + method,
                    "-o", "HostKeyAlgorithms=ssh-ed25519",
                    "-o", "ConnectTimeout=30",
                    "-p", Integer.toString(listener.getLocalPort()),
                    "-v", "sanssh@127.0.0.1", "true")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (Socket s = listener.accept()) {
                s.setSoTimeout(60_000);
                PlainKex kex = new PlainKex(s.getInputStream(), s.getOutputStream(),
                        Seeded.random(method.hashCode()));
                PlainKex.Result r = kex.serve(method, TestHostKey.ed25519(Seeded.random(1)));
                assertEquals(21, r.peerAfterNewKeys(), () -> method + ": " + read(log));
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError(method + " failed; ssh said:\n" + read(log), e);
            } finally {
                ssh.destroy();
                ssh.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"curve25519-sha256", "diffie-hellman-group14-sha256"})
    void openSshRefusesASignatureOverAWrongExchangeHash(String method, @TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH client not installed");
        Path log = dir.resolve("ssh.log");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(30_000);
            Process ssh = new ProcessBuilder(SSH.toString(), "-F", "/dev/null",
                    "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "KexAlgorithms=" + method,
                    "-o", "HostKeyAlgorithms=ssh-ed25519",
                    "-p", Integer.toString(listener.getLocalPort()),
                    "sanssh@127.0.0.1", "true")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (Socket s = listener.accept()) {
                s.setSoTimeout(60_000);
                PlainKex kex = new PlainKex(s.getInputStream(), s.getOutputStream(),
                        Seeded.random(2)).corruptSignedHash();
                PlainKex.Result r = kex.serve(method, TestHostKey.ed25519(Seeded.random(1)));
                assertNotEquals(21, r.peerAfterNewKeys());
            } finally {
                ssh.destroy();
                ssh.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(read(log).contains("incorrect signature"), () -> read(log));
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void ourClientAgainstOpenSshServer(String method, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN),
                "OpenSSH server not installed");
        Path hostKey = dir.resolve("host_ed25519");
        Process keygen = new ProcessBuilder(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "",
                "-f", hostKey.toString()).redirectErrorStream(true).start();
        assertEquals(0, keygen.waitFor(), () -> "ssh-keygen failed");
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, "HostKey " + hostKey + "\nKexAlgorithms " + method
                + "\nUsePAM no\nPidFile none\nLogLevel VERBOSE\n");
        Path log = dir.resolve("sshd.log");
        // Inetd mode: one connection on stdin/stdout, no port, no daemon.
        Process sshd = new ProcessBuilder(SSHD.toString(), "-i", "-e", "-f", config.toString())
                .redirectError(log.toFile()).start();
        try {
            PlainKex kex = new PlainKex(sshd.getInputStream(), sshd.getOutputStream(),
                    Seeded.random(method.hashCode()));
            PlainKex.Result r = kex.connect(method, "ssh-ed25519");
            assertEquals(21, r.peerAfterNewKeys());
        } catch (IOException | RuntimeException | AssertionError e) {
            throw new AssertionError(method + " failed; sshd said:\n" + read(log), e);
        } finally {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
