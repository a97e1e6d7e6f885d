package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_CHANNEL_FAILURE} (RFC 4254 §5.4): the negative answer to a {@link ChannelRequest}
 * sent with want-reply, also the answer to a request type the recipient does not know.
 *
 * <pre>
 * byte      SSH_MSG_CHANNEL_FAILURE (100)
 * uint32    recipient channel
 * </pre>
 */
public record ChannelFailure(int recipient) implements ChannelMessage {
    @Override
    public int messageNumber() {
        return MessageNumbers.CHANNEL_FAILURE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(recipient);
    }

    static ChannelFailure read(SshReader r) {
        ChannelFailure m = new ChannelFailure(r.readInt());
        r.expectEnd("SSH_MSG_CHANNEL_FAILURE");
        return m;
    }
}
