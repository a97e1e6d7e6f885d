package io.sanssh.engine.event;

/**
 * A channel we asked for is open: the peer sent CHANNEL_OPEN_CONFIRMATION (RFC 4254 §5.1). Data
 * and channel requests may flow from now on; {@code credit(channel)} tells how much may be
 * written.
 *
 * @param channel our number for the channel, as returned by the {@code open…} call
 * @param type the channel type, for example "session"
 * @param peerWindow the peer's initial window (bytes we may send before it adjusts)
 * @param peerMaxPacket the largest data packet the peer accepts
 */
public record ChannelOpened(int channel, String type, long peerWindow, long peerMaxPacket) implements SshEvent {
}
