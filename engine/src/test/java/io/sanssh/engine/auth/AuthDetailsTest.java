package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.engine.testing.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pieces: signature algorithm choice, method sequences, and auth across a rekey or fragmented input. */
class AuthDetailsTest {
    static final SshPublicKey RSA = TestKeys.rsa().publicKey();
    static final SshPublicKey ED = TestKeys.ed25519().publicKey();

    @Test
    void rsaAlgorithmFollowsServerSigAlgs() {
        assertEquals("rsa-sha2-512", SignatureAlgorithmChoice.choose(RSA, List.of("rsa-sha2-256", "rsa-sha2-512"), false));
        assertEquals("rsa-sha2-256", SignatureAlgorithmChoice.choose(RSA, List.of("ssh-rsa", "rsa-sha2-256"), true));
        assertEquals("ssh-rsa", SignatureAlgorithmChoice.choose(RSA, List.of("ssh-ed25519", "ssh-rsa"), true));
        assertNull(SignatureAlgorithmChoice.choose(RSA, List.of("ssh-ed25519", "ssh-rsa"), false));
        assertEquals("ssh-rsa", SignatureAlgorithmChoice.choose(RSA, List.of(), true));
        assertEquals("rsa-sha2-512", SignatureAlgorithmChoice.choose(RSA, List.of(), false));
    }

    @Test
    void otherKeyTypesHaveOneAlgorithmWhateverTheServerLists() {
        assertEquals("ssh-ed25519", SignatureAlgorithmChoice.choose(ED, List.of("rsa-sha2-512"), false));
        assertEquals("ecdsa-sha2-nistp384",
                SignatureAlgorithmChoice.choose(TestKeys.all().get(2).publicKey(), List.of(), false));
    }

    @Test
    void methodSequencesOfferWhatComesNext() {
        MethodRequirements r = new MethodRequirements(List.of(List.of("publickey", "password"),
                List.of("publickey", "keyboard-interactive"), List.of("keyboard-interactive")), List.of());
        assertEquals(List.of("publickey", "keyboard-interactive"), r.next());
        assertFalse(r.allows("password"));
        assertFalse(r.succeed("publickey"));
        assertEquals(List.of("password", "keyboard-interactive"), r.next());
        assertTrue(r.succeed("keyboard-interactive"));
        assertEquals(List.of("publickey", "keyboard-interactive"), r.completed());
        r.reset();
        assertEquals(List.of("publickey", "keyboard-interactive"), r.next());
        MethodRequirements any = new MethodRequirements(List.of(), List.of("publickey", "password"));
        assertEquals(List.of("publickey", "password"), any.next());
        assertTrue(any.succeed("password"));
    }

    @Test
    void requiredMethodsNeedAuthenticators() {
        assertThrows(IllegalArgumentException.class, () -> ServerAuthConfig.builder().password(AuthFlowTest.PASSWORDS)
                .requiredMethods(List.of(List.of("publickey", "password"))).build());
        assertThrows(IllegalArgumentException.class, () -> ServerAuthConfig.builder().password(AuthFlowTest.PASSWORDS)
                .requiredMethods(List.of(List.of())).build());
    }

    @Test
    void authenticationCompletesAcrossAKeyReExchange() {
        AuthPair p = new AuthPair(AuthFlowTest.passwordServer().build()).start();
        p.pair.client.requestRekey();
        p.client.password("alice", "secret");
        assertTrue(p.pair.client.kexActive(), "the request waits in the held queue");
        p.awaitClient(Authenticated.class);
        p.pair.pumpUntil(() -> !p.pair.client.kexActive() && !p.pair.server.kexActive(), 300, "rekey done");
        p.pair.drainEvents();
        assertEquals(2, p.pair.clientEvents.stream().filter(KeyExchangeCompleted.class::isInstance).count());
        assertEquals(ConnectionPhase.Phase.OPEN, p.pair.client.phase());
        assertEquals(ConnectionPhase.Phase.OPEN, p.pair.server.phase());
    }

    @Test
    void fragmentedInputChangesNothing() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder()
                .publicKey(PublicKeyAuthTest.authorized(TestKeys.ed25519())).build());
        p.pair.fragment = true;
        p.start();
        p.client.publicKey("alice", TestKeys.ed25519());
        assertEquals("alice", p.awaitServer(Authenticated.class).user());
    }
}
