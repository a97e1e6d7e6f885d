package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.ProcessRun;
import io.sanssh.drivers.testing.TcpEcho;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * authorized_keys options (sshd(8)) enforced by the Sanssh server, driven by OpenSSH's own
 * {@code ssh} client: forced command with SSH_ORIGINAL_COMMAND, environment, no-port-forwarding,
 * permitopen, from, restrict, no-pty. The server's policy allows forwarding, so every refusal seen
 * here comes from the key's options.
 */
@Timeout(120)
class AuthorizedKeysOptionsTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
    private Path keyFile;

    /** What ssh printed and returned. */
    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void writeKey() throws IOException {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        keyFile = dir.resolve("id_user");
        HostKeyFiles.writeNew(keyFile, user, "openssh-client");
    }

    /** Runs ssh against a Sanssh server whose authorized_keys line for our key carries {@code options}. */
    private Result ssh(String options, byte[] stdin, String... args) throws Exception {
        String line = (options.isEmpty() ? "" : options + " ") + PublicKeys.toOpenSshLine(user.publicKey(), "u");
        try (SshServer server = SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(line))
                .sftpRoot(dir)
                .forwardingPolicy(ForwardingPolicy.LOOPBACK_LISTENERS)
                .build())) {
            List<String> cmd = new ArrayList<>(List.of(SSH.toString(), "-i", keyFile.toString(), "-p",
                    Integer.toString(server.port()), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes"));
            cmd.addAll(List.of(args));
            ProcessRun.Result r = ProcessRun.run(cmd, null, stdin);
            return new Result(r.exit(), r.out(), r.err());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aForcedCommandReplacesTheRequestAndSeesItAsSshOriginalCommand() throws Exception {
        Result r = ssh("command=\"echo forced; echo original=$SSH_ORIGINAL_COMMAND\"", new byte[0], "127.0.0.1",
                "cat /etc/shadow");
        assertEquals(0, r.exit(), r.err());
        assertEquals("forced\noriginal=cat /etc/shadow\n", r.out());
        Result sftp = ssh("command=\"echo no sftp for you\"", new byte[0], "-s", "127.0.0.1", "sftp");
        assertEquals("no sftp for you\n", sftp.out(), "a subsystem request runs the forced command too");
    }

    @Test
    void environmentOptionSetsVariables() throws Exception {
        Result r = ssh("environment=\"GREETING=hello from authorized_keys\"", new byte[0], "127.0.0.1", "echo $GREETING");
        assertEquals(0, r.exit(), r.err());
        assertEquals("hello from authorized_keys\n", r.out());
    }

    @Test
    void permitopenAllowsOnlyTheNamedTarget() throws Exception {
        try (TcpEcho echo = new TcpEcho(); TcpEcho other = new TcpEcho()) {
            String opt = "permitopen=\"127.0.0.1:" + echo.port() + "\"";
            Result ok = ssh(opt, bytes("through -W\n"), "-W", "127.0.0.1:" + echo.port(), "127.0.0.1");
            assertEquals(0, ok.exit(), ok.err());
            assertEquals("through -W\n", ok.out());
            Result refused = ssh(opt, bytes("nope\n"), "-W", "127.0.0.1:" + other.port(), "127.0.0.1");
            assertEquals(255, refused.exit(), refused.out());
            assertTrue(refused.err().contains("administratively prohibited"), refused.err());
        }
    }

    @Test
    void noPortForwardingAndRestrictRefuseLocalAndRemoteForwarding() throws Exception {
        try (TcpEcho echo = new TcpEcho()) {
            for (String opt : List.of("no-port-forwarding", "restrict")) {
                Result local = ssh(opt, bytes("x\n"), "-W", "127.0.0.1:" + echo.port(), "127.0.0.1");
                assertEquals(255, local.exit(), opt + ": " + local.out());
                assertTrue(local.err().contains("administratively prohibited"), opt + ": " + local.err());
                Result remote = ssh(opt, new byte[0], "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:"
                        + echo.port(), "127.0.0.1", "echo should not run");
                assertEquals(255, remote.exit(), opt + ": " + remote.out());
                assertTrue(remote.err().contains("remote port forwarding failed"), opt + ": " + remote.err());
                Result exec = ssh(opt, new byte[0], "127.0.0.1", "echo commands still run");
                assertEquals("commands still run\n", exec.out(), opt + ": " + exec.err());
            }
            Result unrestricted = ssh("", bytes("y\n"), "-W", "127.0.0.1:" + echo.port(), "127.0.0.1");
            assertEquals("y\n", unrestricted.out(), "the same request without the option: " + unrestricted.err());
        }
    }

    @Test
    void fromRestrictsTheClientAddress() throws Exception {
        Result denied = ssh("from=\"10.0.0.0/8,192.0.2.*\"", new byte[0], "127.0.0.1", "echo in");
        assertEquals(255, denied.exit(), denied.out());
        assertTrue(denied.err().contains("Permission denied"), denied.err());
        Result allowed = ssh("from=\"10.0.0.0/8,127.0.0.1\"", new byte[0], "127.0.0.1", "echo in");
        assertEquals(0, allowed.exit(), allowed.err());
        assertEquals("in\n", allowed.out());
    }

    @Test
    void noPtyRefusesATerminal() throws Exception {
        // with -tt a refused pty ends ssh with 255, as against sshd with no-pty
        Result r = ssh("no-pty", new byte[0], "-tt", "127.0.0.1", "echo with a tty");
        assertEquals(255, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("PTY allocation request failed"), r.err());
        Result plain = ssh("no-pty", new byte[0], "127.0.0.1", "echo without a tty");
        assertEquals(0, plain.exit(), plain.err());
        assertEquals("without a tty\n", plain.out());
    }
}
