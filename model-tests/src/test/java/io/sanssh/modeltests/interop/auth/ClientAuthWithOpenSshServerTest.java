package io.sanssh.modeltests.interop.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.auth.ClientAuthLayer;
import io.sanssh.engine.event.AuthBannerReceived;
import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.BlockingTransportDriver;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sanssh's client auth layer against the real OpenSSH sshd: "publickey" with a key of every type
 * (written to sshd's AuthorizedKeysFile; RSA signs with rsa-sha2-512, the first SHA-2 name in
 * sshd's server-sig-algs), the banner, and "password" for a local user with a known password when
 * the machine has one.
 *
 * <p>Note: OpenSSH 9.2's server-sig-algs lists every algorithm it implements whatever its
 * {@code PubkeyAcceptedAlgorithms} says, so a client cannot learn from it that sshd would only
 * take rsa-sha2-256; OpenSSH's own client fails the same way there.
 */
class ClientAuthWithOpenSshServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** The local account ./run-tests creates for password tests, and its password. */
    static final String PASSWORD_USER = "sanssh-test";
    static final String PASSWORD = "sanssh-test-password";

    /** A connected client: driver, router and auth layer, pumped until attempts may start. */
    record Session(BlockingTransportDriver driver, AuthRouter router, ClientAuthLayer auth) implements AutoCloseable {
        static Session open(OpenSshServer sshd) {
            AuthRouter router = new AuthRouter();
            TransportConfig config = TransportConfig.builder().hostKeyVerifier(sshd.hostKeyVerifier()).build();
            BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(), config, router);
            d.diagnostics(() -> sshd.logTail(40));
            ClientAuthLayer auth = new ClientAuthLayer(d.transport(), () -> router.authenticated = true);
            router.layer = auth;
            d.pumpUntil(auth::canAttempt, LIMIT, "SERVICE_ACCEPT for ssh-userauth");
            return new Session(d, router, auth);
        }

        /** Pumps until the attempt in flight ends; true for success. */
        boolean awaitOutcome(int failuresBefore) {
            driver.pumpUntil(() -> auth.isAuthenticated() || driver.events(AuthFailed.class).size() > failuresBefore,
                    LIMIT, "the answer to an authentication attempt");
            return auth.isAuthenticated();
        }

        @Override
        public void close() {
            driver.disconnect(Duration.ofSeconds(5));
            driver.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "ssh-rsa"})
    void publicKeyOfEveryTypeLogsIn(String keyType) {
        SshKeyPair key = KeyPairs.generate(keyType, 0, new SecureRandom());
        try (OpenSshServer sshd = OpenSshServer.start()) {
            sshd.authorize(PublicKeys.toOpenSshLine(key.publicKey(), "interop"));
            try (Session s = Session.open(sshd)) {
                s.auth().none(sshd.user());
                assertTrue(!s.awaitOutcome(0));
                assertTrue(s.auth().allowedMethods().contains("publickey"), s.auth().allowedMethods().toString());
                String algorithm = s.auth().signatureAlgorithm(key.publicKey());
                assertEquals(keyType.equals("ssh-rsa") ? "rsa-sha2-512" : keyType, algorithm);
                assertTrue(s.auth().publicKey(sshd.user(), key));
                assertTrue(s.awaitOutcome(1), () -> "refused:\n" + sshd.logTail(30));
                Authenticated a = s.driver().events(Authenticated.class).get(0);
                assertEquals(List.of("publickey"), a.methods());
            }
            assertTrue(sshd.log().contains("Accepted publickey for " + sshd.user()), sshd.logTail(20));
        }
    }

    @Test
    void wrongKeyFailsAndBannerIsShown() throws IOException {
        Path banner = Files.createTempFile("sanssh-banner", ".txt");
        try {
            Files.writeString(banner, "Sanssh interop banner\n", StandardCharsets.UTF_8);
            try (OpenSshServer sshd = OpenSshServer.start("Banner " + banner)) {
                SshKeyPair stranger = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());
                try (Session s = Session.open(sshd)) {
                    s.auth().publicKey(sshd.user(), stranger);
                    assertTrue(!s.awaitOutcome(0));
                    AuthFailed f = s.driver().events(AuthFailed.class).get(0);
                    assertEquals("publickey", f.method());
                    assertTrue(f.allowedMethods().contains("publickey"));
                    List<AuthBannerReceived> banners = s.driver().events(AuthBannerReceived.class);
                    assertEquals(1, banners.size());
                    assertEquals("Sanssh interop banner\n", banners.get(0).displayText());
                }
            }
        } finally {
            Files.deleteIfExists(banner);
        }
    }

    @Test
    void passwordOfALocalTestUser() {
        Assumptions.assumeTrue(userExists(PASSWORD_USER), "no local user " + PASSWORD_USER + " with password '"
                + PASSWORD + "' (./run-tests creates it when run as root): password interop skipped");
        try (OpenSshServer sshd = OpenSshServer.start("PasswordAuthentication yes")) {
            try (Session s = Session.open(sshd)) {
                s.auth().password(PASSWORD_USER, "not-the-password");
                assertTrue(!s.awaitOutcome(0));
                assertTrue(s.auth().allowedMethods().contains("password"), s.auth().allowedMethods().toString());
                s.auth().password(PASSWORD_USER, PASSWORD);
                assertTrue(s.awaitOutcome(1), () -> "refused:\n" + sshd.logTail(30));
            }
            assertTrue(sshd.log().contains("Accepted password for " + PASSWORD_USER), sshd.logTail(20));
        }
    }

    private static boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
