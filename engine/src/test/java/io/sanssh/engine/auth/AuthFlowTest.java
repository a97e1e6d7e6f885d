package io.sanssh.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.AuthBannerReceived;
import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.AuthPromptsRequested;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.PasswordChangeRequested;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.spec.userauth.UserAuthInfoRequest.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The non-key methods end to end: none, password, password change, keyboard-interactive, banners. */
class AuthFlowTest {
    static final PasswordAuthenticator PASSWORDS = (user, password, ctx) ->
            "alice".equals(user) && "secret".equals(password) ? PasswordVerdict.accept() : PasswordVerdict.reject();

    static ServerAuthConfig.Builder passwordServer() {
        return ServerAuthConfig.builder().password(PASSWORDS);
    }

    @Test
    void serviceIsRequestedAfterTheFirstKeyExchangeAndAcceptedOnce() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        assertEquals(1, p.clientEvents(AuthServiceReady.class).size());
        assertEquals(1, p.serverRouter.withNumber(5).size());
        assertEquals(1, p.clientRouter.withNumber(6).size());
        assertTrue(p.client.allowedMethods().isEmpty());
    }

    @Test
    void noneFailsAndListsTheOfferedMethods() {
        AuthPair p = new AuthPair(passwordServer().keyboardInteractive((u, s, c) -> InteractiveStep.reject())
                .publicKey((u, k, c) -> KeyVerdict.deny("no")).build()).start();
        p.client.none("alice");
        AuthFailed f = p.awaitClient(AuthFailed.class);
        assertEquals("none", f.method());
        assertEquals(List.of("publickey", "keyboard-interactive", "password"), f.allowedMethods());
        assertFalse(f.partialSuccess());
        assertEquals(f.allowedMethods(), p.client.allowedMethods());
        assertEquals(0, p.server.failures(), "the first none does not count as a failure");
    }

    @Test
    void rightPasswordAuthenticatesBothSides() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        p.client.password("alice", "secret");
        Authenticated a = p.awaitClient(Authenticated.class);
        assertEquals("alice", a.user());
        assertEquals(List.of("password"), a.methods());
        assertEquals(1, p.clientCallbacks);
        assertTrue(p.client.isAuthenticated());
        assertTrue(p.server.isAuthenticated());
        assertEquals(new Authenticated("alice", List.of("password")), p.awaitServer(Authenticated.class));
        AuthenticatedUser u = p.serverUsers.get(0);
        assertEquals("alice", u.user());
        assertNull(u.publicKey());
        assertSame(KeyOptions.UNRESTRICTED, u.options());
        assertEquals(ConnectionPhase.Phase.OPEN, p.pair.client.phase());
        assertEquals(ConnectionPhase.Phase.OPEN, p.pair.server.phase());
        assertFalse(p.pair.server.timers().isArmed(io.sanssh.engine.timer.TimerKind.AUTH_TIMEOUT));
        assertThrows(IllegalStateException.class, () -> p.client.password("alice", "secret"));
    }

    @Test
    void wrongPasswordFailsAndMayBeRetried() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        p.client.password("alice", "wrong");
        AuthFailed f = p.awaitClient(AuthFailed.class);
        assertEquals(new AuthFailed("password", List.of("password"), false), f);
        assertEquals(1, p.server.failures());
        p.client.password("alice", "secret");
        p.awaitClient(Authenticated.class);
    }

    @Test
    void onlyOneAttemptMayBeInFlight() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        p.client.password("alice", "wrong");
        assertFalse(p.client.canAttempt());
        assertThrows(IllegalStateException.class, () -> p.client.none("alice"));
        assertThrows(IllegalStateException.class, () -> p.client.answerPrompts(List.of()));
        assertThrows(IllegalStateException.class, () -> p.client.changePassword("a", "b"));
        p.awaitClient(AuthFailed.class);
        assertTrue(p.client.canAttempt());
    }

    @Test
    void attemptsBeforeTheServiceWasAcceptedAreMisuse() {
        AuthPair p = new AuthPair(passwordServer().build());
        assertThrows(IllegalStateException.class, () -> p.client.password("alice", "secret"));
    }

    @Test
    void expiredPasswordIsChangedThenAccepted() {
        Map<String, String> store = new java.util.HashMap<>(Map.of("bob", "old"));
        List<String> changes = new ArrayList<>();
        PasswordAuthenticator auth = new PasswordAuthenticator() {
            @Override
            public PasswordVerdict authenticate(String user, String password, AuthContext ctx) {
                if (!password.equals(store.get(user))) {
                    return PasswordVerdict.reject();
                }
                return password.equals("old") ? PasswordVerdict.changeRequired("Password expired") : PasswordVerdict.accept();
            }

            @Override
            public PasswordVerdict changePassword(String user, String oldPassword, String newPassword, AuthContext ctx) {
                if (!oldPassword.equals(store.get(user))) {
                    return PasswordVerdict.reject();
                }
                if (newPassword.length() < 6) {
                    return PasswordVerdict.changeRequired("Too short");
                }
                changes.add(newPassword);
                store.put(user, newPassword);
                return PasswordVerdict.accept();
            }
        };
        AuthPair p = new AuthPair(ServerAuthConfig.builder().password(auth).build()).start();
        p.client.password("bob", "old");
        assertEquals(new PasswordChangeRequested("Password expired", ""), p.awaitClient(PasswordChangeRequested.class));
        assertTrue(p.client.canAttempt(), "another attempt may replace the change");
        p.clearEvents();
        p.client.changePassword("old", "short");
        assertEquals("Too short", p.awaitClient(PasswordChangeRequested.class).prompt());
        p.client.changePassword("old", "longer-password");
        assertEquals(List.of("password"), p.awaitClient(Authenticated.class).methods());
        assertEquals(List.of("longer-password"), changes);
        assertEquals(0, p.server.failures());
    }

    @Test
    void passwordChangesAreRefusedByDefault() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        p.client.password("alice", "wrong");
        p.awaitClient(AuthFailed.class);
        assertThrows(IllegalStateException.class, () -> p.client.changePassword("secret", "new"));
    }

    /** Two rounds: a secret, then a one-time code shown as typed; the second answer decides. */
    static InteractiveStep twoRounds(String user, String submethods, AuthContext ctx) {
        return InteractiveStep.ask("Login", "Answer two questions", List.of(new Prompt("Password: ", false)),
                first -> !first.get(0).equals("secret") ? InteractiveStep.reject()
                        : InteractiveStep.ask("", "", List.of(new Prompt("Code: ", true), new Prompt("Again: ", true)),
                                second -> second.equals(List.of("123456", "123456"))
                                        ? InteractiveStep.accept() : InteractiveStep.reject()));
    }

    @Test
    void keyboardInteractiveRunsSeveralRounds() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().keyboardInteractive(AuthFlowTest::twoRounds).build())
                .start();
        p.client.keyboardInteractive("carol", "");
        AuthPromptsRequested first = p.awaitClient(AuthPromptsRequested.class);
        assertEquals("Login", first.name());
        assertEquals("Answer two questions", first.instruction());
        assertEquals(List.of(new AuthPromptsRequested.Prompt("Password: ", false)), first.prompts());
        assertThrows(IllegalArgumentException.class, () -> p.client.answerPrompts(List.of("a", "b")));
        p.clearEvents();
        p.client.answerPrompts(List.of("secret"));
        AuthPromptsRequested second = p.awaitClient(AuthPromptsRequested.class);
        assertEquals(List.of(new AuthPromptsRequested.Prompt("Code: ", true),
                new AuthPromptsRequested.Prompt("Again: ", true)), second.prompts());
        p.client.answerPrompts(List.of("123456", "123456"));
        assertEquals(List.of("keyboard-interactive"), p.awaitClient(Authenticated.class).methods());
    }

    @Test
    void keyboardInteractiveWrongAnswerFails() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().keyboardInteractive(AuthFlowTest::twoRounds).build())
                .start();
        p.client.keyboardInteractive("carol", "");
        p.awaitClient(AuthPromptsRequested.class);
        p.client.answerPrompts(List.of("wrong"));
        assertEquals("keyboard-interactive", p.awaitClient(AuthFailed.class).method());
        assertEquals(1, p.server.failures());
    }

    @Test
    void promptlessInfoRequestIsAnsweredByTheEngine() {
        KeyboardInteractiveAuthenticator notice = (u, s, c) -> InteractiveStep.ask("", "Welcome, " + u, List.of(),
                none -> none.isEmpty() ? InteractiveStep.accept() : InteractiveStep.reject());
        AuthPair p = new AuthPair(ServerAuthConfig.builder().keyboardInteractive(notice).build()).start();
        p.client.keyboardInteractive("dave", "");
        Authenticated a = p.awaitClient(Authenticated.class);
        AuthPromptsRequested shown = p.clientEvents(AuthPromptsRequested.class).get(0);
        assertEquals("Welcome, dave", shown.instruction());
        assertFalse(shown.needsAnswers());
        assertEquals("dave", a.user());
    }

    @Test
    void newAttemptAbandonsAnOpenDialogue() {
        AuthPair p = new AuthPair(ServerAuthConfig.builder().keyboardInteractive(AuthFlowTest::twoRounds)
                .password(PASSWORDS).build()).start();
        p.client.keyboardInteractive("alice", "");
        p.awaitClient(AuthPromptsRequested.class);
        assertTrue(p.client.canAttempt());
        p.client.password("alice", "secret");
        assertEquals(List.of("password"), p.awaitClient(Authenticated.class).methods());
    }

    @Test
    void bannerArrivesBeforeTheFirstReply() {
        AuthPair p = new AuthPair(passwordServer().banner("Authorized use only\u001b[2J\n").build()).start();
        p.client.none("alice");
        p.awaitClient(AuthFailed.class);
        List<AuthBannerReceived> banners = p.clientEvents(AuthBannerReceived.class);
        assertEquals(1, banners.size());
        assertEquals("Authorized use only\u001b[2J\n", banners.get(0).message());
        assertEquals("Authorized use only[2J\n", banners.get(0).displayText());
        int bannerAt = p.pair.clientEvents.indexOf(banners.get(0));
        assertTrue(bannerAt < p.pair.clientEvents.indexOf(p.clientEvents(AuthFailed.class).get(0)));
        p.client.password("alice", "secret");
        p.awaitClient(Authenticated.class);
        assertEquals(1, p.clientEvents(AuthBannerReceived.class).size(), "sent once");
    }

    @Test
    void methodWithoutAuthenticatorIsNotOfferedAndFails() {
        AuthPair p = new AuthPair(passwordServer().build()).start();
        p.client.keyboardInteractive("alice", "");
        assertEquals(new AuthFailed("keyboard-interactive", List.of("password"), false),
                p.awaitClient(AuthFailed.class));
    }

    @Test
    void changingTheUserNameFlushesPartialSuccess() {
        ServerAuthConfig config = ServerAuthConfig.builder().password(PASSWORDS)
                .keyboardInteractive((u, s, c) -> InteractiveStep.accept())
                .requiredMethods(List.of(List.of("keyboard-interactive", "password"))).build();
        AuthPair p = new AuthPair(config).start();
        p.client.keyboardInteractive("mallory", "");
        AuthFailed partial = p.awaitClient(AuthFailed.class);
        assertTrue(partial.partialSuccess());
        assertEquals(List.of("password"), partial.allowedMethods());
        p.clearEvents();
        p.client.password("alice", "secret");
        AuthFailed flushed = p.awaitClient(AuthFailed.class);
        assertFalse(flushed.partialSuccess());
        assertEquals(List.of("keyboard-interactive"), flushed.allowedMethods());
    }
}
