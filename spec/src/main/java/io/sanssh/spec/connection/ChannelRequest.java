package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_CHANNEL_REQUEST} (RFC 4254 §5.4): a request about one channel, such as starting a
 * shell or reporting an exit status.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_REQUEST (98)
 * uint32    recipient channel
 * string    request type in US-ASCII characters only
 * boolean   want reply
 * ....      type-specific data follows ({@link ChannelRequestBody})
 * </pre>
 *
 * <p>With {@code wantReply} set the recipient answers with {@link ChannelSuccess} or
 * {@link ChannelFailure}, in request order. The type and the body must agree: a known body carries
 * its own type, and an {@link ChannelRequestBody.UnknownRequest} is only allowed under a type no
 * other body claims, so decoding what was encoded gives the same record.
 */
public record ChannelRequest(int recipient, String type, boolean wantReply, ChannelRequestBody body)
        implements ChannelMessage {
    public ChannelRequest {
        FieldChecks.ascii(type, "type");
        Objects.requireNonNull(body, "body");
        String bodyType = body.requestType();
        if (bodyType == null ? ChannelRequestBody.isKnown(type) : !bodyType.equals(type)) {
            throw new IllegalArgumentException("request type '" + type + "' does not match body " + body);
        }
    }

    /** A request whose type is taken from a known {@code body}. */
    public static ChannelRequest of(int recipient, boolean wantReply, ChannelRequestBody body) {
        String type = body.requestType();
        if (type == null) {
            throw new IllegalArgumentException("an UnknownRequest body needs an explicit request type");
        }
        return new ChannelRequest(recipient, type, wantReply, body);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeAscii(type).writeBoolean(wantReply);
        body.encode(w);
    }

    static ChannelRequest read(SshReader r) {
        int recipient = r.readInt();
        String type = r.readAscii();
        boolean wantReply = r.readBoolean();
        ChannelRequestBody body = ChannelRequestBody.read(type, r);
        r.expectEnd("SSH_MSG_CHANNEL_REQUEST " + type);
        return new ChannelRequest(recipient, type, wantReply, body);
    }
}
