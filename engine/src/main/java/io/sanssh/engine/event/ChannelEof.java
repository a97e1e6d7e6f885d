package io.sanssh.engine.event;

/**
 * The peer will send no more data on the channel (SSH_MSG_CHANNEL_EOF, RFC 4254 §5.3). We may
 * still send, and the channel stays open until CLOSE.
 *
 * @param channel our number for the channel
 */
public record ChannelEof(int channel) implements SshEvent {
}
