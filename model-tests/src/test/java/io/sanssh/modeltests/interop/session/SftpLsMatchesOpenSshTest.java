package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.cli.Main;
import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.modeltests.interop.support.BoundedProcess;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanssh sftp}'s {@code ls} against OpenSSH's own {@code sftp} client: the same batch of
 * {@code ls} commands on the same OpenSSH server (internal-sftp, which offers users-groups-by-id)
 * prints the same lines, a single file, dot files, path prefixes and long lines included.
 * OpenSSH lays short listings out in columns, so those commands use {@code -1}. Glob patterns
 * list their matches as typed, or the entries of the one directory matched.
 */
@Timeout(120)
class SftpLsMatchesOpenSshTest {
    private static final Path SFTP = Path.of("/usr/bin/sftp");

    @TempDir
    Path dir;

    /** The output of each command of a batch run, by command, from the {@code sftp> } echo lines. */
    private static Map<String, List<String>> sections(String output) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("sftp> ")) {
                current = new ArrayList<>();
                m.put(line.substring("sftp> ".length()), current);
            } else if (current != null) {
                current.add(line.stripTrailing());
            }
        }
        return m;
    }

    /** Runs OpenSSH's sftp on {@code batch} against {@code sshd}. */
    private static BoundedProcess.Result openSshSftp(OpenSshServer sshd, Path key, Path batch) {
        return BoundedProcess.run(List.of(SFTP.toString(), "-F", "/dev/null", "-b", batch.toString(), "-i",
                key.toString(), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
                "LogLevel=ERROR", "-o", "IdentityAgent=none", "-P", Integer.toString(sshd.port()),
                sshd.user() + "@127.0.0.1"), Duration.ofSeconds(60));
    }

    /** Runs {@code sanssh sftp} in process on {@code batch}: exit status, stdout, stderr. */
    private static String[] sansshSftp(OpenSshServer sshd, Path key, Path batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("sftp", "-F", "none", "-b", batch.toString(), "-i", key.toString(), "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-p",
                Integer.toString(sshd.port()), sshd.user() + "@127.0.0.1"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void lsPrintsWhatOpenSshsSftpPrints() throws Exception {
        OpenSsh.assume(SFTP, "openssh-client");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("hello.txt"), "hello\n");
        Files.write(tree.resolve("big.bin"), new byte[5000]);
        Files.writeString(tree.resolve(".hidden"), "h");
        Files.createDirectories(tree.resolve("d"));
        Files.writeString(tree.resolve("d/a.txt"), "a");
        Files.writeString(tree.resolve("d/.dot"), "dot!");
        List<String> commands = List.of("cd " + tree, "ls -1 hello.txt", "ls -l hello.txt", "ls -1 " + tree + "/d/a.txt",
                "ls -1", "ls -1a", "ls -1 d", "ls -1 d/", "ls -l", "ls -l d", "ls -la d/", "ls -1S", "ls -1r",
                "ls -lrS", "ls -1 *.txt", "ls -1 *", "ls -1 d*", "ls -1 d/*", "ls -1 .h*", "ls -l *.bin",
                "ls -1 ?ig.*", "ls -1 [bh]*", "ls -1 " + tree + "/[!b]*", "ls -1 */a.txt", "ls -l d*", "ls -l *");
        Path batch = dir.resolve("batch");
        Files.write(batch, commands);

        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        Path key = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(key, user, "ls");
        try (OpenSshServer sshd = OpenSshServer.start()) {
            sshd.authorize(PublicKeys.toOpenSshLine(user.publicKey(), "ls"));
            BoundedProcess.Result openSsh = openSshSftp(sshd, key, batch);
            assertEquals(0, openSsh.exitCode(), openSsh.output());
            String[] run = sansshSftp(sshd, key, batch);
            String ours = run[1];
            assertEquals("0", run[0], ours + run[2]);

            Map<String, List<String>> expected = sections(openSsh.output());
            Map<String, List<String>> actual = sections(ours);
            assertEquals(commands, List.copyOf(expected.keySet()), openSsh.output());
            for (String c : commands) {
                assertEquals(expected.get(c), actual.get(c), "'" + c + "'");
            }
            assertEquals(List.of("hello.txt"), actual.get("ls -1 hello.txt"));
            assertTrue(actual.get("ls -1a").contains(".hidden"));
            assertFalse(actual.get("ls -1").contains(".hidden"));
            assertTrue(actual.get("ls -l hello.txt").get(0).startsWith("-rw"), actual.toString());
        }
    }

    /** A remote and a local tree under {@code base} for the glob commands, and their batch. */
    private static Path globTrees(Path base) throws Exception {
        Path remote = Files.createDirectories(base.resolve("remote/bins/sub"));
        Files.createDirectories(base.resolve("remote/up"));
        Files.write(remote.getParent().resolve("one.bin"), new byte[] {1});
        Files.write(base.resolve("remote/bins/two.bin"), new byte[] {2, 2});
        for (String f : List.of("x1.tmp", "x2.tmp", "keep.tmpx", ".x3.tmp")) {
            Files.writeString(base.resolve("remote").resolve(f), f);
        }
        Path local = Files.createDirectories(base.resolve("local/down"));
        for (String f : List.of("up1.dat", "up2.dat", "other.txt", ".up3.dat")) {
            Files.writeString(base.resolve("local").resolve(f), f);
        }
        Path batch = base.resolve("batch");
        Files.write(batch, List.of("lcd " + local.getParent(), "cd " + base.resolve("remote"), "get bins/*.bin down",
                "put up?.dat up", "put *.dat", "-put * up", "-get bins/* down", "rm *.tmp", "get *.none"));
        return batch;
    }

    /** The files under {@code base} (batch file aside), as relative paths with their sizes. */
    private static List<String> files(Path base) throws Exception {
        try (var walk = Files.walk(base)) {
            return walk.filter(f -> !f.getFileName().toString().equals("batch"))
                    .map(f -> base.relativize(f) + (Files.isRegularFile(f) ? " " + f.toFile().length() : "/"))
                    .sorted().toList();
        }
    }

    @Test
    void globbedGetPutAndRmDoWhatOpenSshsSftpDoes() throws Exception {
        OpenSsh.assume(SFTP, "openssh-client");
        Path theirs = dir.resolve("theirs");
        Path ours = dir.resolve("ours");
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        Path key = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(key, user, "glob");
        try (OpenSshServer sshd = OpenSshServer.start()) {
            sshd.authorize(PublicKeys.toOpenSshLine(user.publicKey(), "glob"));
            BoundedProcess.Result openSsh = openSshSftp(sshd, key, globTrees(theirs));
            String[] run = sansshSftp(sshd, key, globTrees(ours));
            assertEquals(1, openSsh.exitCode(), openSsh.output());
            assertEquals("1", run[0], run[1] + run[2]);
            assertEquals(files(theirs), files(ours));
            assertTrue(files(ours).containsAll(List.of("local/down/one.bin 1", "local/down/two.bin 2",
                    "remote/up/up1.dat 7", "remote/up2.dat 7", "remote/.x3.tmp 7", "remote/up/other.txt 9")), files(ours).toString());
            assertFalse(files(ours).contains("remote/x1.tmp 6"), files(ours).toString());
            assertEquals(List.of(), sections(run[1]).get("rm *.tmp"));
            assertEquals(sections(openSsh.output()).get("rm *.tmp"), sections(run[1]).get("rm *.tmp"));
            String notFound = "File \"BASE/remote/*.none\" not found.";
            assertTrue(openSsh.output().replace(theirs.toString(), "BASE").contains(notFound), openSsh.output());
            assertTrue(run[2].replace(ours.toString(), "BASE").contains(notFound), run[2]);
        }
    }
}
