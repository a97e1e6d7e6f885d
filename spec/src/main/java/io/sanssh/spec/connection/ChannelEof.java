package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_EOF} (RFC 4254 §5.3): the sender will send no more data on the channel.
 * The channel stays open: the other direction goes on, and requests such as "exit-status" may
 * still follow. It consumes no window.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_EOF (96)
 * uint32    recipient channel
 * </pre>
 */
public record ChannelEof(int recipient) implements ChannelMessage {
    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_EOF;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient);
    }

    static ChannelEof read(SshReader r) {
        ChannelEof m = new ChannelEof(r.readInt());
        r.expectEnd("SSH_MSG_CHANNEL_EOF");
        return m;
    }
}
