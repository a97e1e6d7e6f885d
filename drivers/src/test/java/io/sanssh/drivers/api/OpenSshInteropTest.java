package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user API against the real OpenSSH: the Sanssh client against {@code sshd} started here on a
 * loopback port, and OpenSSH's {@code ssh} and {@code sftp} against the Sanssh server. Skipped
 * where OpenSSH is not installed.
 */
@Timeout(180)
class OpenSshInteropTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path SFTP = Path.of("/usr/bin/sftp");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    /** What a finished process printed and returned. */
    record Result(int exit, String out, String err) {
    }

    private static Result runProcess(List<String> command, Path cwd) throws IOException, InterruptedException {
        ProcessRun.Result r = ProcessRun.run(command, cwd, new byte[0]);
        return new Result(r.exit(), r.out(), r.err());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void sansshClientRunsCommandsOnOpenSshSshd() throws Exception {
        assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN) && Files.isDirectory(Path.of("/run/sshd")),
                "OpenSSH sshd not installed");
        Path hostKey = dir.resolve("host_ed25519");
        assertEquals(0, runProcess(List.of(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()),
                null).exit());
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeys.toOpenSshLine(user.publicKey(), "sanssh-test") + "\n");
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, "HostKey " + hostKey + "\nListenAddress 127.0.0.1\nUsePAM no\nPidFile none\n"
                + "StrictModes no\nPermitRootLogin yes\nPasswordAuthentication no\nAuthorizedKeysFile " + authorized
                + "\nLogLevel VERBOSE\n");
        Path log = dir.resolve("sshd.log");
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(log, "Server listening on 127.0.0.1 port " + port);
            Path knownHosts = dir.resolve("known_hosts");
            String hostPub = Files.readString(Path.of(hostKey + ".pub")).strip();
            Files.writeString(knownHosts, KnownHosts.formatEntry("127.0.0.1", port,
                    PublicKeys.parseOpenSshLine(hostPub), true, RANDOM) + "\n");
            ClientOptions o = ClientOptions.builder().knownHostsFile(knownHosts).build();
            try (SshSession s = SshClient.connect("127.0.0.1", port, o)) {
                assertTrue(s.serverVersion().startsWith("SSH-2.0-OpenSSH"), s.serverVersion());
                assertTrue(s.authPublicKey(System.getProperty("user.name"), user));
                ExecResult hi = s.exec("echo hi");
                assertEquals("hi\n", hi.stdoutText());
                assertEquals(0, hi.exitStatus());
                ExecResult mixed = s.exec("echo oops >&2; exit 5");
                assertEquals("oops\n", mixed.stderrText());
                assertEquals(5, mixed.exitStatus());

                byte[] data = new byte[4 << 20];
                new Random(7).nextBytes(data);
                ExecProcess cat = s.execStreaming("cat");
                Thread writer = new Thread(() -> {
                    try (OutputStream out = cat.getOutputStream()) {
                        out.write(data);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                writer.start();
                byte[] back = cat.getInputStream().readAllBytes();
                writer.join();
                assertArrayEquals(data, back);
                assertEquals(0, cat.waitFor());
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("failed; sshd said:\n" + Files.readString(log), e);
            }
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroy);
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
    }

    private SshServer startServer(Path userKeyFile, boolean forwarding) throws IOException {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        HostKeyFiles.writeNew(userKeyFile, user, "openssh-client");
        Path root = Files.createDirectories(dir.resolve("root"));
        return SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("sanssh_host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "u")))
                .sftpRoot(root)
                .allowTcpForwarding(forwarding)
                .build());
    }

    private static List<String> sshCommon(String program, Path key, String portFlag, int port) {
        return new ArrayList<>(List.of(program, "-i", key.toString(), portFlag, Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"));
    }

    @Test
    void openSshClientRunsACommandOnTheSansshServer() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        Path key = dir.resolve("id_user");
        try (SshServer server = startServer(key, false)) {
            List<String> cmd = sshCommon(SSH.toString(), key, "-p", server.port());
            cmd.addAll(List.of("127.0.0.1", "echo hi; echo there >&2; exit 3"));
            Result r = runProcess(cmd, null);
            assertEquals(3, r.exit(), r.err());
            assertEquals("hi\n", r.out());
            assertEquals("there\n", r.err());
        }
    }

    @Test
    void openSshSftpTransfersFilesThroughTheSansshServer() throws Exception {
        assumeTrue(Files.isExecutable(SFTP), "OpenSSH sftp not installed");
        Path key = dir.resolve("id_user");
        Path local = Files.createDirectories(dir.resolve("local"));
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(data);
        Files.write(local.resolve("up.bin"), data);
        try (SshServer server = startServer(key, false)) {
            Path batch = dir.resolve("batch");
            Files.write(batch, List.of("put up.bin remote.bin", "mkdir sub", "rename remote.bin sub/moved.bin",
                    "get sub/moved.bin back.bin", "ls -l sub"));
            List<String> cmd = sshCommon(SFTP.toString(), key, "-P", server.port());
            cmd.addAll(List.of("-b", batch.toString(), "127.0.0.1"));
            Result r = runProcess(cmd, local);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertArrayEquals(data, Files.readAllBytes(dir.resolve("root/sub/moved.bin")));
            assertArrayEquals(data, Files.readAllBytes(local.resolve("back.bin")));
            assertTrue(r.out().contains("moved.bin"), r.out());
        }
    }

    @Test
    void openSshLocalForwardingGoesThroughDirectTcpip() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        Path key = dir.resolve("id_user");
        try (ServerSocket target = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             SshServer server = startServer(key, true)) {
            Thread echo = new Thread(() -> {
                try (Socket s = target.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] line = in.readNBytes(6);
                    s.getOutputStream().write(("echo:" + new String(line, StandardCharsets.US_ASCII)).getBytes(
                            StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test's assertion reports it
                }
            });
            echo.start();
            int local = freePort();
            List<String> cmd = sshCommon(SSH.toString(), key, "-p", server.port());
            cmd.addAll(List.of("-o", "ExitOnForwardFailure=yes", "-L",
                    local + ":127.0.0.1:" + target.getLocalPort(), "127.0.0.1", "sleep 20"));
            Process ssh = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                String reply = null;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (reply == null && System.nanoTime() < end) {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), local)) {
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write("hello!".getBytes(StandardCharsets.US_ASCII));
                        reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    } catch (IOException notYet) {
                        Thread.sleep(100);
                    }
                }
                assertEquals("echo:hello!", reply);
            } finally {
                ssh.destroy();
                ssh.waitFor(10, TimeUnit.SECONDS);
                echo.join(10_000);
            }
        }
    }

    private static void awaitLog(Path log, String line) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sshd never logged \"" + line + "\":\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
