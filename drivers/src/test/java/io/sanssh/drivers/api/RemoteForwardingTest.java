package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.TcpEcho;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote port forwarding (RFC 4254 §7.1): the Sanssh client's {@code forwardRemote} against
 * OpenSSH's sshd and against the Sanssh server, and OpenSSH's {@code ssh -R} against the Sanssh
 * server with its forwarding policy.
 */
@Timeout(120)
class RemoteForwardingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path SSH = Path.of("/usr/bin/ssh");

    @TempDir
    Path dir;

    private final SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);

    private SshServer sansshServer(ForwardingPolicy policy) throws IOException {
        return SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve("sanssh_host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(user.publicKey(), "u")))
                .sftpRoot(dir)
                .forwardingPolicy(policy)
                .build());
    }

    private SshSession login(int port, List<io.sanssh.engine.keys.SshPublicKey> hostKeys) throws IOException {
        SshSession s = SshClient.connect("127.0.0.1", port, ClientOptions.builder().trustedHostKeys(hostKeys).build());
        assertTrue(s.authPublicKey(System.getProperty("user.name"), user));
        return s;
    }

    /** Port 0 gets a port back; data echoes through it; after close the server no longer listens. */
    private static void forwardEchoAndCancel(SshSession s) throws Exception {
        try (TcpEcho echo = new TcpEcho()) {
            RemotePortForward f = s.forwardRemote("127.0.0.1", 0, "127.0.0.1", echo.port());
            assertTrue(f.boundPort() > 0, "allocated port " + f.boundPort());
            assertEquals("through the server and back", TcpEcho.roundTrip(f.boundPort(), "through the server and back"));
            assertEquals("again", TcpEcho.roundTrip(f.boundPort(), "again"));
            f.close();
            assertTrue(refusesWithin(f.boundPort(), 5_000), "cancel-tcpip-forward closed the listener");
        }
    }

    /** Whether connecting to 127.0.0.1:{@code port} is refused within {@code millis} (the listener's close is asynchronous in the JDK). */
    private static boolean refusesWithin(int port, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                return true;
            }
        }
        return false;
    }

    @Test
    void remoteForwardThroughOpenSshSshdEchoesAndIsCancelledOnClose() throws Exception {
        assumeTrue(OpenSshd.available(), "OpenSSH sshd not installed");
        try (OpenSshd sshd = OpenSshd.start(dir);
             SshSession s = sshd.loginWithKey()) {
            forwardEchoAndCancel(s);
        }
    }

    @Test
    void remoteForwardThroughTheSansshServerOnLoopbackOnly() throws Exception {
        try (SshServer server = sansshServer(ForwardingPolicy.LOOPBACK_LISTENERS);
             SshSession s = login(server.port(), server.hostKeys())) {
            forwardEchoAndCancel(s);
            SshChannelException e = assertThrows(SshChannelException.class,
                    () -> s.forwardRemote("0.0.0.0", 0, "127.0.0.1", 9));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertEquals("still usable\n", s.exec("echo still usable").stdoutText());
        }
    }

    @Test
    void theDefaultPolicyRefusesRemoteForwarding() throws Exception {
        try (SshServer server = sansshServer(ForwardingPolicy.DENY);
             SshSession s = login(server.port(), server.hostKeys())) {
            assertThrows(SshChannelException.class, () -> s.forwardRemote("127.0.0.1", 0, "127.0.0.1", 9));
            assertThrows(SshChannelException.class, () -> s.forwardRemote("localhost", 0, "127.0.0.1", 9));
        }
    }

    @Test
    void openSshClientRemoteForwardsThroughTheSansshServer() throws Exception {
        assumeTrue(Files.isExecutable(SSH), "OpenSSH ssh not installed");
        Path key = dir.resolve("id_user");
        HostKeyFiles.writeNew(key, user, "openssh-client");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (SshServer server = sansshServer(ForwardingPolicy.LOOPBACK_LISTENERS); TcpEcho echo = new TcpEcho()) {
            List<String> cmd = new ArrayList<>(List.of(SSH.toString(), "-i", key.toString(), "-p",
                    Integer.toString(server.port()), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes",
                    "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:" + port + ":127.0.0.1:" + echo.port(),
                    "127.0.0.1", "sleep 30"));
            Process ssh = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("ssh.log").toFile())
                    .start();
            try {
                String reply = null;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (reply == null && System.nanoTime() < end) {
                    try {
                        reply = TcpEcho.roundTrip(port, "ssh -R works");
                    } catch (ConnectException notYet) {
                        Thread.sleep(50);
                    }
                }
                assertEquals("ssh -R works", reply, Files.readString(dir.resolve("ssh.log")));
            } finally {
                ssh.destroy();
                ssh.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
