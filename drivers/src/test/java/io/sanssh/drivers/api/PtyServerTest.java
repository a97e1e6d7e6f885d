package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.spec.connection.TerminalModes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pseudo-terminals on the Sanssh server ("pty-req" and "window-change", RFC 4254 §6.2, §6.7), run
 * through util-linux script(1): OpenSSH's {@code ssh -tt} and the Sanssh client's
 * {@link SshSession#shell(String, int, int)} get a real terminal of the size they asked for, the
 * exit status comes back, a resize reaches the pty, and without script the request is refused.
 */
@Timeout(120)
class PtyServerTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Path keyFile;
    private SshServer server;

    @BeforeEach
    void writeKey() throws IOException {
        assumeTrue(PtyProcess.available(PtyProcess.DEFAULT_SCRIPT), "util-linux script not installed");
        keyFile = dir.resolve("id_user");
        HostKeyFiles.writeNew(keyFile, user, "openssh-client");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private SshServer start(Path script) throws IOException {
        server = SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "u")))
                .sftpRoot(dir)
                .execHandler(new ProcessExecHandler(dir, script))
                .log(log::add)
                .build());
        return server;
    }

    private List<String> ssh(String... args) {
        List<String> cmd = OpenSshInteropTest.sshCommon(SSH.toString(), keyFile, "-p", server.port());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private SshSession login() throws IOException {
        SshSession s = SshClient.connect("127.0.0.1", server.port(), ClientOptions.builder()
                .trustedHostKeys(List.of(HostKeyFiles.read(dir.resolve("host_key")).publicKey())).build());
        s.authPublicKey("u", user);
        return s;
    }

    /** The lines of terminal output, without the CRs the pty's ONLCR added. */
    private static List<String> lines(String out) {
        return out.replace("\r", "").lines().toList();
    }

    @Test
    void openSshTtGetsATerminalWhoseStdoutAndStderrAreOneStreamAndTheExitStatusComesBack() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        start(PtyProcess.DEFAULT_SCRIPT);
        ProcessRun.Result r = ProcessRun.run(ssh("-tt", "127.0.0.1", "tty; stty size; echo to-stderr >&2; exit 3"),
                null, new byte[0]);
        assertEquals(3, r.exit(), r.out() + r.err());
        List<String> out = lines(r.out());
        assertTrue(out.get(0).startsWith("/dev/pts/"), r.out());
        // ssh without a local terminal sends a size of 0x0 ("unknown"), which leaves the new pty's own
        assertEquals("0 0", out.get(1), r.out());
        assertEquals("to-stderr", out.get(2), r.out());
        assertFalse(r.err().contains("to-stderr"), r.err());
        assertFalse(r.err().contains("PTY allocation request failed"), r.err());
    }

    @Test
    void openSshOnALocalTerminalPassesItsSizeTermAndModes() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        start(PtyProcess.DEFAULT_SCRIPT);
        // ssh runs on a pty of its own (script again), 33x111 and with -echoe, so it sends those
        String sshLine = String.join(" ", ssh("-t", "127.0.0.1", "tty; stty size; echo $TERM; stty -a; exit 4")
                .stream().map(PtyProcess::quote).toList());
        ProcessRun.Result r = ProcessRun.run(List.of("/usr/bin/env", "TERM=vt220", "SHELL=/bin/sh",
                PtyProcess.DEFAULT_SCRIPT.toString(), "-q", "-e", "-c", "stty rows 33 cols 111 -echoe; exec " + sshLine,
                "/dev/null"), null, new byte[0]);
        // the outer script's EOF (its stdin is empty) may reach ssh's raw terminal as a NUL, which
        // ssh sends and the remote terminal echoes as ^@: the lost-EOF case PtyProcess describes
        String out = r.out().replace("^@", "");
        assertEquals(4, r.exit(), out + r.err());
        List<String> lines = lines(out);
        assertTrue(lines.get(0).startsWith("/dev/pts/"), out);
        assertEquals("33 111", lines.get(1), out);
        assertEquals("vt220", lines.get(2), out);
        assertTrue(out.contains("-echoe"), out);
        assertTrue(out.contains(" icanon"), out);
    }

    @Test
    void openSshTtShellReadsCommandsFromThePipeAndEndsAtExit() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        start(PtyProcess.DEFAULT_SCRIPT);
        ProcessRun.Result r = ProcessRun.run(ssh("-tt", "127.0.0.1"), null,
                "echo $((6 * 7)) on $(tty)\nexit 5\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("42 on /dev/pts/"), r.out());
    }

    @Test
    void openSshTtCommandReadingTheTerminalEndsAtTheClientsEof() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        start(PtyProcess.DEFAULT_SCRIPT);
        // the client's EOF becomes the terminal's EOF character, so cat sees end of input
        ProcessRun.Result r = ProcessRun.run(ssh("-tt", "127.0.0.1", "cat; echo cat-ended"), null,
                "one line\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("one line"), r.out());
        assertTrue(r.out().contains("cat-ended"), r.out());
    }

    @Test
    void sansshShellGetsTheSizeItAskedForAndFollowsAWindowChange() throws Exception {
        start(PtyProcess.DEFAULT_SCRIPT);
        try (SshSession s = login()) {
            ExecProcess shell = s.shell("xterm", 100, 30);
            TerminalReader screen = new TerminalReader(shell.getInputStream());
            shell.getOutputStream().write("stty size; echo TERM=$TERM\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().flush();
            screen.await(Pattern.compile("(?m)^30 100\\r?$"));
            screen.await(Pattern.compile("(?m)^TERM=xterm\\r?$"));

            shell.windowChange(120, 40);
            // applied by the server's resize thread: ask until the pty reports it
            Pattern resized = Pattern.compile("(?m)^40 120\\r?$");
            long end = System.nanoTime() + WAIT.toNanos();
            while (!screen.seen(resized) && System.nanoTime() < end) {
                shell.getOutputStream().write("stty size\n".getBytes(StandardCharsets.UTF_8));
                shell.getOutputStream().flush();
                screen.awaitQuietly(resized, Duration.ofMillis(300));
            }
            assertTrue(screen.seen(resized), screen.text());

            // ^C is the terminal's VINTR: the pty sends SIGINT to the foreground job, not to the shell
            // (the job prints once it is the foreground process, so the ^C cannot come too early)
            shell.getOutputStream().write("sh -c 'echo ready-$((2 + 3)); exec sleep 60'\n".getBytes(
                    StandardCharsets.UTF_8));
            shell.getOutputStream().flush();
            screen.await(Pattern.compile("ready-5"));
            shell.getOutputStream().write(new byte[] {3});
            shell.getOutputStream().write("echo after-$((1 + 1))-interrupt\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().flush();
            screen.await(Pattern.compile("after-2-interrupt"));
            shell.getOutputStream().write("exit 7\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().flush();
            assertTrue(shell.waitFor(WAIT), screen.text());
            assertEquals(7, shell.exitStatus(), screen.text());
        }
    }

    @Test
    void aSecondPtyRequestAndOneAfterTheCommandStartedAreRefusedAndAnEarlyResizeCounts() throws Exception {
        start(PtyProcess.DEFAULT_SCRIPT);
        try (SshSession s = login()) {
            Link link = s.link();
            ChannelState ch = link.call(c -> s.router().register(c.channels().openSession()));
            ch.awaitOpen(WAIT, "a session");
            assertTrue(requestPty(link, ch), "first pty-req");
            assertFalse(requestPty(link, ch), "second pty-req");
            link.run(c -> c.channels().windowChange(ch.channel, 132, 50, 0, 0));
            long exec = link.call(c -> c.channels().requestExec(ch.channel, "stty size; sleep 5", true));
            assertTrue(ch.awaitReply(exec, WAIT, "exec"));
            assertFalse(requestPty(link, ch), "pty-req after exec");
            try (ExecProcess p = new ExecProcess(link, ch)) {
                // the window-change that came before the command is the pty's first size
                new TerminalReader(p.getInputStream()).await(Pattern.compile("(?m)^50 132\\r?$"));
            }
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("refused: the channel already has one")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("refused: the command already started")), log.toString());
    }

    private static boolean requestPty(Link link, ChannelState ch) throws IOException {
        long id = link.call(c -> c.channels().requestPty(ch.channel, "xterm", 80, 24, 0, 0, TerminalModes.NONE, true));
        return ch.awaitReply(id, WAIT, "pty-req");
    }

    @Test
    void withoutScriptAPtyIsRefusedAndTheShellRunsWithoutOne() throws Exception {
        start(dir.resolve("no-such-script"));
        if (Files.isExecutable(SSH)) {
            // as against sshd with no-pty: ssh -tt gives up with 255
            ProcessRun.Result r = ProcessRun.run(ssh("-tt", "127.0.0.1", "echo with a tty"), null, new byte[0]);
            assertEquals(255, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("PTY allocation request failed"), r.err());
        }
        try (SshSession s = login()) {
            ExecProcess shell = s.shell(true);
            shell.getOutputStream().write("echo from-shell; exit 4\n".getBytes(StandardCharsets.UTF_8));
            shell.getOutputStream().close();
            assertEquals("from-shell\n", new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(4, shell.waitFor());
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("script(1) not installed")), log.toString());
    }

    /** Collects a terminal's output on a thread of its own, so a test can wait for a pattern. */
    private static final class TerminalReader {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        TerminalReader(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                            seen.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the channel ended; what was seen stays
                }
            }, "pty-test-reader");
            t.setDaemon(true);
            t.start();
        }

        String text() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.UTF_8);
            }
        }

        boolean seen(Pattern p) {
            return p.matcher(text()).find();
        }

        void await(Pattern p) throws InterruptedException {
            awaitQuietly(p, WAIT);
            assertTrue(seen(p), "no " + p + " in:\n" + text());
        }

        void awaitQuietly(Pattern p, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            synchronized (seen) {
                Matcher m = p.matcher("");
                while (!m.reset(seen.toString(StandardCharsets.UTF_8)).find()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    seen.wait(Math.max(1, left / 1_000_000));
                }
            }
        }
    }
}
