package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_GLOBAL_REQUEST} (RFC 4254 §4): a request that concerns the whole connection, not
 * one channel.
 *
 * <pre>
 * byte      SSH_MSG_GLOBAL_REQUEST (80)
 * string    request name in US-ASCII only
 * boolean   want reply
 * ....      request-specific data follows ({@link GlobalRequestBody})
 * </pre>
 *
 * <p>With {@code wantReply} set the recipient must answer with {@link RequestSuccess} or
 * {@link RequestFailure}, in the order the requests arrived (RFC 4254 §4). The name and the body
 * must agree: a known body carries its own name, and an {@link GlobalRequestBody.UnknownGlobal} is
 * only allowed under a name no other body claims, so decoding what was encoded gives the same
 * record.
 */
public record GlobalRequest(String name, boolean wantReply, GlobalRequestBody body) implements SshMessage {
    public GlobalRequest {
        FieldChecks.ascii(name, "name");
        Objects.requireNonNull(body, "body");
        String bodyName = body.requestName();
        if (bodyName == null ? GlobalRequestBody.isKnown(name) : !bodyName.equals(name)) {
            throw new IllegalArgumentException("request name '" + name + "' does not match body " + body);
        }
    }

    /** A request whose name is taken from a known {@code body}. */
    public static GlobalRequest of(boolean wantReply, GlobalRequestBody body) {
        String name = body.requestName();
        if (name == null) {
            throw new IllegalArgumentException("an UnknownGlobal body needs an explicit request name");
        }
        return new GlobalRequest(name, wantReply, body);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.GLOBAL_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeAscii(name).writeBoolean(wantReply);
        body.encode(w);
    }

    static GlobalRequest read(SshReader r) {
        String name = r.readAscii();
        boolean wantReply = r.readBoolean();
        GlobalRequestBody body = GlobalRequestBody.read(name, r);
        r.expectEnd("SSH_MSG_GLOBAL_REQUEST " + name);
        return new GlobalRequest(name, wantReply, body);
    }
}
