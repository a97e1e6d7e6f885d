package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ProxyJump: the Sanssh client reaches a server through the direct-tcpip channel of a jump session. */
@Timeout(120)
class JumpHostTest {
    @TempDir
    Path dir;

    private final SshKeyPair user = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
    private final String userName = System.getProperty("user.name");

    private SshServer sansshServer(String name, ForwardingPolicy policy) throws IOException {
        return sansshServer(name, policy, user);
    }

    private SshServer sansshServer(String name, ForwardingPolicy policy, SshKeyPair key) throws IOException {
        return SshServer.start(ServerOptions.builder()
                .hostKeyFile(dir.resolve(name + "_host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(key.publicKey(), "u")))
                .sftpRoot(dir)
                .forwardingPolicy(policy)
                .build());
    }

    private static ClientOptions trusting(List<SshPublicKey> keys) {
        return ClientOptions.builder().trustedHostKeys(keys).build();
    }

    @Test
    void throughOpenSshSshdToTheSansshServer() throws Exception {
        assumeTrue(OpenSshd.available(), "OpenSSH sshd not installed");
        try (OpenSshd sshd = OpenSshd.start(dir);
             SshServer target = sansshServer("target", ForwardingPolicy.DENY, sshd.userKey);
             SshSession jump = sshd.loginWithKey()) {
            // the inner session verifies the target's own key: any other would not do
            try (SshSession inner = JumpHost.connect(jump, "127.0.0.1", target.port(), trusting(target.hostKeys()))) {
                assertTrue(inner.serverVersion().startsWith("SSH-2.0-Sanssh"), inner.serverVersion());
                assertTrue(inner.authPublicKey(userName, sshd.userKey));
                assertEquals("hello via sshd\n", inner.exec("echo hello via sshd").stdoutText());
            }
            SshPublicKey other = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom()).publicKey();
            assertThrows(HostKeyRejectedException.class,
                    () -> JumpHost.connect(jump, "127.0.0.1", target.port(), trusting(List.of(other))));
            assertEquals("jump still usable\n", jump.exec("echo jump still usable").stdoutText());
        }
    }

    @Test
    void twoHopsThroughSansshServersAndARefusingJumpHost() throws Exception {
        try (SshServer first = sansshServer("first", ForwardingPolicy.LOOPBACK_LISTENERS);
             SshServer second = sansshServer("second", ForwardingPolicy.LOOPBACK_LISTENERS);
             SshServer target = sansshServer("target", ForwardingPolicy.DENY);
             SshSession a = SshClient.connect("127.0.0.1", first.port(), trusting(first.hostKeys()))) {
            assertTrue(a.authPublicKey(userName, user));
            try (SshSession b = JumpHost.connect(a, "127.0.0.1", second.port(), trusting(second.hostKeys()))) {
                assertTrue(b.authPublicKey(userName, user));
                try (SshSession c = JumpHost.connect(b, "127.0.0.1", target.port(), trusting(target.hostKeys()))) {
                    assertTrue(c.authPublicKey(userName, user));
                    assertEquals("two hops\n", c.exec("echo two hops").stdoutText());
                }
            }
            try (SshSession t = JumpHost.connect(a, "127.0.0.1", target.port(), trusting(target.hostKeys()))) {
                assertTrue(t.authPublicKey(userName, user));
                SshChannelException refused = assertThrows(SshChannelException.class,
                        () -> JumpHost.connect(t, "127.0.0.1", first.port(), trusting(first.hostKeys())));
                assertTrue(refused.getMessage().contains("could not reach"), refused.getMessage());
            }
        }
    }

    @Test
    void aForwardAdmitsOnlyThePeerItWasMadeFor() throws Exception {
        try (SshServer jumpServer = sansshServer("jump", ForwardingPolicy.LOOPBACK_LISTENERS);
             SshServer target = sansshServer("target", ForwardingPolicy.DENY);
             SshSession jump = SshClient.connect("127.0.0.1", jumpServer.port(), trusting(jumpServer.hostKeys()))) {
            assertTrue(jump.authPublicKey(userName, user));
            java.net.InetSocketAddress loopback = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
            try (LocalPortForward forward = jump.forwardLocal(loopback, "127.0.0.1", target.port(), from -> false);
                 java.net.Socket stranger = new java.net.Socket()) {
                stranger.connect(forward.localAddress(), 5_000);
                stranger.setSoTimeout(10_000);
                // closed unread: the target's identification line never arrives
                assertEquals(-1, stranger.getInputStream().read());
                assertTrue(forward.failures().isEmpty(), forward.failures().toString());
            }
            try (SshSession inner = JumpHost.connect(jump, "127.0.0.1", target.port(), trusting(target.hostKeys()))) {
                assertTrue(inner.authPublicKey(userName, user));
                assertEquals("admitted\n", inner.exec("echo admitted").stdoutText());
            }
        }
    }
}
