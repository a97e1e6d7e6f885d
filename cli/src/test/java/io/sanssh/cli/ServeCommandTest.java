package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanssh serve} as a separate process (as a user runs it), driven by OpenSSH's own
 * {@code ssh} and {@code sftp} clients. Skipped where they are not installed.
 */
@Timeout(180)
class ServeCommandTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path SFTP = Path.of("/usr/bin/sftp");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    private Process serve;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** What a finished process printed and returned. */
    record Result(int exit, String out, String err) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    /** Starts {@code sanssh serve} with a new user key authorized; returns the port it printed. */
    private int startServe(Path identity, Path root, String... extra) throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        HostKeyFiles.writeNew(identity, user, "serve-test");
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeys.toOpenSshLine(user.publicKey(), "serve-test") + "\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--listen", "127.0.0.1:0", "--host-key", dir.resolve("host_key").toString(),
                "--authorized-keys", authorized.toString(), "--root", root.toString()));
        cmd.addAll(List.of(extra));
        serve = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertTrue(serve.isAlive(), "serve exited early:\n" + seen);
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                assertTrue(Files.exists(dir.resolve("host_key")), "the host key was generated");
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve never printed 'listening on':\n" + seen);
    }

    private static Result run(List<String> command, Path cwd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // gone
            }
        });
        t.start();
        byte[] out = p.getInputStream().readAllBytes();
        t.join();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> client(Path program, Path key, String portFlag, int port) {
        return new ArrayList<>(List.of(program.toString(), "-i", key.toString(), portFlag, Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"));
    }

    @Test
    void servePrintsListeningThenOpenSshRunsACommand() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        Path key = dir.resolve("id_ed25519");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("marker.txt"), "x");
        int port = startServe(key, root);
        List<String> cmd = client(SSH, key, "-p", port);
        cmd.addAll(List.of("127.0.0.1", "echo hi; ls; exit 3"));
        Result r = run(cmd, null);
        assertEquals(3, r.exit(), r.err());
        assertEquals("hi\nmarker.txt\n", r.out());
    }

    @Test
    void sshTtGetsATerminalFromServe() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script not installed");
        Path key = dir.resolve("id_ed25519");
        Path root = Files.createDirectories(dir.resolve("root"));
        int port = startServe(key, root);
        List<String> cmd = client(SSH, key, "-p", port);
        cmd.addAll(List.of("-tt", "127.0.0.1", "tty; exit 6"));
        Result r = run(cmd, null);
        assertEquals(6, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("/dev/pts/"), r.out());
        assertTrue(r.out().endsWith("\r\n"), r.out());
    }

    @Test
    void theSelectorDriverServesOpenSshAndTheSansshClient() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        Path key = dir.resolve("id_ed25519");
        Path root = Files.createDirectories(dir.resolve("root"));
        int port = startServe(key, root, "--driver", "selector");
        List<String> cmd = client(SSH, key, "-p", port);
        cmd.addAll(List.of("127.0.0.1", "echo selector; exit 4"));
        Result r = run(cmd, null);
        assertEquals(4, r.exit(), r.err());
        assertEquals("selector\n", r.out());
        MainTest.Run ours = MainTest.sanssh(new byte[0], "exec", "-n", "-p", Integer.toString(port), "-i", key.toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "Driver=selector", "127.0.0.1", "echo", "both");
        assertEquals(0, ours.status(), ours.err());
        assertEquals("both\n", ours.out());
    }

    @Test
    void anUnknownDriverIsAUsageError() throws Exception {
        MainTest.Run r = MainTest.sanssh(new byte[0], "serve", "--driver", "epoll", "--password-file", "/dev/null");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--driver must be blocking or selector"), r.err());
    }

    @Test
    void readOnlyServeLetsSftpReadButNotWrite() throws Exception {
        assumeTrue(Files.isExecutable(SFTP), "OpenSSH sftp not installed");
        Path key = dir.resolve("id_ed25519");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("served.txt"), "served content\n");
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("new.txt"), "new\n");
        int port = startServe(key, root, "--read-only");

        Path get = dir.resolve("get.batch");
        Files.write(get, List.of("get served.txt fetched.txt"));
        List<String> cmd = client(SFTP, key, "-P", port);
        cmd.addAll(List.of("-b", get.toString(), "127.0.0.1"));
        Result r = run(cmd, local);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("served content\n", Files.readString(local.resolve("fetched.txt")));

        Path put = dir.resolve("put.batch");
        Files.write(put, List.of("put new.txt"));
        List<String> cmd2 = client(SFTP, key, "-P", port);
        cmd2.addAll(List.of("-b", put.toString(), "127.0.0.1"));
        Result refused = run(cmd2, local);
        assertNotEquals(0, refused.exit(), refused.out() + refused.err());
        assertTrue(Files.notExists(root.resolve("new.txt")));
        assertNotNull(refused.err());
    }
}
