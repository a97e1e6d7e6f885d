package io.sanssh.engine.event;

import io.sanssh.spec.connection.ChannelOpenBody;

/**
 * A decision: the peer asks to open a channel (RFC 4254 §5.1) and the engine waits for the
 * application to call {@code acceptChannel(channel)} or {@code rejectChannel(channel, …)}. The
 * rest of the connection carries on meanwhile. Types the layer refuses by itself (x11, types the
 * peer's role may not open, unknown types) never appear here.
 *
 * @param channel the number the engine reserved for the channel; pass it to the decision
 * @param type the channel type, for example "direct-tcpip"
 * @param body the type-specific data (host and port for TCP forwarding, a path for streamlocal)
 */
public record ChannelOpenRequested(int channel, String type, ChannelOpenBody body) implements SshEvent {
}
