package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthMethodContext;
import io.sanssh.spec.userauth.AuthSignedData;
import io.sanssh.spec.userauth.UserAuthCodec;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** "publickey" end to end: every key type, RSA algorithm choice, PK_OK, bad signatures, multi-method. */
class PublicKeyAuthTest {
    static AuthorizedKeys authorized(SshKeyPair... keys) {
        StringBuilder b = new StringBuilder("# test keys\n");
        for (SshKeyPair k : keys) {
            b.append(PublicKeys.toOpenSshLine(k.publicKey(), "test@sanssh")).append('\n');
        }
        AuthorizedKeys a = AuthorizedKeys.parse(b.toString());
        assertEquals(List.of(), a.problems());
        return a;
    }

    /** The "publickey" requests the server received, decoded. */
    static List<PublicKeyAuth> requests(AuthPair p) {
        return p.serverRouter.withNumber(MessageNumbers.USERAUTH_REQUEST).stream()
                .map(b -> ((UserAuthRequest) UserAuthCodec.decode(b, AuthMethodContext.OTHER)).body())
                .filter(PublicKeyAuth.class::isInstance).map(PublicKeyAuth.class::cast).toList();
    }

    static Stream<SshKeyPair> keys() {
        return TestKeys.all().stream();
    }

    @ParameterizedTest
    @MethodSource("keys")
    void everyKeyTypeAuthenticatesAfterAQuery(SshKeyPair key) {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(key)).build()).start();
        assertTrue(p.client.publicKey("alice", key));
        Authenticated a = p.awaitClient(Authenticated.class);
        assertEquals(List.of("publickey"), a.methods());
        List<PublicKeyAuth> sent = requests(p);
        assertEquals(2, sent.size());
        assertFalse(sent.get(0).hasSignature(), "first a query without signature");
        assertTrue(sent.get(1).hasSignature());
        assertEquals(sent.get(0).algorithm(), sent.get(1).algorithm());
        assertEquals(1, p.clientRouter.withNumber(MessageNumbers.USERAUTH_PK_OK).size());
        String expected = key.publicKey().keyType().equals(PublicKeys.RSA) ? "rsa-sha2-512" : key.publicKey().keyType();
        assertEquals(expected, sent.get(0).algorithm());
        AuthenticatedUser u = p.serverUsers.get(0);
        assertEquals(key.publicKey(), u.publicKey());
        assertEquals(KeyOptions.UNRESTRICTED.pty(), u.options().pty());
    }

    @Test
    void rsaUsesSha256WhenTheServerListsOnlyThat() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(TestKeys.rsa())).build(),
                AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of("ssh-ed25519", "rsa-sha2-256")).build(),
                false, 3).start();
        assertEquals("rsa-sha2-256", p.client.signatureAlgorithm(TestKeys.rsa().publicKey()));
        p.client.publicKey("alice", TestKeys.rsa());
        p.awaitClient(Authenticated.class);
        assertEquals(List.of("rsa-sha2-256", "rsa-sha2-256"), requests(p).stream().map(PublicKeyAuth::algorithm).toList());
    }

    @Test
    void rsaUsesSha512WhenTheServerListsBoth() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(TestKeys.rsa())).build(),
                AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of("rsa-sha2-256", "rsa-sha2-512")).build(),
                false, 4).start();
        p.client.publicKey("alice", TestKeys.rsa());
        p.awaitClient(Authenticated.class);
        assertEquals("rsa-sha2-512", requests(p).get(1).algorithm());
    }

    @Test
    void sha1RsaOnlyWhenTheServerListsNothingAndTheClientAllowsIt() {
        ServerAuthConfig legacy = ServerAuthConfig.builder().publicKey(authorized(TestKeys.rsa()))
                .publicKeyAlgorithms(List.of("ssh-rsa", "rsa-sha2-512")).build();
        AuthPair p = new AuthPair(legacy, AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of()).build(), true, 5).start();
        assertTrue(p.pair.client.peerSignatureAlgorithms().isEmpty());
        p.client.publicKey("alice", TestKeys.rsa());
        p.awaitClient(Authenticated.class);
        assertEquals("ssh-rsa", requests(p).get(1).algorithm());

        AuthPair strict = new AuthPair(legacy, AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of()).build(), false, 6).start();
        strict.client.publicKey("alice", TestKeys.rsa());
        strict.awaitClient(Authenticated.class);
        assertEquals("rsa-sha2-512", requests(strict).get(1).algorithm());
    }

    @Test
    void serverRefusesSha1RsaByDefault() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(TestKeys.rsa())).build(),
                AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of()).build(), true, 8).start();
        p.client.publicKey("alice", TestKeys.rsa());
        assertEquals("publickey", p.awaitClient(AuthFailed.class).method());
        assertEquals(0, p.clientRouter.withNumber(MessageNumbers.USERAUTH_PK_OK).size());
    }

    @Test
    void rsaWithNoCommonAlgorithmSendsNothing() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(TestKeys.rsa())).build(),
                AuthPair.clientTransport().build(),
                AuthPair.serverTransport().serverSignatureAlgorithms(List.of("ssh-ed25519", "ssh-rsa")).build(),
                false, 9).start();
        assertFalse(p.client.publicKey("alice", TestKeys.rsa()));
        assertTrue(p.client.canAttempt());
        p.pair.drain(50);
        assertEquals(0, requests(p).size());
    }

    @Test
    void unknownKeyIsRefusedWithoutPkOk() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(TestKeys.ed25519())).build()).start();
        SshKeyPair stranger = KeyPairs.generate(PublicKeys.ED25519, 0, TestRandom.seeded(99));
        p.client.publicKey("alice", stranger);
        assertEquals(new AuthFailed("publickey", List.of("publickey"), false), p.awaitClient(AuthFailed.class));
        assertEquals(1, requests(p).size());
        assertEquals(1, p.server.failures());
    }

    @Test
    void badSignatureIsRejected() {
        SshKeyPair real = TestKeys.ed25519();
        SshKeyPair other = KeyPairs.generate(PublicKeys.ED25519, 0, TestRandom.seeded(98));
        SshKeyPair forger = new SshKeyPair() {
            @Override
            public SshPublicKey publicKey() {
                return real.publicKey();
            }

            @Override
            public Bytes sign(String algorithm, byte[] data) {
                return other.sign(algorithm, data);
            }
        };
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(real)).build()).start();
        p.client.publicKey("alice", forger);
        AuthFailed f = p.awaitClient(AuthFailed.class);
        assertEquals("publickey", f.method());
        assertEquals(1, p.clientRouter.withNumber(MessageNumbers.USERAUTH_PK_OK).size(), "the key itself was fine");
        assertFalse(p.server.isAuthenticated());
        assertEquals(1, p.server.failures());
    }

    @Test
    void signatureOverAnotherSessionIsRejected() {
        // The signed data must start with this connection's session id: a signature from another
        // session (a replay) does not verify.
        SshKeyPair real = TestKeys.ed25519();
        SshKeyPair replayer = new SshKeyPair() {
            @Override
            public SshPublicKey publicKey() {
                return real.publicKey();
            }

            @Override
            public Bytes sign(String algorithm, byte[] data) {
                PublicKeyAuth q = PublicKeyAuth.query(algorithm, real.publicKey().blob());
                byte[] elsewhere = AuthSignedData.publicKey(Bytes.of(new byte[32]), "alice", "ssh-connection", q);
                return real.sign(algorithm, elsewhere);
            }
        };
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(authorized(real)).build()).start();
        p.client.publicKey("alice", replayer);
        assertEquals("publickey", p.awaitClient(AuthFailed.class).method());
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void publicKeyThenPasswordWithPartialSuccess() {
        ServerAuthConfig config = ServerAuthConfig.builder().publicKey(authorized(TestKeys.ed25519()))
                .password(AuthFlowTest.PASSWORDS)
                .requiredMethods(List.of(List.of("publickey", "password"))).build();
        AuthPair p = new AuthPair(config).start();
        p.client.password("alice", "secret");
        AuthFailed notYet = p.awaitClient(AuthFailed.class);
        assertEquals(new AuthFailed("password", List.of("publickey"), false), notYet);
        p.clearEvents();
        p.client.publicKey("alice", TestKeys.ed25519());
        AuthFailed partial = p.awaitClient(AuthFailed.class);
        assertEquals(new AuthFailed("publickey", List.of("password"), true), partial);
        assertFalse(p.server.isAuthenticated());
        p.client.password("alice", "secret");
        Authenticated a = p.awaitClient(Authenticated.class);
        assertEquals(List.of("publickey", "password"), a.methods());
        AuthenticatedUser u = p.serverUsers.get(0);
        assertEquals(List.of("publickey", "password"), u.methods());
        assertEquals(TestKeys.ed25519().publicKey(), u.publicKey());
        assertEquals(1, p.server.failures(), "the partial success did not count");
    }

    @Test
    void twoKeyStepsNeedTwoDifferentKeys() {
        SshKeyPair a = TestKeys.ed25519();
        SshKeyPair b = TestKeys.all().get(1);
        ServerAuthConfig config = ServerAuthConfig.builder().publicKey(authorized(a, b))
                .requiredMethods(List.of(List.of("publickey", "publickey"))).build();
        AuthPair p = new AuthPair(config).start();
        p.client.publicKey("alice", a);
        assertTrue(p.awaitClient(AuthFailed.class).partialSuccess());
        p.clearEvents();
        p.client.publicKey("alice", a);
        assertFalse(p.awaitClient(AuthFailed.class).partialSuccess(), "the same key again is refused");
        p.client.publicKey("alice", b);
        assertEquals(List.of("publickey", "publickey"), p.awaitClient(Authenticated.class).methods());
    }

    @Test
    void optionsOfTheMatchingLineReachTheAuthenticatedUser() {
        String line = "restrict,pty,command=\"backup --run\",permitopen=\"db.internal:5432\" "
                + PublicKeys.toOpenSshLine(TestKeys.ed25519().publicKey(), "backup");
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey(AuthorizedKeys.parse(line)).build()).start();
        p.client.publicKey("alice", TestKeys.ed25519());
        p.awaitClient(Authenticated.class);
        KeyOptions o = p.serverUsers.get(0).options();
        assertEquals("backup --run", o.command());
        assertTrue(o.pty());
        assertFalse(o.portForwarding());
        assertFalse(o.agentForwarding());
        assertSame(null, o.expiresAt());
    }
}
