package io.sanssh.engine.event;

import io.sanssh.spec.connection.ChannelRequestBody;

/**
 * The peer sent a channel request (SSH_MSG_CHANNEL_REQUEST, RFC 4254 §5.4) that the application
 * handles: pty-req, env, shell, exec, subsystem, window-change, signal, break, x11-req, and so on.
 * When {@code wantReply} is set this is a decision: answer with {@code replyChannelRequest(channel,
 * requestId, success)}. Replies leave in the order the requests arrived, whatever order the
 * application answers in. Exit status, exit signal and eow@openssh.com have their own events;
 * keep-alives and unknown requests are answered by the engine.
 *
 * @param channel our number for the channel
 * @param requestId the engine's identifier for this request (unique in the connection)
 * @param type the request type
 * @param wantReply whether the peer waits for a reply
 * @param body the type-specific data
 */
public record ChannelRequestReceived(int channel, long requestId, String type, boolean wantReply,
                                     ChannelRequestBody body) implements SshEvent {
}
