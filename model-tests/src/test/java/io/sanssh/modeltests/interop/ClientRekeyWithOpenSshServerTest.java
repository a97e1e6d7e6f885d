package io.sanssh.modeltests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.BlockingTransportDriver;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import io.sanssh.modeltests.interop.support.PublicKeyLogin;
import io.sanssh.modeltests.interop.support.RecordingLayer;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import io.sanssh.spec.connection.GlobalRequest;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.connection.RequestFailure;
import io.sanssh.spec.connection.RequestSuccess;
import io.sanssh.spec.wire.DisconnectReason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key re-exchange between Sanssh's client transport and the real OpenSSH sshd: rekeys sshd forces
 * by volume ({@code RekeyLimit 4K}) and by time ({@code RekeyLimit default 1}), and rekeys our
 * client starts while application data is queued and the socket takes one byte per write.
 *
 * <p>OpenSSH 9.2's sshd takes part in a re-exchange only after user authentication: it never
 * starts one before (its packet layer skips the rekey check), and a KEXINIT from the client before
 * then is a protocol error to it (it answers SSH_MSG_UNIMPLEMENTED). So every case logs in with a
 * public key first, and then proves the session still works both ways with a global request that
 * sshd must answer (SERVICE_REQUEST is only meaningful before authentication). One case shows the
 * other side of that limitation: a rekey a bare Transport starts before authentication is refused
 * with UNIMPLEMENTED, and the engine ends the exchange with KEY_EXCHANGE_FAILED at once.
 */
class ClientRekeyWithOpenSshServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static SshKeyPair userKey() {
        return KeyPairs.generate(HostKeyAlgorithms.SSH_ED25519, 0, new SecureRandom());
    }

    private static TransportConfig config(OpenSshServer sshd, String kex) {
        return TransportConfig.builder().kexAlgorithms(List.of(kex)).hostKeyVerifier(sshd.hostKeyVerifier()).build();
    }

    /** A keepalive@openssh.com global request with want-reply: sshd must answer (RFC 4254 §4). */
    private static void globalRequestRoundTrip(BlockingTransportDriver d, RecordingLayer layer) {
        long before = layer.count(RequestFailure.class) + layer.count(RequestSuccess.class);
        d.transport().send(GlobalRequest.of(true, GlobalRequestBody.KeepAlive.EMPTY), Origin.APPLICATION);
        d.pumpUntil(() -> layer.count(RequestFailure.class) + layer.count(RequestSuccess.class) > before, LIMIT,
                "the answer to a global request");
    }

    /** What a case does once logged in, before the DISCONNECT. */
    private interface LoggedIn {
        void run(BlockingTransportDriver d, RecordingLayer layer, Transport t);
    }

    /**
     * Starts sshd with {@code sshdOptions}, logs in with a fresh public key over curve25519-sha256,
     * runs {@code body}, then checks that sshd closes after our DISCONNECT.
     */
    private static void loggedIn(String sshdOptions, LoggedIn body) {
        try (OpenSshServer sshd = OpenSshServer.start(sshdOptions)) {
            SshKeyPair key = userKey();
            sshd.authorize(PublicKeys.toOpenSshLine(key.publicKey(), "interop"));
            RecordingLayer layer = new RecordingLayer();
            try (BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(),
                    config(sshd, "curve25519-sha256"), layer)) {
                d.diagnostics(() -> sshd.logTail(40));
                Transport t = d.transport();
                d.pumpUntil(t::isReady, LIMIT, "first key exchange");
                PublicKeyLogin.login(d, layer, sshd.user(), key, LIMIT);
                body.run(d, layer, t);
                assertTrue(d.disconnect(Duration.ofSeconds(5)), "sshd closed after our DISCONNECT");
            }
        }
    }

    @Test
    void sshdForcedRekeysEveryFewKibibytesLeaveTheSessionWorking() {
        loggedIn("RekeyLimit 4K", (d, layer, t) -> {
            Random r = new Random(1);
            for (int i = 0; i < 300; i++) {
                byte[] data = new byte[1024];
                r.nextBytes(data);
                t.sendIgnore(data);
                d.pumpOnce();
            }
            globalRequestRoundTrip(d, layer);
            System.out.println("INTEROP | " + OpenSsh.shortVersion() + " sshd RekeyLimit 4K | sanssh client | "
                    + "300 x 1 KiB IGNORE | " + t.keyExchangeCount() + " key exchanges");
            assertTrue(t.keyExchangeCount() >= 20,
                    "300 KiB under sshd's 4 KiB limit should force dozens of rekeys, saw "
                            + t.keyExchangeCount() + " key exchanges");
            assertEquals(t.keyExchangeCount(), d.events(KeyExchangeCompleted.class).size());
        });
    }

    @Test
    void sshdRekeysByTimeWhileTheSessionIdlesAndTheSessionKeepsWorking() {
        loggedIn("RekeyLimit default 1", (d, layer, t) -> {
            d.pumpUntil(() -> t.keyExchangeCount() >= 2, Duration.ofSeconds(10),
                    "a rekey started by sshd's one-second RekeyLimit");
            globalRequestRoundTrip(d, layer);
        });
    }

    @Test
    void aRekeySshdRefusesBeforeAuthenticationEndsAtOnceWithKeyExchangeFailed() {
        try (OpenSshServer sshd = OpenSshServer.start()) {
            TransportConfig config = TransportConfig.builder().kexAlgorithms(List.of("curve25519-sha256"))
                    .kexTimeout(Duration.ofSeconds(2)).hostKeyVerifier(sshd.hostKeyVerifier()).build();
            try (BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(), config,
                    new RecordingLayer())) {
                d.diagnostics(() -> sshd.logTail(40));
                Transport t = d.transport();
                d.pumpUntil(t::isReady, LIMIT, "first key exchange");
                t.requestRekey();
                // sshd answers our KEXINIT with UNIMPLEMENTED; the engine ends the exchange at once
                // instead of waiting for its KEX timeout (SshConnection defers our rekeys until after
                // authentication, so only a bare Transport meets this).
                d.pumpUntil(t::isClosed, Duration.ofSeconds(10), "the refused key exchange");
                Disconnected end = d.disconnected().orElseThrow();
                assertEquals(DisconnectCause.Origin.PEER_FAULT, end.cause().origin());
                assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, end.cause().reason());
                d.disconnect(Duration.ofSeconds(5));
            }
            assertTrue(sshd.log().contains("dispatch_protocol_error: type 20"),
                    "sshd refused the pre-auth KEXINIT:\n" + sshd.logTail(20));
        }
    }

    /**
     * {@code requestRekey()} carries no time, so the KEX timer counts from the engine's latest "now".
     * After a long idle the driver must pass the current time first (the SansIoEngine contract);
     * then a rekey after an idle period longer than the KEX timeout completes.
     */
    @Test
    void aRekeyRequestedAfterAnIdlePeriodLongerThanTheKexTimeoutCompletes() {
        try (OpenSshServer sshd = OpenSshServer.start()) {
            SshKeyPair key = userKey();
            sshd.authorize(PublicKeys.toOpenSshLine(key.publicKey(), "interop"));
            TransportConfig config = TransportConfig.builder().kexAlgorithms(List.of("curve25519-sha256"))
                    .kexTimeout(Duration.ofSeconds(2)).hostKeyVerifier(sshd.hostKeyVerifier()).build();
            RecordingLayer layer = new RecordingLayer();
            try (BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(), config, layer)) {
                d.diagnostics(() -> sshd.logTail(40));
                Transport t = d.transport();
                d.pumpUntil(t::isReady, LIMIT, "first key exchange");
                PublicKeyLogin.login(d, layer, sshd.user(), key, LIMIT);
                d.pumpFor(Duration.ofMillis(2500));
                // The engine contract (SansIoEngine): time enters only through receive/onTimeout, so a
                // driver passes the current time before an application call that starts a timer.
                t.onTimeout(System.nanoTime());
                t.requestRekey();
                d.pumpUntil(() -> t.keyExchangeCount() == 2, LIMIT, "a rekey after 2.5 s of silence");
                globalRequestRoundTrip(d, layer);
                assertTrue(d.disconnect(Duration.ofSeconds(5)), "sshd closed after our DISCONNECT");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"curve25519-sha256", "ecdh-sha2-nistp384", "diffie-hellman-group14-sha256",
            "diffie-hellman-group-exchange-sha256", "sntrup761x25519-sha512@openssh.com"})
    void clientStartedRekeyWithQueuedDataCompletesWhenTheSocketTakesOneByteAtATime(String kex) {
        try (OpenSshServer sshd = OpenSshServer.start()) {
            SshKeyPair key = userKey();
            sshd.authorize(PublicKeys.toOpenSshLine(key.publicKey(), "interop"));
            RecordingLayer layer = new RecordingLayer();
            try (BlockingTransportDriver d = BlockingTransportDriver.connect(sshd.host(), sshd.port(),
                    config(sshd, kex), layer)) {
                d.diagnostics(() -> sshd.logTail(40));
                Transport t = d.transport();
                d.pumpUntil(t::isReady, LIMIT, "first key exchange");
                PublicKeyLogin.login(d, layer, sshd.user(), key, LIMIT);
                d.writeChunk(1);
                long bytes0 = d.bytesWritten();
                long writes0 = d.writeCalls();
                Random r = new Random(kex.hashCode());
                for (int i = 0; i < 8; i++) {
                    byte[] data = new byte[100 + r.nextInt(900)];
                    r.nextBytes(data);
                    t.sendIgnore(data);
                }
                t.requestRekey();
                assertTrue(t.kexActive(), "our KEXINIT is queued behind the data");
                t.send(GlobalRequest.of(true, GlobalRequestBody.KeepAlive.EMPTY), Origin.APPLICATION);
                assertTrue(t.outbound().heldCount() >= 1, "the global request waits for our NEWKEYS");
                d.pumpUntil(() -> t.keyExchangeCount() == 2
                                && layer.count(RequestFailure.class) + layer.count(RequestSuccess.class) == 1, LIMIT,
                        "client-started rekey and the answer to the held global request");
                assertEquals(kex, t.algorithms().kex());
                assertEquals(d.bytesWritten() - bytes0, d.writeCalls() - writes0, "one byte per write");
                assertTrue(d.disconnect(Duration.ofSeconds(5)), "sshd closed after our DISCONNECT");
            }
        }
    }
}
