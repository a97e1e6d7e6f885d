package io.sanssh.engine.event;

import io.sanssh.spec.connection.OpenFailureReason;

/**
 * The peer refused a channel we asked for with CHANNEL_OPEN_FAILURE (RFC 4254 §5.1). The channel
 * number is free again.
 *
 * @param channel our number for the channel, as returned by the {@code open…} call
 * @param reasonCode the peer's reason code (RFC 4254 §5.1), see {@link #reason()}
 * @param description the peer's description
 */
public record ChannelOpenFailed(int channel, long reasonCode, String description) implements SshEvent {
    /** The reason by name, or {@code null} for a code outside RFC 4254's four. */
    public OpenFailureReason reason() {
        return OpenFailureReason.fromCode(reasonCode);
    }
}
