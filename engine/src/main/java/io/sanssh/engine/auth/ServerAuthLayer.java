package io.sanssh.engine.auth;

import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.Layer;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.algorithm.ServiceNames;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.transport.ServiceAccept;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.transport.TransportCodec;
import io.sanssh.spec.userauth.AuthMethodBody;
import io.sanssh.spec.userauth.AuthMethodBody.KeyboardInteractiveAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PasswordAuth;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthMethodContext;
import io.sanssh.spec.userauth.AuthSignedData;
import io.sanssh.spec.userauth.UserAuthBanner;
import io.sanssh.spec.userauth.UserAuthCodec;
import io.sanssh.spec.userauth.UserAuthFailure;
import io.sanssh.spec.userauth.UserAuthInfoRequest;
import io.sanssh.spec.userauth.UserAuthInfoResponse;
import io.sanssh.spec.userauth.UserAuthPasswdChangeReq;
import io.sanssh.spec.userauth.UserAuthPkOk;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.userauth.UserAuthSuccess;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server side of user authentication (RFC 4252, RFC 4256): accepts the {@code ssh-userauth}
 * service, answers each SSH_MSG_USERAUTH_REQUEST with the authenticators of its {@link
 * ServerAuthConfig}, and reports success once.
 *
 * <pre>
 *   AWAITING_SERVICE --SERVICE_REQUEST(ssh-userauth)/SERVICE_ACCEPT--> AUTHENTICATING
 *   AUTHENTICATING   --USERAUTH_REQUEST--> FAILURE | PK_OK | PASSWD_CHANGEREQ | INFO_REQUEST | SUCCESS
 *   AUTHENTICATING   --INFO_RESPONSE (dialogue open)--> INFO_REQUEST | FAILURE | SUCCESS
 *   AUTHENTICATING   --SUCCESS sent--> AUTHENTICATED (later requests ignored, RFC 4252 §5.1)
 * </pre>
 *
 * Anything else is a PROTOCOL_ERROR; another service is SERVICE_NOT_AVAILABLE. The
 * {@code maxAttempts}-th failure is answered with DISCONNECT NO_MORE_AUTH_METHODS_AVAILABLE
 * instead of a FAILURE, as sshd does; the first "none" request, partial successes, PK_OK and
 * change requests do not count. AUTH_TIMEOUT, armed when the first key exchange completes, ends
 * the connection if authentication has not succeeded by then.
 *
 * <p>On success it sends SSH_MSG_USERAUTH_SUCCESS, cancels the timer, fires {@link
 * ConnectionPhase.Trigger#AUTHENTICATED} on the transport's phase machine, emits {@link
 * Authenticated}, and finally calls {@code onAuthenticated}: the connection layer may start.
 */
public final class ServerAuthLayer implements Layer {
    /** The reason sent when {@link ServerAuthConfig#authTimeout()} expires. */
    public static final DisconnectReason TIMEOUT_REASON = DisconnectReason.BY_APPLICATION;

    private enum State { AWAITING_SERVICE, AUTHENTICATING, AUTHENTICATED }

    private final Transport transport;
    private final ServerAuthConfig config;
    private final Consumer<AuthenticatedUser> onAuthenticated;
    private AuthenticatedUser authenticatedUser;
    private final MethodRequirements requirements;
    private final Set<Bytes> usedKeys = new HashSet<>();
    private State state = State.AWAITING_SERVICE;
    private String user;
    private int requests;
    private int failures;
    private InteractiveStep.Responder responder;
    private int expectedResponses;
    private SshPublicKey acceptedKey;
    private KeyOptions keyOptions = KeyOptions.UNRESTRICTED;

    /**
     * A layer for one connection; give it every message of numbers 5-6 and 50-79 and the
     * transport's notifications. {@code onAuthenticated} runs once, on the engine thread, when
     * authentication succeeded.
     */
    public ServerAuthLayer(Transport transport, ServerAuthConfig config, Consumer<AuthenticatedUser> onAuthenticated) {
        this.transport = transport;
        this.config = config;
        this.onAuthenticated = onAuthenticated;
        this.requirements = new MethodRequirements(config.requiredMethods(), config.offeredMethods());
    }

    /** Arms the authentication timeout from the transport's current time. */
    @Override
    public void onTransportReady() {
        transport.timers().arm(TimerKind.AUTH_TIMEOUT, transport.now() + config.authTimeout().toNanos());
    }

