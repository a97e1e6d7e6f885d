package io.sanssh.engine.event;

/**
 * The peer answered one of our channel requests sent with want-reply (CHANNEL_SUCCESS or
 * CHANNEL_FAILURE, RFC 4254 §5.4). Replies are matched to requests in the order we sent them.
 *
 * @param channel our number for the channel
 * @param requestId the identifier the request call returned
 * @param type the request type, for example "exec"
 * @param success whether the peer sent CHANNEL_SUCCESS
 */
public record ChannelRequestReplied(int channel, long requestId, String type, boolean success) implements SshEvent {
}
