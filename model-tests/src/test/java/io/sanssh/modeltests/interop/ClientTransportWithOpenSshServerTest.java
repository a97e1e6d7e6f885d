package io.sanssh.modeltests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.AlgorithmCategory;
import io.sanssh.modeltests.interop.support.BlockingTransportDriver;
import io.sanssh.modeltests.interop.support.InteropMatrix;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import io.sanssh.modeltests.interop.support.PinnedHostKeyVerifier;
import io.sanssh.modeltests.interop.support.RecordingLayer;
import io.sanssh.modeltests.interop.support.TransportChecks;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import io.sanssh.spec.wire.DisconnectReason;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sanssh's client transport against the real OpenSSH sshd, one algorithm at a time: for every key
 * exchange method, cipher, MAC and host key algorithm that both {@code ssh -Q} (run now) and Sanssh
 * list, the client offers only that name, completes the key exchange, verifies the host key
 * against the .pub file sshd uses, gets SERVICE_ACCEPT for its SERVICE_REQUEST and disconnects.
 * sshd offers everything it implements, so the negotiation must land on the client's one name.
 * A host key that is not the pinned one ends the connection with HOST_KEY_NOT_VERIFIABLE.
 */
class ClientTransportWithOpenSshServerTest {
    private static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() {
        sshd = OpenSshServer.start(OpenSshServer.offerEverything(AlgorithmCategory.HOST_KEY.sansshNames()));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> clientCompletesKeyExchangeAndGetsServiceAcceptForEveryAlgorithmSshdAlsoImplements() {
        InteropMatrix matrix = new InteropMatrix(OpenSsh.shortVersion() + " sshd", "sanssh client");
        return matrix.nodes(List.of(AlgorithmCategory.values()), AlgorithmCategory::openSshNames,
                (category, name) -> OpenSsh.shortVersion() + " does not list " + name
                        + " in `ssh -Q " + category.openSshQuery() + "`"
                        + (name.startsWith("mlkem") ? " (ML-KEM hybrids arrived in OpenSSH 9.9)" : ""),
                (category, name) -> {
                    TransportConfig config = category.restrict(TransportConfig.builder(), name)
                            .hostKeyVerifier(sshd.hostKeyVerifier()).build();
                    return TransportChecks.clientServiceRoundTrip(sshd.host(), sshd.port(), config, category, name,
                            () -> sshd.logTail(40)).note();
                });
    }

    @Test
    void clientRefusesSshdWhoseHostKeyIsNotThePinnedOneAndTellsSshdWhy() throws InterruptedException {
        PinnedHostKeyVerifier stranger = new PinnedHostKeyVerifier(
                List.of(KeyPairs.generate(HostKeyAlgorithms.SSH_ED25519, 0, new SecureRandom()).publicKey()));
        TransportConfig config = TransportConfig.builder().hostKeyAlgorithms(List.of(HostKeyAlgorithms.SSH_ED25519))
                .hostKeyVerifier(stranger).build();
        try (BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(), config,
                new RecordingLayer())) {
            d.diagnostics(() -> sshd.logTail(40));
            d.pumpUntil(() -> d.transport().isClosed(), TransportChecks.KEX_LIMIT, "refusal of the host key");
            assertFalse(d.transport().isReady(), "no keys were taken into use");
            Disconnected end = d.disconnected().orElseThrow();
            assertEquals(DisconnectCause.Origin.LOCAL_REQUEST, end.cause().origin());
            assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, end.cause().reason());
            assertEquals(List.of("ssh-ed25519 ssh-ed25519 " + sshd.hostKey("ssh-ed25519").fingerprint()),
                    stranger.presented());
            d.disconnect(TransportChecks.REPLY_LIMIT);
        }
        String expected = ":" + DisconnectReason.HOST_KEY_NOT_VERIFIABLE.code() + ": host key not accepted";
        long deadline = System.nanoTime() + TransportChecks.REPLY_LIMIT.toNanos();
        while (!sshd.log().contains(expected) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertTrue(sshd.log().contains(expected), "sshd logs our reason:\n" + sshd.logTail(20));
    }
}
