package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.OpenSshCertificate;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * User certificates made by real ssh-keygen (engine/src/test/resources/io/sanssh/engine/keys,
 * see regenerate.sh there), accepted through a cert-authority line and refused when expired, for
 * another principal, signed by another CA, or checked without a time source.
 */
class CertificateAuthTest {
    /** 2025-06-01T00:00:00Z: inside the 2024..2034 validity of the test certificates. */
    static final long NOW = 1_748_736_000L;

    static String resource(String name) {
        try (InputStream in = CertificateAuthTest.class.getResourceAsStream("/io/sanssh/engine/keys/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SshKeyPair certified(String keyFile, String certFile) {
        SshKeyPair pair = PrivateKeyFiles.read(resource(keyFile), null);
        return KeyPairs.withCertificate(pair, (OpenSshCertificate) PublicKeys.parseOpenSshLine(resource(certFile)));
    }

    static SshKeyPair aliceCert() {
        return certified("user_ed25519.key", "user_cert-cert.pub");
    }

    static AuthPair pair(String authorizedKeys, long now) {
        ServerAuthConfig config = ServerAuthConfig.builder().publicKey(AuthorizedKeys.parse(authorizedKeys))
                .epochSeconds(() -> now).build();
        return new AuthPair(config).start();
    }

    static String caLine(String options) {
        return options + " " + resource("ca_ed25519.pub").strip();
    }

    @Test
    void certificateSignedByATrustedCaIsAccepted() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        assertTrue(p.client.publicKey("alice", aliceCert()));
        assertEquals(List.of("publickey"), p.awaitClient(Authenticated.class).methods());
        AuthenticatedUser u = p.serverUsers.get(0);
        assertTrue(u.publicKey().isCertificate());
        assertTrue(u.options().pty(), "the certificate grants permit-pty");
        assertEquals("ssh-ed25519-cert-v01@openssh.com", PublicKeyAuthTest.requests(p).get(1).algorithm());
    }

    @Test
    void everyPrincipalOfTheCertificateMayLogIn() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        p.client.publicKey("bob", aliceCert());
        assertEquals("bob", p.awaitClient(Authenticated.class).user());
    }

    @Test
    void wrongPrincipalIsRefused() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        p.client.publicKey("carol", aliceCert());
        assertEquals("publickey", p.awaitClient(AuthFailed.class).method());
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void principalsOptionReplacesTheUserNameCheck() {
        AuthPair p = pair(caLine("cert-authority,principals=\"bob,ops\""), NOW);
        p.client.publicKey("root", aliceCert());
        assertEquals("root", p.awaitClient(Authenticated.class).user());

        AuthPair q = pair(caLine("cert-authority,principals=\"ops\""), NOW);
        q.client.publicKey("alice", aliceCert());
        assertEquals("publickey", q.awaitClient(AuthFailed.class).method());
    }

    @Test
    void expiredCertificateIsRefused() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        p.client.publicKey("alice", certified("user_ed25519.key", "user_expired_cert-cert.pub"));
        p.awaitClient(AuthFailed.class);
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void validCertificateIsRefusedOutsideItsWindow() {
        AuthPair p = pair(caLine("cert-authority"), 2_100_000_000L); // 2036
        p.client.publicKey("alice", aliceCert());
        p.awaitClient(AuthFailed.class);
    }

    @Test
    void certificateIsRefusedWithoutATimeSource() {
        ServerAuthConfig config = ServerAuthConfig.builder()
                .publicKey(AuthorizedKeys.parse(caLine("cert-authority"))).build();
        AuthPair p = new AuthPair(config).start();
        p.client.publicKey("alice", aliceCert());
        p.awaitClient(AuthFailed.class);
    }

    @Test
    void certificateIsNotAcceptedByAPlainLineForItsKeyOrAnotherCa() {
        String plain = resource("user_ed25519.pub").strip() + "\n" + "cert-authority " + resource("other_ed25519.pub");
        AuthPair p = pair(plain, NOW);
        p.client.publicKey("alice", aliceCert());
        p.awaitClient(AuthFailed.class);
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void caLineDoesNotAuthorizeThePlainCaKeyItself() {
        SshKeyPair ca = PrivateKeyFiles.read(resource("ca_ed25519.key"), null);
        AuthPair p = pair(caLine("cert-authority"), NOW);
        p.client.publicKey("alice", ca);
        p.awaitClient(AuthFailed.class);
    }

    @Test
    void rsaCertificateUsesTheCertificateNameOfTheChosenAlgorithm() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        SshKeyPair rsaCert = certified("rsa3072.key", "user_rsa_cert-cert.pub");
        assertEquals("rsa-sha2-512-cert-v01@openssh.com", p.client.signatureAlgorithm(rsaCert.publicKey()));
        p.client.publicKey("alice", rsaCert);
        p.awaitClient(Authenticated.class);
    }

    @Test
    void forceCommandOfTheCertificateBecomesTheCommand() {
        AuthPair p = pair(caLine("cert-authority"), NOW);
        p.client.publicKey("alice", certified("user_ed25519.key", "user_force_cert-cert.pub"));
        p.awaitClient(Authenticated.class);
        assertEquals("/bin/true", p.serverUsers.get(0).options().command());
    }

    @Test
    void forceCommandConflictingWithCommandOptionIsRefused() {
        AuthPair p = pair(caLine("cert-authority,command=\"/bin/false\""), NOW);
        p.client.publicKey("alice", certified("user_ed25519.key", "user_force_cert-cert.pub"));
        p.awaitClient(AuthFailed.class);
    }

    @Test
    void certificateWithoutPrincipalsAndSha1CaAreRefused() {
        AuthPair p = pair(caLine("cert-authority") + "\ncert-authority " + resource("ca_rsa.pub"), NOW);
        p.client.publicKey("alice", certified("user_ed25519.key", "user_noprincipals_cert-cert.pub"));
        p.awaitClient(AuthFailed.class);
        p.clearEvents();
        p.client.publicKey("alice", certified("user_ed25519.key", "user_sha1ca_cert-cert.pub"));
        p.awaitClient(AuthFailed.class);
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void authorizedKeysExplainsWhyACertificateWasRefused() {
        AuthorizedKeys keys = AuthorizedKeys.parse(caLine("cert-authority"));
        SshPublicKey cert = aliceCert().publicKey();
        AuthContext ctx = new AuthContext(null, null, OptionalLong.of(NOW), ServerAuthConfig.DEFAULT_CERTIFICATE_CHECKER);
        assertTrue(keys.check("alice", cert, ctx).allowed());
        KeyVerdict v = keys.check("carol", cert, ctx);
        assertFalse(v.allowed());
        assertTrue(v.reason().contains("PRINCIPAL_NOT_LISTED"), v.reason());
    }
}
