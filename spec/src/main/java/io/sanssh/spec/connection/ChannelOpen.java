package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_CHANNEL_OPEN} (RFC 4254 §5.1): either side asks to open a channel.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_OPEN (90)
 * string    channel type in US-ASCII only
 * uint32    sender channel
 * uint32    initial window size
 * uint32    maximum packet size
 * ....      channel type specific data follows ({@link ChannelOpenBody})
 * </pre>
 *
 * <p>The recipient answers with {@link ChannelOpenConfirmation} or {@link ChannelOpenFailure}. The
 * type and the body must agree: a known body carries its own type, and an
 * {@link ChannelOpenBody.UnknownOpen} is only allowed under a type no other body claims.
 *
 * @param senderChannel the sender's number for the channel (raw uint32 bits)
 * @param initialWindow bytes the recipient may send before a window adjust, 0..2^32-1
 * @param maxPacket the largest data packet the sender accepts, 0..2^32-1
 */
public record ChannelOpen(String type, int senderChannel, long initialWindow, long maxPacket, ChannelOpenBody body)
        implements SshMessage {
    public ChannelOpen {
        FieldChecks.ascii(type, "type");
        FieldChecks.uint32(initialWindow, "initialWindow");
        FieldChecks.uint32(maxPacket, "maxPacket");
        Objects.requireNonNull(body, "body");
        String bodyType = body.channelType();
        if (bodyType == null ? ChannelOpenBody.isKnown(type) : !bodyType.equals(type)) {
            throw new IllegalArgumentException("channel type '" + type + "' does not match body " + body);
        }
    }

    /** A request whose type is taken from a known {@code body}. */
    public static ChannelOpen of(int senderChannel, long initialWindow, long maxPacket, ChannelOpenBody body) {
        String type = body.channelType();
        if (type == null) {
            throw new IllegalArgumentException("an UnknownOpen body needs an explicit channel type");
        }
        return new ChannelOpen(type, senderChannel, initialWindow, maxPacket, body);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_OPEN;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeAscii(type).writeInt(senderChannel).writeUint32(initialWindow).writeUint32(maxPacket);
        body.encode(w);
    }

    static ChannelOpen read(SshReader r) {
        String type = r.readAscii();
        int sender = r.readInt();
        long window = r.readUint32();
        long maxPacket = r.readUint32();
        ChannelOpenBody body = ChannelOpenBody.read(type, r);
        r.expectEnd("SSH_MSG_CHANNEL_OPEN " + type);
        return new ChannelOpen(type, sender, window, maxPacket, body);
    }
}
