package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanssh sftp -b}'s get and put against OpenSSH's own {@code sftp -b}: the same batch on
 * the same OpenSSH server, run twice over identical trees, prints the same standard output
 * (every line echoed as typed, no {@code Fetching}/{@code Uploading} lines, the
 * {@code Retrieving}/{@code Entering} lines of recursive copies), ends with the same exit status
 * and leaves the same files with the same modes (and times, where {@code -p} kept them).
 */
@Timeout(120)
class SftpTransfersMatchOpenSshTest {
    /** When every source file and directory was last modified: fixed, so that {@code -p} copies compare. */
    private static final FileTime SOURCE_TIME = FileTime.fromMillis(1_600_000_000_000L);

    @TempDir
    Path dir;

    private static Path file(Path p, String mode, int size) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(p, SOURCE_TIME);
        return p;
    }

    private static void directory(Path p, String mode) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(p, SOURCE_TIME);
    }

    /** The same remote and local trees under {@code base} for either client, and the batch file over them. */
    private static Path trees(Path base, List<String> commands) throws Exception {
        Path remote = base.resolve("remote");
        file(remote.resolve("d/f1.txt"), "rw-r--r--", 3);
        file(remote.resolve("d/x.sh"), "rwxr-xr-x", 2);
        file(remote.resolve("d/.hidden"), "rw-r--r--", 1);
        file(remote.resolve("d/sub/deep.bin"), "rw-------", 70_000);
        Files.createDirectories(remote.resolve("d/empty"));
        Files.createSymbolicLink(remote.resolve("d/link"), Path.of("f1.txt"));
        file(remote.resolve("plain.txt"), "rw-r-----", 5);
        directory(remote.resolve("d/sub"), "rwx------");
        directory(remote.resolve("d/empty"), "rwxr-x---");
        directory(remote.resolve("d"), "rwxr-xr-x");
        Path local = base.resolve("local");
        file(local.resolve("up/a.txt"), "rw-r-----", 4);
        file(local.resolve("up/run.sh"), "rwxr-xr-x", 6);
        file(local.resolve("up/inner/b.dat"), "rw-r--r--", 40_000);
        Files.createSymbolicLink(local.resolve("up/lnk"), Path.of("a.txt"));
        file(local.resolve("file.txt"), "rwxr-x---", 7);
        file(local.resolve("x"), "rw-r--r--", 0);
        directory(local.resolve("up/inner"), "rwx--x--x");
        directory(local.resolve("up"), "rwxr-x---");
        Path batch = base.resolve("batch");
        List<String> lines = new java.util.ArrayList<>(List.of("lcd " + local, "cd " + remote));
        lines.addAll(commands);
        Files.write(batch, lines);
        return batch;
    }

    /** Runs {@code commands} with both clients; checks output, status and trees; returns ours. */
    private SftpBatchRuns.Run runBoth(List<String> commands, int status) throws Exception {
        Path theirs = dir.resolve("theirs");
        Path ours = dir.resolve("ours");
        try (OpenSshServer sshd = OpenSshServer.start()) {
            Path key = SftpBatchRuns.authorizedKey(sshd, dir);
            SftpBatchRuns.Run openSsh = SftpBatchRuns.openSsh(sshd, key, trees(theirs, commands));
            SftpBatchRuns.Run run = SftpBatchRuns.sanssh(sshd, key, trees(ours, commands));
            assertEquals(status, openSsh.status(), openSsh.out() + openSsh.err());
            assertEquals(status, run.status(), run.out() + run.err());
            assertEquals(openSsh.out().replace(theirs.toString(), "BASE"), run.out().replace(ours.toString(), "BASE"),
                    "stderr: " + run.err());
            assertEquals(SftpBatchRuns.files(theirs, p -> p.contains("kept"), true),
                    SftpBatchRuns.files(ours, p -> p.contains("kept"), true));
            return run;
        }
    }

    @Test
    void batchModeEchoesEveryLineAsTypedAndIsQuietAboutTransfers() throws Exception {
        OpenSsh.assume(SftpBatchRuns.SFTP, "openssh-client");
        SftpBatchRuns.Run run = runBoth(List.of("", "# a comment", "  get   plain.txt   copy.txt  ", "@get plain.txt",
                "-get nothere", "-put -a file.txt", "put file.txt", "put -p file.txt kept.txt", "chmod 600 file.txt", "-put -a file.txt",
                "get -p plain.txt kept", "get -a plain.txt", "-get -a x d/f1.txt", "rm file.txt", "-@ls nothere", "ls -1", "get nothere2",
                "mkdir never"), 1);
        List<String> lines = run.lines();
        assertTrue(lines.contains("sftp>   get   plain.txt   copy.txt  "), lines.toString());
        assertTrue(lines.contains("sftp> # a comment") && lines.contains("sftp> "), lines.toString());
        assertFalse(run.out().contains("@get") || run.out().contains("Fetching") || run.out().contains("Uploading"),
                run.out());
        assertTrue(run.err().contains("nothere2"), run.err());
    }

    @Test
    void recursiveGetAndPutCopyDirectoriesAsOpenSshDoes() throws Exception {
        OpenSsh.assume(SftpBatchRuns.SFTP, "openssh-client");
        SftpBatchRuns.Run run = runBoth(List.of("get -r d", "get -r d", "get -rp d kept", "get -r d/sub/ s2",
                "get -R d/sub", "put -r up", "put -r up up", "put -rp up upkept", "-put -r up plain.txt", "-put -r nothere",
                "-get d", "-put up", "ls -1 up", "get -r d x", "mkdir never"), 1);
        List<String> lines = run.lines();
        assertTrue(lines.contains("Retrieving BASE/remote/d/sub".replace("BASE", dir.resolve("ours").toString())),
                lines.toString());
        assertTrue(lines.contains("Entering up/inner"), lines.toString());
        List<String> files = SftpBatchRuns.files(dir.resolve("ours"), p -> p.contains("kept"), true);
        assertTrue(files.contains("local/d/sub/deep.bin 70000 rw-------"), files.toString());
        assertTrue(files.contains("remote/up/up/inner/b.dat 40000 rw-r--r--"), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("local/kept/sub/ rwx------ 2020-09-13")), files.toString());
        assertFalse(files.stream().anyMatch(f -> f.startsWith("local/d/link") || f.startsWith("remote/up/lnk")),
                files.toString());
        assertTrue(run.err().contains("not a regular file"), run.err());
    }
}
