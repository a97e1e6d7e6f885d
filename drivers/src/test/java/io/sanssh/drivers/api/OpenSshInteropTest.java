package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
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
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path SFTP = Path.of("/usr/bin/sftp");
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
        assumeTrue(OpenSshd.available(), "OpenSSH sshd not installed");
        try (OpenSshd sshd = OpenSshd.start(dir)) {
            try (SshSession s = sshd.loginWithKey()) {
                assertTrue(s.serverVersion().startsWith("SSH-2.0-OpenSSH"), s.serverVersion());
                assertEquals(System.getProperty("user.name"), s.user());
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
                throw new AssertionError("failed; sshd said:\n" + sshd.log(), e);
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

    static List<String> sshCommon(String program, Path key, String portFlag, int port) {
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
    void openSshSftpLinksRemovesAndCannotEscapeTheSansshServersRoot() throws Exception {
        assumeTrue(Files.isExecutable(SFTP), "OpenSSH sftp not installed");
        Path key = dir.resolve("id_user");
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("a.txt"), "alpha");
        Files.writeString(dir.resolve("secret"), "outside the root");
        try (SshServer server = startServer(key, false)) {
            Path root = dir.resolve("root");
            Files.createSymbolicLink(root.resolve("planted"), dir.resolve("secret"));
            Path batch = dir.resolve("batch");
            Files.write(batch, List.of("put a.txt", "mkdir d", "rename a.txt d/b.txt", "ln -s b.txt d/link",
                    "get d/link via-link.txt", "ls -l d", "rm d/link", "-get ../../etc/passwd stolen1",
                    "-get planted stolen2", "-ln -s ../secret evil", "-get evil stolen3", "-cd ..", "pwd"));
            List<String> cmd = sshCommon(SFTP.toString(), key, "-P", server.port());
            cmd.addAll(List.of("-b", batch.toString(), "127.0.0.1"));
            Result r = runProcess(cmd, local);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("alpha", Files.readString(root.resolve("d/b.txt")));
            assertEquals("alpha", Files.readString(local.resolve("via-link.txt")));
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("l") && l.endsWith("link")), r.out());
            assertTrue(!Files.exists(root.resolve("d/link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            for (String stolen : List.of("stolen1", "stolen2", "stolen3")) {
                assertTrue(!Files.exists(local.resolve(stolen)), stolen + "\n" + r.out() + r.err());
            }
            assertTrue(r.out().contains("Remote working directory: /"), r.out());
            assertEquals("outside the root", Files.readString(dir.resolve("secret")));
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
}
