package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_CHANNEL_DATA} (RFC 4254 §5.2): bytes of the channel's main stream.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_DATA (94)
 * uint32    recipient channel
 * string    data
 * </pre>
 *
 * <p>The data length counts against the recipient's window and may not exceed its maximum packet
 * size; the engine checks both. The engine's bulk path may read this layout in place with
 * {@link SshReader#skipString()} instead of building the record.
 */
public record ChannelData(int recipient, Bytes data) implements ChannelMessage {
    public ChannelData {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_DATA;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeString(data);
    }

    static ChannelData read(SshReader r) {
        ChannelData m = new ChannelData(r.readInt(), r.readString());
        r.expectEnd("SSH_MSG_CHANNEL_DATA");
        return m;
    }
}
