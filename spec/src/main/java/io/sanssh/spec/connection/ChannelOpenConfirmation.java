package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_CHANNEL_OPEN_CONFIRMATION} (RFC 4254 §5.1): the recipient of a
 * {@link ChannelOpen} accepts it; from now on both sides know both channel numbers.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_OPEN_CONFIRMATION (91)
 * uint32    recipient channel
 * uint32    sender channel
 * uint32    initial window size
 * uint32    maximum packet size
 * ....      channel type specific data follows
 * </pre>
 *
 * <p>No channel type defined so far puts data after the packet size; it is kept as bytes so
 * that a future type round-trips.
 *
 * @param recipient the opener's channel number, from {@link ChannelOpen#senderChannel()}
 * @param sender the confirmer's own number for the channel
 */
public record ChannelOpenConfirmation(int recipient, int sender, long initialWindow, long maxPacket,
                                      Bytes typeSpecific) implements ChannelMessage {
    public ChannelOpenConfirmation {
        FieldChecks.uint32(initialWindow, "initialWindow");
        FieldChecks.uint32(maxPacket, "maxPacket");
        Objects.requireNonNull(typeSpecific, "typeSpecific");
    }

    /** A confirmation with no type-specific data, which is what every known channel type uses. */
    public static ChannelOpenConfirmation of(int recipient, int sender, long initialWindow, long maxPacket) {
        return new ChannelOpenConfirmation(recipient, sender, initialWindow, maxPacket, Bytes.EMPTY);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_OPEN_CONFIRMATION;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeInt(sender).writeUint32(initialWindow).writeUint32(maxPacket)
                .writeRaw(typeSpecific);
    }

    static ChannelOpenConfirmation read(SshReader r) {
        return new ChannelOpenConfirmation(r.readInt(), r.readInt(), r.readUint32(), r.readUint32(),
                r.readRemaining());
    }
}
