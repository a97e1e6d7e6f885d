package io.sanssh.engine.event;

import io.sanssh.spec.wire.Bytes;

/**
 * Bytes of a channel's main stream arrived (SSH_MSG_CHANNEL_DATA, RFC 4254 §5.2). The bytes are
 * a copy the event owns (one allocation per packet: events wait in a queue, so a view into the
 * engine's packet buffer would not survive until they are polled). They keep counting against
 * our window until the application reports them with {@code consumed(channel, n)}; only then is
 * the window replenished, so a slow reader slows the peer instead of filling memory.
 *
 * @param channel our number for the channel
 * @param data the bytes
 */
public record ChannelData(int channel, Bytes data) implements SshEvent {
}
