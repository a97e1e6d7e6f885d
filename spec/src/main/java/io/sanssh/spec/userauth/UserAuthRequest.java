package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_USERAUTH_REQUEST} (RFC 4252 §5): the client asks to be authenticated as
 * {@code user} for {@code service} (normally "ssh-connection") by {@code method}.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_REQUEST (50)
 * string    user name in ISO-10646 UTF-8
 * string    service name in US-ASCII
 * string    method name in US-ASCII
 * ....      method specific fields ({@link AuthMethodBody})
 * </pre>
 *
 * <p>The client sends one whenever it tries a method; the server answers with
 * {@link UserAuthSuccess}, {@link UserAuthFailure} or a method-specific message (60-79). The
 * method name and the body must agree: a known body carries its own name, and an
 * {@link AuthMethodBody.UnknownAuth} is only allowed under a name no other body claims, so that
 * decoding what was encoded gives the same record.
 */
public record UserAuthRequest(String user, String service, String method, AuthMethodBody body)
        implements SshMessage {
    /** The service name of the connection protocol (RFC 4254 §1). */
    public static final String SSH_CONNECTION = "ssh-connection";

    public UserAuthRequest {
        FieldChecks.utf8(user, "user");
        FieldChecks.ascii(service, "service");
        FieldChecks.ascii(method, "method");
        Objects.requireNonNull(body, "body");
        String bodyMethod = body.methodName();
        if (bodyMethod == null ? AuthMethodBody.isKnownMethod(method) : !bodyMethod.equals(method)) {
            throw new IllegalArgumentException("method '" + method + "' does not match body " + body);
        }
    }

    /** A request whose method name is taken from a known {@code body}. */
    public static UserAuthRequest of(String user, String service, AuthMethodBody body) {
        String method = body.methodName();
        if (method == null) {
            throw new IllegalArgumentException("an UnknownAuth body needs an explicit method name");
        }
        return new UserAuthRequest(user, service, method, body);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUtf8(user).writeAscii(service).writeAscii(method);
        body.encode(w);
    }

    /** Reads the fields after the message number; nothing may follow a known method's fields. */
    static UserAuthRequest read(SshReader r) {
        String user = r.readUtf8();
        String service = r.readAscii();
        String method = r.readAscii();
        AuthMethodBody body = AuthMethodBody.read(method, r);
        r.expectEnd("SSH_MSG_USERAUTH_REQUEST");
        return new UserAuthRequest(user, service, method, body);
    }
}
