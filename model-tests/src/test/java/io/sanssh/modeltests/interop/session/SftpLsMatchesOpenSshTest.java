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
 * OpenSSH lays short listings out in columns, so those commands use {@code -1}.
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
                "ls -lrS");
        Path batch = dir.resolve("batch");
        Files.write(batch, commands);

        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        Path key = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(key, user, "ls");
        try (OpenSshServer sshd = OpenSshServer.start()) {
            sshd.authorize(PublicKeys.toOpenSshLine(user.publicKey(), "ls"));
            BoundedProcess.Result openSsh = BoundedProcess.run(List.of(SFTP.toString(), "-F", "/dev/null", "-b",
                    batch.toString(), "-i", key.toString(), "-o", "StrictHostKeyChecking=no", "-o",
                    "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "IdentityAgent=none", "-P",
                    Integer.toString(sshd.port()), sshd.user() + "@127.0.0.1"), Duration.ofSeconds(60));
            assertEquals(0, openSsh.exitCode(), openSsh.output());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of("sftp", "-F", "none", "-b", batch.toString(), "-i", key.toString(), "-o",
                    "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-p",
                    Integer.toString(sshd.port()), sshd.user() + "@127.0.0.1"), new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String ours = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, ours + err.toString(StandardCharsets.UTF_8));

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
}
