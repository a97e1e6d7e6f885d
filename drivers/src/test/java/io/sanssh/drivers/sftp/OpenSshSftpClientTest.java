package io.sanssh.drivers.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSH's own {@code sftp} client against our server: {@code sftp -D} runs a local program
 * that speaks SFTP on stdin and stdout instead of going through ssh, here
 * {@link SftpStdioServer} (our server session over the NIO backend) started with this JVM's
 * java binary and class path.
 */
class OpenSshSftpClientTest {
    private static final Path SFTP = Path.of("/usr/bin/sftp");

    @TempDir
    Path tmp;
    private Path root;
    private Path local;

    /** What one sftp run printed and how it exited. */
    record Run(int exit, String output) {
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(SFTP), "OpenSSH sftp is not installed");
        root = Files.createDirectories(tmp.resolve("root"));
        local = Files.createDirectories(tmp.resolve("local"));
    }

    private String serverCommand(boolean readOnly) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        assumeTrue(!cp.contains(" ") && !root.toString().contains(" "), "paths with spaces cannot pass through -D");
        return java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + cp + " " + SftpStdioServer.class.getName()
                + " " + root + (readOnly ? " ro" : "");
    }

    private Run sftp(boolean readOnly, String... commands) throws IOException, InterruptedException {
        Path batch = tmp.resolve("batch-" + System.nanoTime());
        Files.write(batch, List.of(commands));
        Process p = new ProcessBuilder(SFTP.toString(), "-b", batch.toString(), "-D", serverCommand(readOnly))
                .directory(local.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "sftp did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void putGetListRenameLinkAndRemove() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(1).nextBytes(data);
        Files.write(local.resolve("local.bin"), data);
        Run r = sftp(false,
                "put local.bin up.bin",
                "get up.bin back.bin",
                "mkdir d",
                "rename up.bin d/moved.bin",
                "ln -s d/moved.bin link.bin",
                "get link.bin vialink.bin",
                "chmod 600 d/moved.bin",
                "ls -l",
                "ls -l d",
                "df",
                "rm link.bin");
        assertEquals(0, r.exit(), r.output());
        assertArrayEquals(data, Files.readAllBytes(local.resolve("back.bin")));
        assertArrayEquals(data, Files.readAllBytes(local.resolve("vialink.bin")));
        assertArrayEquals(data, Files.readAllBytes(root.resolve("d/moved.bin")));
        assertTrue(r.output().contains("moved.bin"), r.output());
        assertTrue(r.output().contains("-rw-------"), r.output());
        assertFalse(Files.exists(root.resolve("link.bin"), LinkOption.NOFOLLOW_LINKS));

        Run clean = sftp(false, "rm d/moved.bin", "rmdir d", "ls");
        assertEquals(0, clean.exit(), clean.output());
        assertFalse(Files.exists(root.resolve("d")));
    }

    @Test
    void escapesFromTheRootFail() throws Exception {
        Files.writeString(tmp.resolve("secret"), "outside");
        Run escape = sftp(false, "get ../../etc/passwd stolen");
        assertNotEquals(0, escape.exit(), escape.output());
        assertFalse(Files.exists(local.resolve("stolen")));

        Run more = sftp(false,
                "-get ../secret stolen1",
                "-get /../secret stolen2",
                "-get /etc/passwd stolen3",
                "-ln -s ../secret evil",
                "-cd ..",
                "pwd");
        assertEquals(0, more.exit(), more.output());
        for (String f : List.of("stolen1", "stolen2", "stolen3")) {
            assertFalse(Files.exists(local.resolve(f)), f + "\n" + more.output());
        }
        assertFalse(Files.exists(root.resolve("evil"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(more.output().contains("Remote working directory: /"), more.output());
    }

    @Test
    void aReadOnlyServerRefusesUploads() throws Exception {
        Files.writeString(local.resolve("x"), "x");
        Files.writeString(root.resolve("r"), "readable");
        Run r = sftp(true, "get r got", "-put x x", "-mkdir d", "-rm r");
        assertEquals(0, r.exit(), r.output());
        assertEquals("readable", Files.readString(local.resolve("got")));
        assertFalse(Files.exists(root.resolve("x")));
        assertFalse(Files.exists(root.resolve("d")));
        assertTrue(Files.exists(root.resolve("r")));
        assertTrue(r.output().contains("Permission denied"), r.output());
    }
}
