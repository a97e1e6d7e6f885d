package io.sanssh.engine.event;

/**
 * The channel is closed in both directions (CHANNEL_CLOSE sent and received, RFC 4254 §5.3): the
 * last event for it. Its number is free and may be handed out again by a later open, so the
 * application must forget it now.
 *
 * @param channel our number for the channel
 * @param byPeer whether the peer's CLOSE came first (we echoed it)
 */
public record ChannelClosed(int channel, boolean byPeer) implements SshEvent {
}
