package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.userauth.AuthMethodBody;
import io.sanssh.spec.userauth.UserAuthBanner;
import io.sanssh.spec.userauth.UserAuthFailure;
import io.sanssh.spec.userauth.UserAuthInfoResponse;
import io.sanssh.spec.userauth.UserAuthPkOk;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.userauth.UserAuthSuccess;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attempt limit, auth timeout, and messages that arrive in the wrong state. */
class AuthLimitsTest {
    static ServerAuthConfig.Builder passwords() {
        return AuthFlowTest.passwordServer();
    }

    @Test
    void sixthFailureIsAnsweredWithDisconnectNoMoreAuthMethods() {
        AuthPair p = new AuthPair(passwords().build()).start();
        p.client.none("alice");
        p.awaitClient(AuthFailed.class);
        for (int i = 1; i <= 5; i++) {
            p.clearEvents();
            p.client.password("alice", "guess" + i);
            assertEquals("password", p.awaitClient(AuthFailed.class).method());
        }
        p.clearEvents();
        p.client.password("alice", "guess6");
        Disconnected[] d = p.awaitBothClosed();
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, d[0].cause().origin());
        assertEquals(14, d[0].cause().reasonCode());
        assertEquals(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, d[0].cause().reason());
        assertEquals(14, d[1].cause().reasonCode());
        assertEquals(0, p.clientEvents(AuthFailed.class).size(), "no FAILURE for the last attempt");
        assertFalse(p.client.canAttempt());
        assertThrows(IllegalStateException.class, () -> p.client.password("alice", "secret"));
    }

    @Test
    void attemptLimitIsConfigurable() {
        AuthPair p = new AuthPair(passwords().maxAttempts(1).build()).start();
        p.client.password("alice", "wrong");
        assertEquals(14, p.awaitBothClosed()[0].cause().reasonCode());
    }

    @Test
    void authTimeoutDisconnectsOnVirtualTime() {
        AuthPair p = new AuthPair(passwords().authTimeout(Duration.ofSeconds(30)).build()).start();
        assertTrue(p.pair.server.timers().isArmed(TimerKind.AUTH_TIMEOUT));
        long deadline = p.pair.server.timers().deadline(TimerKind.AUTH_TIMEOUT);
        p.pair.advance(Duration.ofSeconds(29).toNanos());
        p.pair.step();
        assertFalse(p.pair.server.isClosed(), "not before the deadline");
        p.pair.advance(deadline - p.pair.now());
        Disconnected[] d = p.awaitBothClosed();
        assertEquals(DisconnectCause.Origin.TIMEOUT, d[1].cause().origin());
        assertEquals(ServerAuthLayer.TIMEOUT_REASON.code(), d[1].cause().reasonCode());
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, d[0].cause().origin());
        assertEquals(ServerAuthLayer.TIMEOUT_REASON.code(), d[0].cause().reasonCode());
    }

    @Test
    void successCancelsTheAuthTimeout() {
        AuthPair p = new AuthPair(passwords().authTimeout(Duration.ofSeconds(30)).build()).start();
        p.client.password("alice", "secret");
        p.awaitServer(Authenticated.class);
        p.pair.advance(Duration.ofMinutes(5).toNanos());
        p.pair.step();
        p.pair.step();
        assertFalse(p.pair.server.isClosed());
        assertFalse(p.pair.client.isClosed());
    }

    /** Sends a raw message from one transport, bypassing its auth layer, and returns the receiver's Disconnected. */
    static DisconnectCause closedBy(AuthPair p, boolean fromServer, io.sanssh.spec.message.SshMessage m) {
        (fromServer ? p.pair.server : p.pair.client).send(m, Origin.INTERNAL);
        Disconnected[] d = p.awaitBothClosed();
        return (fromServer ? d[0] : d[1]).cause();
    }

    static void assertProtocolError(DisconnectCause c) {
        assertEquals(DisconnectCause.Origin.PEER_FAULT, c.origin());
        assertEquals(DisconnectReason.PROTOCOL_ERROR, c.reason());
    }

    @Test
    void successWithNoAttemptInFlightIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build()).start();
        assertProtocolError(closedBy(p, true, UserAuthSuccess.INSTANCE));
    }

    @Test
    void failureWithNoAttemptInFlightIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build()).start();
        assertProtocolError(closedBy(p, true, new UserAuthFailure(List.of("password"), false)));
    }

    @Test
    void numberSixtyAfterNoneIsAProtocolError() {
        // 60 has a meaning only during publickey, password and keyboard-interactive.
        AuthPair p = new AuthPair(passwords().build()).start();
        p.client.none("alice");
        p.pair.server.send(new UserAuthPkOk("ssh-ed25519", Bytes.of(new byte[40])), Origin.INTERNAL);
        assertProtocolError(p.awaitBothClosed()[0].cause());
    }

    @Test
    void pkOkForAnotherKeyIsAProtocolError() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().publicKey((u, k, c) -> KeyVerdict.deny("never"))
                .build()).start();
        p.client.publicKey("alice", io.sanssh.engine.testing.TestKeys.ed25519());
        p.pair.server.send(new UserAuthPkOk("ssh-ed25519", io.sanssh.engine.testing.TestKeys.all().get(1)
                .publicKey().blob()), Origin.INTERNAL);
        assertProtocolError(p.awaitBothClosed()[0].cause());
    }

    @Test
    void bannerAfterSuccessIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build()).start();
        p.client.password("alice", "secret");
        p.awaitClient(Authenticated.class);
        assertProtocolError(closedBy(p, true, new UserAuthBanner("late", "")));
    }

    @Test
    void serviceAcceptTwiceIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build()).start();
        assertProtocolError(closedBy(p, true, new io.sanssh.spec.transport.ServiceAccept("ssh-userauth")));
    }

    @Test
    void requestBeforeTheServiceRequestIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build());
        p.clientRouter.layer = null; // a client that skips SERVICE_REQUEST
        p.pair.pumpUntil(() -> p.pair.client.isReady() && p.pair.server.isReady(), 300, "key exchange");
        DisconnectCause c = closedBy(p, false, UserAuthRequest.of("alice", "ssh-connection",
                AuthMethodBody.PasswordAuth.login("secret")));
        assertProtocolError(c);
        assertFalse(p.server.isAuthenticated());
    }

    @Test
    void unknownServiceIsNotAvailable() {
        AuthPair p = new AuthPair(passwords().build());
        p.clientRouter.layer = null;
        p.pair.pumpUntil(() -> p.pair.client.isReady() && p.pair.server.isReady(), 300, "key exchange");
        DisconnectCause c = closedBy(p, false, new ServiceRequest("ssh-connection"));
        assertEquals(DisconnectReason.SERVICE_NOT_AVAILABLE, c.reason());
    }

    @Test
    void requestForAnotherServiceIsNotAvailable() {
        AuthPair p = new AuthPair(passwords().build()).start();
        DisconnectCause c = closedBy(p, false, UserAuthRequest.of("alice", "ssh-fancy",
                AuthMethodBody.PasswordAuth.login("secret")));
        assertEquals(DisconnectReason.SERVICE_NOT_AVAILABLE, c.reason());
    }

    @Test
    void unsolicitedInfoResponseIsAProtocolError() {
        AuthPair p = new AuthPair(passwords().build()).start();
        assertProtocolError(closedBy(p, false, new UserAuthInfoResponse(List.of("x"))));
    }

    @Test
    void wrongNumberOfResponsesIsAProtocolError() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().keyboardInteractive(AuthFlowTest::twoRounds).build())
                .start();
        p.client.keyboardInteractive("carol", "");
        p.awaitClient(io.sanssh.engine.event.AuthPromptsRequested.class);
        assertProtocolError(closedBy(p, false, new UserAuthInfoResponse(List.of("a", "b"))));
    }

    @Test
    void requestsAfterSuccessAreIgnored() {
        AuthPair p = new AuthPair(passwords().build()).start();
        p.client.password("alice", "secret");
        p.awaitServer(Authenticated.class);
        p.pair.client.send(UserAuthRequest.of("alice", "ssh-connection", AuthMethodBody.PasswordAuth.login("x")),
                Origin.INTERNAL);
        p.pair.drain(50);
        assertFalse(p.pair.server.isClosed());
        assertEquals(1, p.serverUsers.size());
    }
}
