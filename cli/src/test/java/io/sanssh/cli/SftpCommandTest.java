package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanssh sftp} run in process against an in-process Sanssh server. */
@Timeout(120)
class SftpCommandTest {
    @TempDir
    Path dir;
    private SshServer server;
    private Path identity;
    private Path root;
    private Path local;

    @BeforeEach
    void startServer() throws Exception {
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        identity = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(identity, user, "test");
        root = Files.createDirectories(dir.resolve("root"));
        local = Files.createDirectories(dir.resolve("local"));
        server = SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "test")))
                .sftpRoot(root)
                .build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MainTest.Run sftp(String batchInput, String... commands) throws Exception {
        List<String> a = new ArrayList<>(List.of("sftp", "-p", Integer.toString(server.port()), "-i",
                identity.toString(), "-o", "StrictHostKeyChecking=accept-new", "-o",
                "UserKnownHostsFile=" + dir.resolve("known_hosts")));
        if (batchInput == null) {
            Path batch = dir.resolve("batch-" + System.nanoTime());
            Files.write(batch, List.of(commands));
            a.addAll(List.of("-b", batch.toString()));
        }
        a.add("tester@127.0.0.1");
        byte[] stdin = batchInput == null ? new byte[0] : batchInput.getBytes(StandardCharsets.UTF_8);
        return MainTest.sanssh(stdin, a.toArray(String[]::new));
    }

    @Test
    void batchFileRunsEveryCommand() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 3];
        new Random(4).nextBytes(data);
        Files.write(local.resolve("up.bin"), data);
        Files.write(local.resolve("half.bin"), java.util.Arrays.copyOf(data, data.length / 2));
        Files.write(local.resolve("again.bin"), java.util.Arrays.copyOf(data, data.length / 3));
        MainTest.Run r = sftp(null,
                "lcd " + local,
                "lpwd",
                "put up.bin",
                "mkdir d",
                "rename up.bin d/moved.bin",
                "ls -l d",
                "cd d",
                "pwd",
                "get moved.bin back.bin",
                "ln -s moved.bin link",
                "chmod 600 moved.bin",
                "ls",
                "df",
                "rm link",
                "put half.bin resumed.bin",
                "put -a back.bin resumed.bin",
                "get -a resumed.bin again.bin",
                "help",
                "quit",
                "mkdir never");
        assertEquals(0, r.status(), r.out() + r.err());
        assertArrayEquals(data, Files.readAllBytes(root.resolve("d/moved.bin")));
        assertArrayEquals(data, Files.readAllBytes(local.resolve("back.bin")));
        assertArrayEquals(data, Files.readAllBytes(root.resolve("d/resumed.bin")));
        assertArrayEquals(data, Files.readAllBytes(local.resolve("again.bin")));
        assertFalse(Files.exists(root.resolve("d/link"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("never")));
        assertTrue(r.out().contains("sftp> put up.bin"), r.out());
        assertTrue(r.out().contains("Remote working directory: /d"), r.out());
        assertTrue(r.out().contains("-rw-------") || r.out().contains("moved.bin"), r.out());
        assertTrue(r.out().contains("Local working directory: " + local), r.out());
        assertTrue(r.out().contains("%Capacity"), r.out());
        assertTrue(r.out().contains("Commands:"), r.out());
    }

    @Test
    void recursiveGetAndPutCopyWholeDirectories() throws Exception {
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        Files.createDirectories(local.resolve("tree/sub"));
        Files.writeString(local.resolve("tree/a.txt"), "a");
        Files.write(local.resolve("tree/sub/b.bin"), data);
        Files.createDirectories(root.resolve("rt/deep"));
        Files.writeString(root.resolve("rt/x.txt"), "x");
        Files.write(root.resolve("rt/deep/y.bin"), data);
        Files.setLastModifiedTime(root.resolve("rt/deep/y.bin"), java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        MainTest.Run r = sftp(null, "lcd " + local, "put -r tree", "put -r tree tree", "get -r rt", "get -rp rt kept",
                "-get rt", "ls -1 tree");
        assertEquals(0, r.status(), r.out() + r.err());
        assertArrayEquals(data, Files.readAllBytes(root.resolve("tree/sub/b.bin")));
        assertArrayEquals(data, Files.readAllBytes(root.resolve("tree/tree/sub/b.bin")));
        assertEquals("a", Files.readString(root.resolve("tree/tree/a.txt")));
        assertArrayEquals(data, Files.readAllBytes(local.resolve("rt/deep/y.bin")));
        assertEquals("x", Files.readString(local.resolve("kept/x.txt")));
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(local.resolve("kept/deep/y.bin")).toMillis());
        assertEquals(List.of("Entering tree/", "Entering tree/sub"), outputOf(r, "put -r tree").stream().sorted().toList());
        assertEquals(List.of("Retrieving /rt", "Retrieving /rt/deep"), outputOf(r, "get -r rt").stream().sorted().toList());
        assertTrue(r.err().contains("Cannot download non-regular file: /rt"), r.err());
        assertEquals(List.of("tree/a.txt", "tree/sub", "tree/tree"), outputOf(r, "ls -1 tree"));
    }

    @Test
    void theFirstFailingCommandStopsABatchWithStatusOne() throws Exception {
        MainTest.Run r = sftp(null, "lcd " + local, "get missing.bin", "mkdir after");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("File \"/missing.bin\" not found."), r.err());
        assertFalse(Files.exists(root.resolve("after")));
        assertFalse(Files.exists(local.resolve("missing.bin")));

        MainTest.Run ignored = sftp(null, "lcd " + local, "-get missing.bin", "-rmdir nothing", "mkdir after");
        assertEquals(0, ignored.status(), ignored.out() + ignored.err());
        assertTrue(Files.isDirectory(root.resolve("after")));

        MainTest.Run bad = sftp(null, "frobnicate");
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("invalid command"), bad.err());
    }

    @Test
    void interactiveCommandsComeFromStdin() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hi");
        Files.writeString(root.resolve("x.tmp"), "");
        MainTest.Run r = sftp("lcd " + local + "\nls\nget nothing\nget *.none\nrm *.tmp\nget hello.txt\nbye\n");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Removing /x.tmp"), r.out());
        assertFalse(Files.exists(root.resolve("x.tmp")));
        assertTrue(r.err().contains("File \"/*.none\" not found."), r.err());
        assertTrue(r.out().contains("sftp> "), r.out());
        assertTrue(r.out().contains("hello.txt"), r.out());
        assertTrue(r.err().contains("File \"/nothing\" not found."), r.err());
        assertEquals("hi", Files.readString(local.resolve("hello.txt")));
    }

    /**
     * The names or lines a batch run printed for {@code command}: after its echo, up to the next;
     * the names of short listings, which are laid out in columns, one by one.
     */
    private static List<String> outputOf(MainTest.Run r, String command) {
        List<String> lines = r.out().lines().toList();
        int at = lines.indexOf("sftp> " + command);
        assertTrue(at >= 0, "no '" + command + "' in " + r.out());
        List<String> section = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("sftp> "); i++) {
            String line = lines.get(i);
            boolean columns = command.startsWith("ls") && !command.matches("ls -\\S*[ln]\\S*( .*)?");
            section.addAll(columns ? List.of(line.strip().split(" +")) : List.of(line));
        }
        return section;
    }

    @Test
    void lsShowsOneFileAsItselfAndHidesDotFilesWithoutDashA() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hi");
        Files.write(root.resolve("big.bin"), new byte[100]);
        Files.writeString(root.resolve(".hidden"), "");
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/a.txt"), "a");
        Files.writeString(root.resolve("d/.dot"), "");
        MainTest.Run r = sftp(null, "ls hello.txt", "ls -l hello.txt", "ls /d/a.txt", "ls", "ls -a", "ls d",
                "ls -la d/", "ls -S", "ls -1r");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals(List.of("hello.txt"), outputOf(r, "ls hello.txt"));
        List<String> longLine = outputOf(r, "ls -l hello.txt");
        assertEquals(1, longLine.size(), longLine.toString());
        assertTrue(longLine.get(0).matches("-rw\\S* +\\? +\\S+ +\\S+ +2 .* hello\\.txt"), longLine.get(0));
        assertEquals(List.of("/d/a.txt"), outputOf(r, "ls /d/a.txt"));
        assertEquals(List.of("big.bin", "d", "hello.txt"), outputOf(r, "ls"));
        assertTrue(outputOf(r, "ls -a").containsAll(List.of(".hidden", "big.bin", "d", "hello.txt")), r.out());
        assertEquals(List.of("d/a.txt"), outputOf(r, "ls d"));
        List<String> all = outputOf(r, "ls -la d/");
        assertTrue(all.stream().anyMatch(l -> l.startsWith("-") && l.endsWith(" .dot")), all.toString());
        assertTrue(all.stream().anyMatch(l -> l.startsWith("-") && l.endsWith(" a.txt")), all.toString());
        List<String> bySize = outputOf(r, "ls -S");
        assertTrue(bySize.indexOf("big.bin") >= 0 && bySize.indexOf("big.bin") < bySize.indexOf("hello.txt"),
                "by size, largest first: " + bySize);
        assertEquals(List.of("hello.txt", "d", "big.bin"), outputOf(r, "ls -1r"));

        MainTest.Run missing = sftp(null, "ls nothing.txt", "mkdir after");
        assertEquals(1, missing.status(), missing.out() + missing.err());
        assertTrue(missing.err().contains("Can't ls: \"/nothing.txt\" not found"), missing.err());
        assertFalse(Files.exists(root.resolve("after")));
        MainTest.Run badFlag = sftp(null, "ls -z");
        assertEquals(1, badFlag.status());
        assertTrue(badFlag.err().contains("Invalid flag -z"), badFlag.err());
    }

    @Test
    void globPatternsExpandForGetPutLsAndRm() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve("b.txt"), "b");
        Files.writeString(root.resolve(".c.txt"), "hidden");
        Files.writeString(root.resolve("notes.md"), "md");
        Files.createDirectories(root.resolve("bins/sub"));
        Files.write(root.resolve("bins/one.bin"), new byte[] {1});
        Files.write(root.resolve("bins/two.bin"), new byte[] {2, 2});
        Files.writeString(root.resolve("x1.tmp"), "");
        Files.writeString(root.resolve("x2.tmp"), "");
        Files.writeString(root.resolve("keep.tmpx"), "");
        Path down = Files.createDirectories(local.resolve("down"));
        Files.writeString(local.resolve("up1.dat"), "u1");
        Files.writeString(local.resolve("up2.dat"), "u2");
        Files.writeString(local.resolve("other.txt"), "o");
        MainTest.Run r = sftp(null, "lcd " + local, "ls *.txt", "ls -1 .*.txt", "ls b?ns", "ls bins/[ot]*.bin",
                "ls -l bins/t[!x]o.*", "get bins/*.bin down", "mkdir up", "put up?.dat up", "rm *.tmp", "ls",
                "get */one.bin");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals(List.of("a.txt", "b.txt"), outputOf(r, "ls *.txt"));
        assertEquals(List.of(".c.txt"), outputOf(r, "ls -1 .*.txt"));
        assertEquals(List.of("bins/one.bin", "bins/sub", "bins/two.bin"), outputOf(r, "ls b?ns"));
        assertEquals(List.of("bins/one.bin", "bins/two.bin"), outputOf(r, "ls bins/[ot]*.bin"));
        List<String> longLine = outputOf(r, "ls -l bins/t[!x]o.*");
        assertEquals(1, longLine.size(), longLine.toString());
        assertTrue(longLine.get(0).matches("-rw\\S* +\\? +\\S+ +\\S+ +2 .* bins/two\\.bin"), longLine.get(0));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(down.resolve("one.bin")));
        assertArrayEquals(new byte[] {2, 2}, Files.readAllBytes(down.resolve("two.bin")));
        assertEquals("u1", Files.readString(root.resolve("up/up1.dat")));
        assertEquals("u2", Files.readString(root.resolve("up/up2.dat")));
        assertFalse(Files.exists(root.resolve("up/other.txt")));
        assertEquals(List.of(), outputOf(r, "rm *.tmp"));
        assertEquals(List.of("a.txt", "b.txt", "bins", "keep.tmpx", "notes.md", "up"), outputOf(r, "ls"));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(local.resolve("one.bin")));

        MainTest.Run tooMany = sftp(null, "lcd " + local, "get *.txt single.txt");
        assertEquals(1, tooMany.status(), tooMany.out() + tooMany.err());
        assertTrue(tooMany.err().contains("is not a directory"), tooMany.err());
        assertFalse(Files.exists(local.resolve("single.txt")));
        for (String none : List.of("get *.none", "rm *.none", "put " + local + "/*.none", "ls *.none")) {
            MainTest.Run miss = sftp(null, "lcd " + local, none, "mkdir after");
            assertEquals(1, miss.status(), none + ": " + miss.out() + miss.err());
            assertEquals(1, miss.err().lines().count(), miss.err());
            assertTrue(miss.err().contains("*.none\" not found"), miss.err());
            assertFalse(Files.exists(root.resolve("after")));
        }
    }

    @Test
    void quotedOrEscapedWildcardsAreLiteral() throws Exception {
        for (String name : List.of("odd[1].txt", "odd1.txt", "star*.txt", "starX.txt")) {
            Files.writeString(root.resolve(name), name);
        }
        MainTest.Run r = sftp(null, "lcd " + local, "get 'odd[1].txt'", "get odd[1].txt copy.txt", "rm star\\*.txt",
                "ls \"odd[1].txt\"");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("odd[1].txt", Files.readString(local.resolve("odd[1].txt")));
        assertEquals("odd1.txt", Files.readString(local.resolve("copy.txt")));
        assertFalse(Files.exists(root.resolve("star*.txt")));
        assertTrue(Files.exists(root.resolve("starX.txt")));
        assertEquals(List.of("odd[1].txt"), outputOf(r, "ls \"odd[1].txt\""));
    }

    @Test
    void globMatchingFollowsGlob3() {
        String[][] matching = {{"*.txt", "a.txt"}, {".*", ".a"}, {"f?o", "foo"}, {"[a-c]x", "bx"}, {"[]]", "]"},
                {"a[", "a["}, {"a.(b)+", "a.(b)+"}, {"[.-]z", "-z"}, {"*", "x y"}};
        String[][] notMatching = {{"*.txt", ".a.txt"}, {".*", ".."}, {"f?o", "fo"}, {"[!a-c]x", "bx"},
                {"?", "."}, {"a*", "ba"}};
        for (String[] m : matching) {
            assertTrue(SftpGlob.matches(m[0], m[1]), m[0] + " should match " + m[1]);
        }
        for (String[] m : notMatching) {
            assertFalse(SftpGlob.matches(m[0], m[1]), m[0] + " should not match " + m[1]);
        }
    }

    @Test
    void helpAndUsage() {
        MainTest.Run help = MainTest.sanssh(new byte[0], "help", "sftp");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: sanssh sftp"), help.out());
        assertTrue(help.out().contains("rename OLD NEW"), help.out());
        MainTest.Run flag = MainTest.sanssh(new byte[0], "sftp", "--help");
        assertEquals(0, flag.status());
        assertEquals(help.out(), flag.out());
        MainTest.Run noHost = MainTest.sanssh(new byte[0], "sftp");
        assertEquals(2, noHost.status());
        MainTest.Run refused = MainTest.sanssh(new byte[0], "sftp", "-p", "1", "-o", "BatchMode=yes", "127.0.0.1");
        assertEquals(255, refused.status(), refused.err());
        assertEquals(1, Arrays.stream(refused.err().split("\n")).filter(l -> !l.isBlank()).count(), refused.err());
    }
}
