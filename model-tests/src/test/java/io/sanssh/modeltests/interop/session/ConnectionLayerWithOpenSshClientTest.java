package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.EngineSocketDriver;
import io.sanssh.modeltests.interop.support.OpenSsh;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Sanssh's whole server stack ({@link SshConnection#server}) against the real OpenSSH client:
 * {@code ssh user@127.0.0.1 'command'} logs in (publickey with {@code -i}, or password through
 * SSH_ASKPASS) and the test's server application runs the command with {@code /bin/sh -c}, its
 * stdout as channel data, its stderr as extended data, its exit status as "exit-status".
 */
class ConnectionLayerWithOpenSshClientTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String USER = "interop";
    private static final String PASSWORD = "sanssh-session-password";
    /** One Ed25519 host key: cheap to make, and host key types are the transport tests' business. */
    private static final SshKeyPair HOST_KEY = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());

    private Path dir;
    private long started;

    @BeforeEach
    void setUp() throws IOException {
        OpenSsh.assumeClient();
        dir = Files.createTempDirectory("sanssh-session");
        started = System.nanoTime();
    }

    @AfterEach
    void tearDown(TestInfo info) throws IOException {
        System.out.printf("SESSION | %s | %s ssh | %d ms%n", info.getDisplayName(), OpenSsh.shortVersion(),
                (System.nanoTime() - started) / 1_000_000L);
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What one ssh run did: its exit status and output, and what our server saw. */
    record Run(int status, String stdout, String stderr, Path stdoutFile, List<String> commands,
               List<Authenticated> logins, String diagnostics) {
    }

    /**
     * Serves one connection from {@code ssh options user@127.0.0.1 command} with {@link
     * ProcessExecServer} until ssh closes it, then waits for ssh to exit.
     */
    private Run serve(ServerAuthConfig auth, List<String> options, String command, Path stdin,
                      Map<String, String> env, Duration limit) throws IOException {
        SshServerConfig config = new SshServerConfig(TransportConfig.builder().hostKeys(List.of(HOST_KEY)).build(),
                auth.forClient("127.0.0.1", "localhost"), ConnectionConfig.defaults());
        try (ServerSocketChannel listening = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
             SshCommand ssh = SshCommand.start(dir, ((InetSocketAddress) listening.getLocalAddress()).getPort(), USER,
                     options, command, stdin, env);
             EngineSocketDriver<SshConnection> d = EngineSocketDriver.accept(listening, LIMIT,
                     now -> SshConnection.server(config, new SecureRandom(), now), ssh::diagnostics);
             ProcessExecServer app = new ProcessExecServer(d.engine(), d::wakeup)) {
            d.diagnostics(() -> ClientLogin.describe(d.engine()) + "\n" + ssh.diagnostics());
            d.run(app, () -> app.closedChannels() >= 1 && (d.engine().isClosed() || d.inputEnded()), limit,
                    "ssh to finish its command and close the connection");
            System.out.println("SESSION | pump: " + d.stats());
            int status = ssh.awaitExit(Duration.ofSeconds(10));
            d.finish(Duration.ofSeconds(5));
            return new Run(status, ssh.stdout(), ssh.stderr(), ssh.stdoutFile(), List.copyOf(app.commands()),
                    d.events(Authenticated.class), ssh.diagnostics());
        }
    }

    private List<String> publicKeyOptions(Path keyFile) {
        return List.of("-o", "BatchMode=yes", "-i", keyFile.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no");
    }

    /** A user key written where ssh -i finds it, and the server auth config that accepts it. */
    private record Login(Path keyFile, ServerAuthConfig auth) {
    }

    private Login publicKeyLogin() throws IOException {
        SshKeyPair key = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());
        Path file = dir.resolve("id_ed25519");
        Files.writeString(file, PrivateKeyFiles.writeOpenSsh(key, "session"), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .publicKey(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(key.publicKey(), "session"))).build();
        return new Login(file, auth);
    }

    @Test
    void sshClientExecAgainstSansshServerPublicKey() throws IOException {
        Login login = publicKeyLogin();
        String command = "echo hi; echo err >&2; exit 5";
        Run r = serve(login.auth(), publicKeyOptions(login.keyFile()), command, null, Map.of(), LIMIT);
        assertEquals(List.of(command), r.commands());
        assertEquals("hi\n", r.stdout(), r.diagnostics());
        assertTrue(r.stderr().contains("err"), r.diagnostics());
        assertEquals(5, r.status(), r.diagnostics());
        assertEquals(List.of("publickey"), r.logins().get(0).methods());
    }

    @Test
    void sshClientStdinThroughSansshServer() throws IOException {
        Login login = publicKeyLogin();
        Path input = dir.resolve("input");
        String sent = writeRandom(input, 8 << 20, 8080L);
        long t0 = System.nanoTime();
        Run r = serve(login.auth(), publicKeyOptions(login.keyFile()), "cat", input, Map.of(), LIMIT);
        long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000L);
        System.out.printf("SESSION | 8 MiB from ssh's stdin through our server's cat and back | %d ms%n", ms);
        assertEquals(0, r.status(), r.diagnostics());
        assertEquals(8L << 20, Files.size(r.stdoutFile()), r.diagnostics());
        assertEquals(sent, sha256(r.stdoutFile()), "what came back is what was sent");
    }

    /**
     * Password login by the real client. sshpass is not needed: OpenSSH 8.4 and later take the
     * password from an SSH_ASKPASS program when SSH_ASKPASS_REQUIRE=force, without a terminal.
     */
    @Test
    void sshClientPasswordAuthAgainstSansshServer() throws IOException {
        Assumptions.assumeTrue(atLeast(OpenSsh.shortVersion(), 8, 4), OpenSsh.shortVersion()
                + " predates SSH_ASKPASS_REQUIRE (OpenSSH 8.4): password interop skipped");
        Path askpass = SshCommand.executable(dir.resolve("askpass"), "#!/bin/sh\necho '" + PASSWORD + "'\n");
        List<String> tried = new ArrayList<>();
        ServerAuthConfig auth = ServerAuthConfig.builder().password((user, password, context) -> {
            tried.add(user + ":" + password);
            return USER.equals(user) && PASSWORD.equals(password) ? PasswordVerdict.accept() : PasswordVerdict.reject();
        }).build();
        List<String> options = List.of("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no",
                "-o", "KbdInteractiveAuthentication=no", "-o", "PreferredAuthentications=password",
                "-o", "NumberOfPasswordPrompts=1");
        Run r = serve(auth, options, "echo logged in; exit 0", null,
                Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force"), LIMIT);
        assertEquals(List.of(USER + ":" + PASSWORD), tried);
        assertEquals(List.of("password"), r.logins().get(0).methods(), r.diagnostics());
        assertEquals("logged in\n", r.stdout(), r.diagnostics());
        assertEquals(0, r.status(), r.diagnostics());
    }

    private static boolean atLeast(String version, int major, int minor) {
        Matcher m = Pattern.compile("OpenSSH_(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return false;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a > major || (a == major && b >= minor);
    }

    /** Writes {@code size} seeded random bytes to {@code file}; returns their SHA-256. */
    private static String writeRandom(Path file, int size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest hash = ClientExec.sha256();
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int n = Math.min(left, chunk.length);
                hash.update(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(hash.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest hash = ClientExec.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), hash)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(hash.digest());
    }
}
