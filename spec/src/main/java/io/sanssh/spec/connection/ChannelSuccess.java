package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_SUCCESS} (RFC 4254 §5.4): the positive answer to a {@link ChannelRequest}
 * sent with want-reply. Replies come in the order of the requests.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_SUCCESS (99)
 * uint32    recipient channel
 * </pre>
 */
public record ChannelSuccess(int recipient) implements ChannelMessage {
    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_SUCCESS;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient);
    }

    static ChannelSuccess read(SshReader r) {
        ChannelSuccess m = new ChannelSuccess(r.readInt());
        r.expectEnd("SSH_MSG_CHANNEL_SUCCESS");
        return m;
    }
}
