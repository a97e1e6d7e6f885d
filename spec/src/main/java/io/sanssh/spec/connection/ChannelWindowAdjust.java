package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_WINDOW_ADJUST} (RFC 4254 §5.2): the sender has consumed data and lets the
 * recipient send {@code bytesToAdd} more bytes on the channel.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_WINDOW_ADJUST (93)
 * uint32    recipient channel
 * uint32    bytes to add
 * </pre>
 *
 * <p>A window may never exceed 2^32-1 bytes (RFC 4254 §5.2); the engine checks the sum, this
 * record only carries the increment.
 */
public record ChannelWindowAdjust(int recipient, long bytesToAdd) implements ChannelMessage {
    public ChannelWindowAdjust {
        FieldChecks.uint32(bytesToAdd, "bytesToAdd");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_WINDOW_ADJUST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient).writeUint32(bytesToAdd);
    }

    static ChannelWindowAdjust read(SshReader r) {
        ChannelWindowAdjust m = new ChannelWindowAdjust(r.readInt(), r.readUint32());
        r.expectEnd("SSH_MSG_CHANNEL_WINDOW_ADJUST");
        return m;
    }
}
