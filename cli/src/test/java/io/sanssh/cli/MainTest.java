package io.sanssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.api.HostKeyFiles;
import io.sanssh.drivers.api.PasswordFile;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sanssh} command run in process: demo, and exec against an in-process Sanssh server. */
@Timeout(120)
class MainTest {
    @TempDir
    Path dir;
    private SshServer server;
    private Path identity;
    private Path knownHosts;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run sanssh(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(List.of(args), new ByteArrayInputStream(stdin), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void startServer() throws Exception {
        SecureRandom random = new SecureRandom();
        SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        identity = dir.resolve("id_ed25519");
        HostKeyFiles.writeNew(identity, user, "test");
        knownHosts = dir.resolve("known_hosts");
        server = SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "test")))
                .passwordAuthenticator(PasswordFile.of(Map.of("bob", "pw")))
                .sftpRoot(dir)
                .build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String[] exec(String... tail) {
        List<String> a = new ArrayList<>(List.of("exec", "-p", Integer.toString(server.port()), "-i", identity.toString(),
                "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=" + knownHosts));
        a.addAll(List.of(tail));
        return a.toArray(String[]::new);
    }

    @Test
    void demoRunsWithoutSetupAndExitsZero() {
        Run r = sanssh(new byte[0], "demo");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("hello from sanssh"), r.out());
        assertTrue(r.out().contains("(match)"), r.out());
        assertTrue(r.out().contains("kex "), r.out());
        assertTrue(r.out().contains("100%: up 64 MiB, down 64 MiB"), "plain progress lines off a terminal: " + r.out());
        assertTrue(r.out().contains("transfer    67108864 bytes up + 67108864 bytes down"), r.out());
        Matcher rekeys = Pattern.compile("rekeys      (\\d+) during").matcher(r.out());
        assertTrue(rekeys.find() && Integer.parseInt(rekeys.group(1)) >= 1, r.out());
        Matcher k = Pattern.compile("keep-alives (\\d+) sent, (\\d+) answered")
                .matcher(r.out());
        assertTrue(k.find() && Integer.parseInt(k.group(2)) >= 1, r.out());
        assertTrue(r.out().contains("\"ping through the tunnel\" came back unchanged"), r.out());
        assertTrue(!r.out().contains("\r"), "no bar redrawing off a terminal");
    }

    @Test
    void execPropagatesTheExitStatusAndSeparatesStdoutFromStderr() {
        Run r = sanssh(new byte[0], exec("-n", "127.0.0.1", "echo", "out;", "echo", "err", ">&2;", "exit", "3"));
        assertEquals(3, r.status(), r.err());
        assertEquals("out\n", r.out());
        assertEquals("err\n", r.err());
        assertTrue(Files.exists(knownHosts), "accept-new records the host");
    }

    @Test
    void execRunsTheSameOverTheSelectorDriver() {
        byte[] input = "over the selector\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        Run r = sanssh(input, exec("-o", "Driver=selector", "127.0.0.1", "cat; echo err >&2; exit 4"));
        assertEquals(4, r.status(), r.err());
        assertEquals(new String(input, StandardCharsets.UTF_8), r.out());
        assertEquals("err\n", r.err());
        Run bad = sanssh(new byte[0], exec("-o", "Driver=epoll", "127.0.0.1", "true"));
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("Driver must be blocking or selector"), bad.err());
    }

    @Test
    void execSendsStdinAndItsEndToTheCommand() {
        byte[] input = "line one\nline two\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        Run r = sanssh(input, exec("127.0.0.1", "cat"));
        assertEquals(0, r.status(), r.err());
        assertEquals(new String(input, StandardCharsets.UTF_8), r.out());
        Run wc = sanssh("a\nb\nc\n".getBytes(StandardCharsets.UTF_8), exec("127.0.0.1", "wc -l"));
        assertEquals("3", wc.out().strip());
    }

    @Test
    void userAtHostAndPasswordOptionAuthenticateByPassword() {
        Run r = sanssh(new byte[0], "exec", "-p", Integer.toString(server.port()), "-i", dir.resolve("none").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "Password=pw",
                "bob@127.0.0.1", "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n", r.out());
    }

    @Test
    void aWrongPasswordExitsWith255AndOneLine() {
        Run r = sanssh(new byte[0], "exec", "-p", Integer.toString(server.port()), "-i", dir.resolve("none").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "Password=wrong",
                "-l", "bob", "127.0.0.1", "true");
        assertEquals(255, r.status());
        List<String> lines = r.err().lines().filter(l -> !l.contains("warning")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("sanssh: authentication as bob failed"), r.err());
    }

    @Test
    void anUnknownHostUnderStrictCheckingExitsWith255() {
        Run r = sanssh(new byte[0], "exec", "-p", Integer.toString(server.port()), "-i", identity.toString(),
                "-o", "UserKnownHostsFile=" + knownHosts, "127.0.0.1", "true");
        assertEquals(255, r.status());
        assertTrue(r.err().startsWith("sanssh: host key of [127.0.0.1]:" + server.port()), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aRefusedConnectionExitsWith255AndOneLine() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Run r = sanssh(new byte[0], "exec", "-p", Integer.toString(port), "-o", "ConnectTimeout=5", "127.0.0.1", "true");
        assertEquals(255, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sanssh: connect to "), r.err());
        assertTrue(r.err().contains("refused"), r.err());
    }

    @Test
    void cipherAndMacListsUseOpenSshSyntax() {
        Run r = sanssh(new byte[0], exec("-v", "-c", "aes256-ctr", "-m", "hmac-sha2-512-etm@openssh.com", "-n",
                "127.0.0.1", "true"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("cipher aes256-ctr, mac hmac-sha2-512-etm@openssh.com"), r.err());
    }

    @Test
    void badCommandLinesExitWith2() {
        assertEquals(2, sanssh(new byte[0]).status());
        assertEquals(2, sanssh(new byte[0], "frobnicate").status());
        assertEquals(2, sanssh(new byte[0], "exec", "host").status());
        Run r = sanssh(new byte[0], "exec", "-o", "Bogus=1", "host", "true");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("sanssh: unsupported option -o Bogus"), r.err());
        assertEquals(0, sanssh(new byte[0], "help", "exec").status());
    }

    @Test
    void keepAlivesAndRekeyLimitOptionsWorkDuringALongerCommand() {
        byte[] input = new byte[1 << 20];
        new java.util.Random(1).nextBytes(input);
        Run r = sanssh(input, exec("-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2",
                "-o", "RekeyLimit=128K 1h", "127.0.0.1", "sleep 2; wc -c"));
        assertEquals(0, r.status(), r.err());
        assertEquals(Integer.toString(1 << 20), r.out().strip());
    }
}
