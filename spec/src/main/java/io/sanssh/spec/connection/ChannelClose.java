package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_CLOSE} (RFC 4254 §5.3): the sender will send nothing more on the channel.
 * Each side sends it once; the channel number is free again when both have been sent and
 * received.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_CLOSE (97)
 * uint32    recipient channel
 * </pre>
 */
public record ChannelClose(int recipient) implements ChannelMessage {
    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_CLOSE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient);
    }

    static ChannelClose read(SshReader r) {
        ChannelClose m = new ChannelClose(r.readInt());
        r.expectEnd("SSH_MSG_CHANNEL_CLOSE");
        return m;
    }
}