    /** AUTH_TIMEOUT: ends the connection with {@link #TIMEOUT_REASON} unless already authenticated. */
    @Override
    public void onTimer(TimerKind kind) {
        if (kind == TimerKind.AUTH_TIMEOUT && state != State.AUTHENTICATED) {
            transport.timeout(TIMEOUT_REASON, "authentication timed out");
        }
    }

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        int n = payload[off] & 0xff;
        if (n == MessageNumbers.SERVICE_REQUEST) {
            onServiceRequest((ServiceRequest) TransportCodec.decode(payload, off, len));
            return;
        }
        if (n == MessageNumbers.SERVICE_ACCEPT) {
            throw protocolError("SSH_MSG_SERVICE_ACCEPT sent to a server");
        }
        AuthMethodContext context = responder != null ? AuthMethodContext.KEYBOARD_INTERACTIVE : AuthMethodContext.OTHER;
        SshMessage m = UserAuthCodec.decode(payload, off, len, context);
        if (state == State.AUTHENTICATED && m instanceof UserAuthRequest) {
            return; // RFC 4252 §5.1: requests after success SHOULD be silently ignored
        }
        if (state != State.AUTHENTICATING) {
            throw protocolError(MessageNumbers.name(n) + " " + (state == State.AUTHENTICATED
                    ? "after authentication succeeded" : "before the ssh-userauth service was requested"));
        }
        if (m instanceof UserAuthRequest r) {
            onRequest(r);
        } else if (m instanceof UserAuthInfoResponse r) {
            onInfoResponse(r);
        } else {
            throw protocolError("unexpected " + MessageNumbers.name(n) + " from a client");
        }
    }

    private void onServiceRequest(ServiceRequest r) {
        if (state != State.AWAITING_SERVICE) {
            throw protocolError("a second SSH_MSG_SERVICE_REQUEST");
        }
        if (!ServiceNames.SSH_USERAUTH.equals(r.serviceName())) {
            throw new SshFormatException(DisconnectReason.SERVICE_NOT_AVAILABLE,
                    "service " + r.serviceName() + " not available");
        }
        state = State.AUTHENTICATING;
        transport.send(new ServiceAccept(ServiceNames.SSH_USERAUTH), Origin.INTERNAL);
    }

    private void onRequest(UserAuthRequest r) {
        responder = null; // a new request abandons an open dialogue (RFC 4256 §3.2)
        if (!ServiceNames.SSH_CONNECTION.equals(r.service())) {
            throw new SshFormatException(DisconnectReason.SERVICE_NOT_AVAILABLE,
                    "service " + r.service() + " not available after authentication");
        }
        if (user != null && !user.equals(r.user())) {
            // RFC 4252 §5: a change of user name MUST flush accumulated authentication state.
            requirements.reset();
            usedKeys.clear();
            acceptedKey = null;
            keyOptions = KeyOptions.UNRESTRICTED;
        }
        user = r.user();
        requests++;
        if (requests == 1 && config.banner() != null) {
            transport.send(new UserAuthBanner(config.banner(), ""), Origin.INTERNAL);
        }
        String method = r.method();
        if (!requirements.allows(method)) {
            fail(method);
            return;
        }
        AuthMethodBody body = r.body();
        if (body instanceof PasswordAuth p) {
            onPassword(p);
        } else if (body instanceof PublicKeyAuth p && !p.isHostbound()) {
            onPublicKey(r, p);
        } else if (body instanceof KeyboardInteractiveAuth k) {
            onStep(config.keyboardInteractive().begin(user, k.submethods(), context()));
        } else {
            fail(method);
        }
    }

    private void onPassword(PasswordAuth p) {
        PasswordAuthenticator auth = config.password();
        PasswordVerdict v = p.change()
                ? auth.changePassword(user, p.password(), p.newPassword(), context())
                : auth.authenticate(user, p.password(), context());
        switch (v.outcome()) {
            case ACCEPT -> succeed(AuthMethodBody.PASSWORD, null, null);
            case REJECT -> fail(AuthMethodBody.PASSWORD);
            case CHANGE_REQUIRED -> transport.send(new UserAuthPasswdChangeReq(v.prompt(), ""), Origin.INTERNAL);
        }
    }

    private void onPublicKey(UserAuthRequest r, PublicKeyAuth p) {
        if (!config.publicKeyAlgorithms().contains(p.algorithm())) {
            fail(AuthMethodBody.PUBLICKEY);
            return;
        }
        SshPublicKey key;
        try {
            key = PublicKeys.parse(p.publicKey());
        } catch (SshFormatException e) {
            fail(AuthMethodBody.PUBLICKEY); // an unknown or broken key is refused, not a protocol error
            return;
        }
        if (!key.signatureAlgorithms().contains(p.algorithm()) || usedKeys.contains(key.blob())) {
            fail(AuthMethodBody.PUBLICKEY);
            return;
        }
        KeyVerdict verdict = config.publicKey().check(user, key, context());
        if (!verdict.allowed()) {
            fail(AuthMethodBody.PUBLICKEY);
            return;
        }
        if (!p.hasSignature()) {
            transport.send(new UserAuthPkOk(p.algorithm(), p.publicKey()), Origin.INTERNAL);
            return;
        }
        byte[] signed = AuthSignedData.publicKey(Bytes.wrap(transport.sessionId()), user, r.service(), p);
        boolean valid;
        try {
            valid = key.verify(p.algorithm(), signed, p.signature());
        } catch (SshFormatException e) {
            valid = false;
        }
        if (valid) {
            succeed(AuthMethodBody.PUBLICKEY, key, verdict.options());
        } else {
            fail(AuthMethodBody.PUBLICKEY);
        }
    }

    private void onInfoResponse(UserAuthInfoResponse r) {
        if (r.responses().size() != expectedResponses) {
            throw protocolError(r.responses().size() + " responses to " + expectedResponses + " prompts");
        }
        InteractiveStep.Responder next = responder;
        responder = null;
        onStep(next.answer(r.responses()));
    }

    private void onStep(InteractiveStep step) {
        if (step instanceof InteractiveStep.Ask ask) {
            responder = ask.next();
            expectedResponses = ask.prompts().size();
            transport.send(new UserAuthInfoRequest(ask.name(), ask.instruction(), "", ask.prompts()), Origin.INTERNAL);
        } else if (step == InteractiveStep.accept()) {
            succeed(AuthMethodBody.KEYBOARD_INTERACTIVE, null, null);
        } else {
            fail(AuthMethodBody.KEYBOARD_INTERACTIVE);
        }
    }

    private void fail(String method) {
        if (requests > 1 || !AuthMethodBody.NONE.equals(method)) {
            failures++;
        }
        if (failures >= config.maxAttempts()) {
            throw new SshFormatException(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE,
                    "too many authentication failures for " + user);
        }
        transport.send(new UserAuthFailure(requirements.next(), false), Origin.INTERNAL);
    }

    private void succeed(String method, SshPublicKey key, KeyOptions options) {
        if (key != null) {
            usedKeys.add(key.blob());
            acceptedKey = key;
            keyOptions = options;
        }
        if (!requirements.succeed(method)) {
            transport.send(new UserAuthFailure(requirements.next(), true), Origin.INTERNAL);
            return;
        }
        state = State.AUTHENTICATED;
        transport.timers().cancel(TimerKind.AUTH_TIMEOUT);
        transport.send(UserAuthSuccess.INSTANCE, Origin.INTERNAL);
        transport.phaseMachine().fire(ConnectionPhase.Trigger.AUTHENTICATED);
        AuthenticatedUser who = new AuthenticatedUser(user, requirements.completed(), acceptedKey, keyOptions);
        authenticatedUser = who;
        transport.emit(new Authenticated(user, who.methods()));
        onAuthenticated.accept(who);
    }

    private AuthContext context() {
        OptionalLong now = config.epochSeconds() == null ? OptionalLong.empty()
                : OptionalLong.of(config.epochSeconds().getAsLong());
        return new AuthContext(config.clientAddress(), config.clientHost(), now, config.certificateChecker());
    }

    private static SshFormatException protocolError(String why) {
        return new SshFormatException(DisconnectReason.PROTOCOL_ERROR, why);
    }

    /**
     * Who logged in, with the accepted key's authorized_keys options (merged with its certificate's),
     * for the application to enforce on channels; {@code null} until USERAUTH_SUCCESS was sent.
     */
    public AuthenticatedUser authenticatedUser() {
        return authenticatedUser;
    }

    /** Whether a user has been authenticated. */
    public boolean isAuthenticated() {
        return state == State.AUTHENTICATED;
    }

    /** Failed attempts so far (see the class comment for what counts). */
    public int failures() {
        return failures;
    }
}
