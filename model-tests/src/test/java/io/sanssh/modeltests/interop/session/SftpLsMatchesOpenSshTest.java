package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanssh sftp}'s {@code ls} against OpenSSH's own {@code sftp} client: the same batch of
 * {@code ls} commands on the same OpenSSH server (internal-sftp, which offers users-groups-by-id)
 * prints the same lines, a single file, dot files, path prefixes and long lines included.
 * Short listings are laid out in columns, as OpenSSH's sftp does on an 80-column line. Glob patterns
 * list their matches as typed, or the entries of the one directory matched.
 */
@Timeout(120)
class SftpLsMatchesOpenSshTest {
    private static final Path SFTP = SftpBatchRuns.SFTP;

    @TempDir
    Path dir;

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

        try (OpenSshServer sshd = OpenSshServer.start()) {
            Path key = SftpBatchRuns.authorizedKey(sshd, dir);
            SftpBatchRuns.Run openSsh = SftpBatchRuns.openSsh(sshd, key, batch);
            assertEquals(0, openSsh.status(), openSsh.out() + openSsh.err());
            SftpBatchRuns.Run run = SftpBatchRuns.sanssh(sshd, key, batch);
            String ours = run.out();
            assertEquals(0, run.status(), ours + run.err());

            Map<String, List<String>> expected = SftpBatchRuns.sections(openSsh.out());
            Map<String, List<String>> actual = SftpBatchRuns.sections(ours);
            assertEquals(commands, List.copyOf(expected.keySet()), openSsh.out());
            for (String c : commands) {
                assertEquals(expected.get(c), actual.get(c), "'" + c + "'");
            }
            assertEquals(List.of("hello.txt"), actual.get("ls -1 hello.txt"));
            assertTrue(actual.get("ls -1a").contains(".hidden"));
            assertFalse(actual.get("ls -1").contains(".hidden"));
            assertTrue(actual.get("ls -l hello.txt").get(0).startsWith("-rw"), actual.toString());
        }
    }

    /**
     * Files of sizes around the unit steps of {@code ls -h}, a directory of long names, one of many
     * short ones and an empty one, each with its own modification time (for {@code -t}), and a
     * file of an owner without a name (for {@code -n}).
     */
    private static Path layoutTree(Path base) throws Exception {
        Path tree = Files.createDirectories(base.resolve("layout"));
        long[] sizes = {0, 1, 1023, 1024, 1535, 1536, 10239, 10240, 10700, 10752, 102399, 1048575, 1048576,
            10485759, 1073741824L, 5_000_000_000L};
        long time = 1_500_000_000_000L;
        for (long size : sizes) {
            try (RandomAccessFile f = new RandomAccessFile(tree.resolve("s" + size).toFile(), "rw")) {
                f.setLength(size); // sparse: no disk spent
            }
            Files.setLastModifiedTime(tree.resolve("s" + size), FileTime.fromMillis(time += 60_000));
        }
        Files.setAttribute(tree.resolve("s1"), "unix:uid", 54321);
        Path many = Files.createDirectories(tree.resolve("many"));
        for (int i = 0; i < 23; i++) {
            Files.writeString(many.resolve("n" + i), "");
        }
        Files.writeString(many.resolve(".dot"), "");
        Path wide = Files.createDirectories(tree.resolve("wide"));
        Files.writeString(wide.resolve("a-name-long-enough-to-need-a-whole-line-by-itself.txt"), "");
        Files.writeString(wide.resolve("short"), "");
        Files.createDirectories(tree.resolve("empty"));
        for (String d : List.of("many", "wide", "empty")) {
            Files.setLastModifiedTime(tree.resolve(d), FileTime.fromMillis(time += 60_000));
        }
        return tree;
    }

    @Test
    void columnsHumanSizesAndNumericIdsMatchOpenSsh() throws Exception {
        OpenSsh.assume(SFTP, "openssh-client");
        Path tree = layoutTree(dir);
        List<String> commands = List.of("cd " + tree, "ls", "ls -lh", "ls -n", "ls -lnh s1*", "ls -1n s1", "ls -n1 s1",
                "ls -h", "ls -lhS", "ls -t", "ls -tr", "ls many", "ls many/", "ls ./many", "ls -a many", "ls many/n1*",
                "ls s1*", "ls s1024", "ls -lh s1536", "ls " + tree + "/many", "ls wide", "ls w*", "ls empty", "ls *",
                "ls -f empty");
        Path batch = dir.resolve("batch");
        Files.write(batch, commands);
        try (OpenSshServer sshd = OpenSshServer.start()) {
            Path key = SftpBatchRuns.authorizedKey(sshd, dir);
            SftpBatchRuns.Run openSsh = SftpBatchRuns.openSsh(sshd, key, batch);
            assertEquals(0, openSsh.status(), openSsh.out() + openSsh.err());
            SftpBatchRuns.Run run = SftpBatchRuns.sanssh(sshd, key, batch);
            assertEquals(0, run.status(), run.out() + run.err());
            assertEquals(openSsh.lines(), run.lines()); // trailing spaces of the columns included
            Map<String, List<String>> ours = SftpBatchRuns.sections(run.out());
            assertTrue(ours.get("ls -lh s1536").get(0).contains(" 1.5K "), ours.toString());
            assertTrue(ours.get("ls -1n s1").get(0).contains(" 54321 "), ours.toString());
            assertEquals(List.of("s1"), ours.get("ls -n1 s1"));
            assertTrue(ours.get("ls").size() < 10 && ours.get("ls").get(0).startsWith("empty  "), ours.toString());
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

    @Test
    void globbedGetPutAndRmDoWhatOpenSshsSftpDoes() throws Exception {
        OpenSsh.assume(SFTP, "openssh-client");
        Path theirs = dir.resolve("theirs");
        Path ours = dir.resolve("ours");
        try (OpenSshServer sshd = OpenSshServer.start()) {
            Path key = SftpBatchRuns.authorizedKey(sshd, dir);
            SftpBatchRuns.Run openSsh = SftpBatchRuns.openSsh(sshd, key, globTrees(theirs));
            SftpBatchRuns.Run run = SftpBatchRuns.sanssh(sshd, key, globTrees(ours));
            assertEquals(1, openSsh.status(), openSsh.out() + openSsh.err());
            assertEquals(1, run.status(), run.out() + run.err());
            assertEquals(openSsh.out().replace(theirs.toString(), "BASE"), run.out().replace(ours.toString(), "BASE"));
            assertEquals(SftpBatchRuns.files(theirs), SftpBatchRuns.files(ours));
            assertTrue(SftpBatchRuns.files(ours).containsAll(List.of("local/down/one.bin 1", "local/down/two.bin 2",
                    "remote/up/up1.dat 7", "remote/up2.dat 7", "remote/.x3.tmp 7", "remote/up/other.txt 9")), SftpBatchRuns.files(ours).toString());
            assertFalse(SftpBatchRuns.files(ours).contains("remote/x1.tmp 6"), SftpBatchRuns.files(ours).toString());
            assertEquals(List.of(), SftpBatchRuns.sections(run.out()).get("rm *.tmp"));
            String notFound = "File \"BASE/remote/*.none\" not found.";
            assertTrue(openSsh.err().replace(theirs.toString(), "BASE").contains(notFound), openSsh.err());
            assertTrue(run.err().replace(ours.toString(), "BASE").contains(notFound), run.err());
        }
    }
}
