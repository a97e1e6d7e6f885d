package io.sanssh.engine.auth;

import io.sanssh.engine.event.AuthBannerReceived;
import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.AuthPromptsRequested;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.PasswordChangeRequested;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.lifecycle.ConnectionPhase;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of user authentication (RFC 4252, RFC 4256). It requests the
 * {@code ssh-userauth} service when the first key exchange completes; once the server accepts
 * ({@link AuthServiceReady}), the application makes one attempt at a time and learns the outcome
 * from events.
 *
 * <pre>
 *   NEW --transport ready/SERVICE_REQUEST--> SERVICE_REQUESTED --SERVICE_ACCEPT--> READY
 *   READY, PROMPTS_PENDING, CHANGE_PENDING --none/password/publicKey/keyboardInteractive--> AWAITING_REPLY
 *   AWAITING_REPLY --FAILURE--> READY                        (AuthFailed)
 *   AWAITING_REPLY --PK_OK--> AWAITING_REPLY                 (signed request sent at once)
 *   AWAITING_REPLY --INFO_REQUEST--> PROMPTS_PENDING --answerPrompts--> AWAITING_REPLY
 *   AWAITING_REPLY --PASSWD_CHANGEREQ--> CHANGE_PENDING --changePassword--> AWAITING_REPLY
 *   AWAITING_REPLY --SUCCESS--> AUTHENTICATED                (Authenticated, then onAuthenticated)
 *   any state but NEW and AUTHENTICATED --BANNER--> same     (AuthBannerReceived)
 * </pre>
 *
 * Every other message, or one of these in another state, is a PROTOCOL_ERROR. Starting an
 * attempt outside the states listed is an {@link IllegalStateException}. On success it also fires
 * {@link ConnectionPhase.Trigger#AUTHENTICATED} on the transport's phase machine.
 */
public final class ClientAuthLayer implements Layer {
    private enum State { NEW, SERVICE_REQUESTED, READY, AWAITING_REPLY, PROMPTS_PENDING, CHANGE_PENDING, AUTHENTICATED }

    private final Transport transport;
    private final Runnable onAuthenticated;
    private final boolean allowSha1Rsa;
    private final List<String> succeeded = new ArrayList<>();
    private State state = State.NEW;
    private AuthMethodContext context = AuthMethodContext.OTHER;
    private String user;
    private String method;
    private SshKeyPair key;
    private PublicKeyAuth query;
    private boolean signatureSent;
    private int promptCount;
    private List<String> allowed = List.of();

    /** A client layer that never uses SHA-1 {@code ssh-rsa} signatures. */
    public ClientAuthLayer(Transport transport, Runnable onAuthenticated) {
        this(transport, onAuthenticated, false);
    }

    /**
     * A client layer; {@code onAuthenticated} runs once, on the engine thread, after
     * SSH_MSG_USERAUTH_SUCCESS.
     *
     * @param allowSha1Rsa whether RSA keys may sign with {@code ssh-rsa} (SHA-1) for servers that
     *     offer nothing better
     */
    public ClientAuthLayer(Transport transport, Runnable onAuthenticated, boolean allowSha1Rsa) {
        this.transport = transport;
        this.onAuthenticated = onAuthenticated;
        this.allowSha1Rsa = allowSha1Rsa;
    }

    /** Requests the {@code ssh-userauth} service (RFC 4253 §10). */
    @Override
    public void onTransportReady() {
        if (state == State.NEW) {
            state = State.SERVICE_REQUESTED;
            transport.send(new ServiceRequest(ServiceNames.SSH_USERAUTH), Origin.INTERNAL);
        }
    }

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        int n = payload[off] & 0xff;
        if (n == MessageNumbers.SERVICE_ACCEPT) {
            ServiceAccept a = (ServiceAccept) TransportCodec.decode(payload, off, len);
            if (state != State.SERVICE_REQUESTED || !ServiceNames.SSH_USERAUTH.equals(a.serviceName())) {
                throw protocolError("unexpected SSH_MSG_SERVICE_ACCEPT for " + a.serviceName());
            }
            state = State.READY;
            transport.emit(new AuthServiceReady());
            return;
        }
        if (n == MessageNumbers.SERVICE_REQUEST) {
            throw protocolError("SSH_MSG_SERVICE_REQUEST sent to a client");
        }
        SshMessage m = UserAuthCodec.decode(payload, off, len, context);
        if (m instanceof UserAuthBanner b && state != State.NEW && state != State.AUTHENTICATED) {
            transport.emit(new AuthBannerReceived(b.message(), b.language()));
            return;
        }
        if (state != State.AWAITING_REPLY) {
            throw protocolError(MessageNumbers.name(n) + " while no attempt is in flight (" + state + ")");
        }
        if (m instanceof UserAuthSuccess) {
            onSuccess();
        } else if (m instanceof UserAuthFailure f) {
            onFailure(f);
        } else if (m instanceof UserAuthPkOk ok) {
            onPkOk(ok);
        } else if (m instanceof UserAuthInfoRequest r) {
            onInfoRequest(r);
        } else if (m instanceof UserAuthPasswdChangeReq c) {
            state = State.CHANGE_PENDING;
            transport.emit(new PasswordChangeRequested(c.prompt(), c.language()));
        } else {
            throw protocolError("unexpected " + MessageNumbers.name(n) + " during " + method);
        }
    }

    private void onSuccess() {
        state = State.AUTHENTICATED;
        succeeded.add(method);
        key = null;
        query = null;
        transport.phaseMachine().fire(ConnectionPhase.Trigger.AUTHENTICATED);
        transport.emit(new Authenticated(user, succeeded));
        onAuthenticated.run();
    }

    private void onFailure(UserAuthFailure f) {
        state = State.READY;
        allowed = f.methods();
        if (f.partialSuccess()) {
            succeeded.add(method);
        }
        key = null;
        query = null;
        transport.emit(new AuthFailed(method, f.methods(), f.partialSuccess()));
    }

    private void onPkOk(UserAuthPkOk ok) {
        if (query == null || signatureSent || !ok.algorithm().equals(query.algorithm())
                || !ok.publicKey().equals(query.publicKey())) {
            throw protocolError("SSH_MSG_USERAUTH_PK_OK that answers no query of ours");
        }
        byte[] data = AuthSignedData.publicKey(Bytes.wrap(transport.sessionId()), user, ServiceNames.SSH_CONNECTION,
                query);
        Bytes signature = key.sign(query.algorithm(), data);
        signatureSent = true;
        send(query.withSignature(signature));
    }

    private void onInfoRequest(UserAuthInfoRequest r) {
        List<AuthPromptsRequested.Prompt> prompts = r.prompts().stream()
                .map(p -> new AuthPromptsRequested.Prompt(p.prompt(), p.echo())).toList();
        if (prompts.isEmpty()) {
            // RFC 4256 §3.3: a request without prompts is still answered, with no responses.
            transport.send(new UserAuthInfoResponse(List.of()), Origin.INTERNAL);
        } else {
            state = State.PROMPTS_PENDING;
            promptCount = prompts.size();
        }
        transport.emit(new AuthPromptsRequested(r.name(), r.instruction(), prompts));
    }

    // ---------------------------------------------------------------- application calls

    /**
     * Tries method "none" (RFC 4252 §5.2), which normally fails and so tells which methods the
     * server offers ({@link AuthFailed#allowedMethods()}). Call after {@link AuthServiceReady}, with
     * no attempt in flight ({@link #canAttempt()}).
     */
    public void none(String user) {
        begin(user, new AuthMethodBody.NoneAuth());
    }

    /** Tries method "password" (RFC 4252 §8). Same preconditions as {@link #none}. */
    public void password(String user, String password) {
        begin(user, AuthMethodBody.PasswordAuth.login(password));
    }

    /**
     * Tries method "publickey" (RFC 4252 §7): first asks whether the server would accept
     * {@code keyPair}'s key (or user certificate), then, on SSH_MSG_USERAUTH_PK_OK, signs the
     * session identifier and request and sends the signed request. The algorithm comes from
     * {@link #signatureAlgorithm}. Same preconditions as {@link #none}.
     *
     * @return false, sending nothing, if no signature algorithm for this key is acceptable to both
     *     sides (an RSA key against a server that lists only {@code ssh-rsa}, SHA-1 not allowed)
     */
    public boolean publicKey(String user, SshKeyPair keyPair) {
        String algorithm = signatureAlgorithm(keyPair.publicKey());
        if (algorithm == null) {
            checkCanAttempt();
            return false;
        }
        PublicKeyAuth q = PublicKeyAuth.query(algorithm, keyPair.publicKey().blob());
        begin(user, q);
        key = keyPair;
        query = q;
        return true;
    }

    /**
     * Tries method "keyboard-interactive" (RFC 4256 §3.1); the server's questions arrive as {@link
     * AuthPromptsRequested}. Same preconditions as {@link #none}.
     *
     * @param submethods hints for the server, normally empty
     */
    public void keyboardInteractive(String user, String submethods) {
        begin(user, new AuthMethodBody.KeyboardInteractiveAuth("", submethods));
    }

    /**
     * Answers the prompts of the latest {@link AuthPromptsRequested} (RFC 4256 §3.4), one answer per
     * prompt, in order.
     *
     * @throws IllegalStateException if no prompts wait for answers
     * @throws IllegalArgumentException if the count differs from the number of prompts
     */
    public void answerPrompts(List<String> answers) {
        if (state != State.PROMPTS_PENDING) {
            throw new IllegalStateException("no keyboard-interactive prompts wait for answers (" + state + ")");
        }
        if (answers.size() != promptCount) {
            throw new IllegalArgumentException(answers.size() + " answers for " + promptCount + " prompts");
        }
        checkOpen();
        state = State.AWAITING_REPLY;
        transport.send(new UserAuthInfoResponse(answers), Origin.APPLICATION);
    }

    /**
     * Answers a {@link PasswordChangeRequested} with the old and a new password (RFC 4252 §8). The
     * server then answers as for a password attempt, or asks again if the new password is not
     * acceptable.
     *
     * @throws IllegalStateException if no change was requested
     */
    public void changePassword(String oldPassword, String newPassword) {
        if (state != State.CHANGE_PENDING) {
            throw new IllegalStateException("the server did not ask for a password change (" + state + ")");
        }
        begin(user, AuthMethodBody.PasswordAuth.change(oldPassword, newPassword));
    }

    private void begin(String user, AuthMethodBody body) {
        checkCanAttempt();
        this.user = user;
        this.method = body.methodName();
        this.context = AuthMethodContext.forMethod(method);
        this.key = null;
        this.query = null;
        this.signatureSent = false;
        state = State.AWAITING_REPLY;
        send(body);
    }

    private void send(AuthMethodBody body) {
        transport.send(UserAuthRequest.of(user, ServiceNames.SSH_CONNECTION, body), Origin.APPLICATION);
    }

    private void checkCanAttempt() {
        if (!canAttempt()) {
            throw new IllegalStateException("cannot start an authentication attempt now (" + state
                    + (transport.isClosed() ? ", connection closed)" : ")"));
        }
    }

    private void checkOpen() {
        if (transport.isClosed()) {
            throw new IllegalStateException("connection closed");
        }
    }

    private static SshFormatException protocolError(String why) {
        return new SshFormatException(DisconnectReason.PROTOCOL_ERROR, why);
    }

    // ---------------------------------------------------------------- state

    /**
     * Whether an attempt may start now: the service was accepted, nothing is in flight (waiting for
     * prompt answers or a password change counts as nothing: a new attempt abandons them), not yet
     * authenticated, and the connection is open.
     */
    public boolean canAttempt() {
        return !transport.isClosed()
                && (state == State.READY || state == State.PROMPTS_PENDING || state == State.CHANGE_PENDING);
    }

    /** Whether authentication succeeded. */
    public boolean isAuthenticated() {
        return state == State.AUTHENTICATED;
    }

    /** The methods the server listed in its latest SSH_MSG_USERAUTH_FAILURE; empty before the first. */
    public List<String> allowedMethods() {
        return allowed;
    }

    /**
     * The "public key algorithm name" {@link #publicKey} would use for {@code key} with this server:
     * RSA by server-sig-algs as RFC 8332 §3 advises, other types their one algorithm. Meaningful after {@link AuthServiceReady}, when the
     * server's EXT_INFO has arrived.
     *
     * @return the name, or {@code null} if none is acceptable to both sides
     */
    public String signatureAlgorithm(SshPublicKey key) {
        return SignatureAlgorithmChoice.choose(key, transport.peerSignatureAlgorithms(), allowSha1Rsa);
    }
}
