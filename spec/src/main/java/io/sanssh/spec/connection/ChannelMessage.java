package io.sanssh.spec.connection;

import io.sanssh.spec.message.SshMessage;

/**
 * A message addressed to one channel (RFC 4254 §5): every channel message after
 * {@code SSH_MSG_CHANNEL_OPEN} starts with the recipient's channel number, so the engine routes it
 * by {@link #recipient()} without looking at the rest.
 */
public interface ChannelMessage extends SshMessage {
    /**
     * The channel number the recipient chose for this channel, as the raw 32 bits of the
     * {@code uint32} (channel numbers are identifiers, compared by value).
     */
    int recipient();
}
