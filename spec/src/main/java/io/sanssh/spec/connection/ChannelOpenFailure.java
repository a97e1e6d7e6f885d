package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_OPEN_FAILURE} (RFC 4254 §5.1): the recipient of a {@link ChannelOpen}
 * refuses it; the opener may reuse its channel number afterwards.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_OPEN_FAILURE (92)
 * uint32    recipient channel
 * uint32    reason code
 * string    description in ISO-10646 UTF-8 encoding
 * string    language tag (RFC 3066)
 * </pre>
 *
 * @param recipient the opener's channel number
 * @param reasonCode a code of {@link OpenFailureReason} or any other uint32
 */
public record ChannelOpenFailure(int recipient, long reasonCode, String description, String language)
        implements ChannelMessage {
    public ChannelOpenFailure {
        FieldChecks.uint32(reasonCode, "reasonCode");
        FieldChecks.utf8(description, "description");
        FieldChecks.utf8(language, "language");
    }

    /** A refusal for a known reason, with an empty language tag. */
    public static ChannelOpenFailure of(int recipient, OpenFailureReason reason, String description) {
        return new ChannelOpenFailure(recipient, reason.code(), description, "");
    }

    /** The named reason, or {@code null} if the code is not one of RFC 4254's four. */
    public OpenFailureReason reason() {
        return OpenFailureReason.fromCode(reasonCode);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_OPEN_FAILURE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeUint32(reasonCode).writeUtf8(description).writeUtf8(language);
    }

    static ChannelOpenFailure read(SshReader r) {
        ChannelOpenFailure m = new ChannelOpenFailure(r.readInt(), r.readUint32(), r.readUtf8(), r.readUtf8());
        r.expectEnd("SSH_MSG_CHANNEL_OPEN_FAILURE");
        return m;
    }
}
