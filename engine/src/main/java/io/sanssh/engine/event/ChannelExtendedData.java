package io.sanssh.engine.event;

import io.sanssh.spec.wire.Bytes;

/**
 * Bytes of a side stream arrived (SSH_MSG_CHANNEL_EXTENDED_DATA, RFC 4254 §5.2), in practice a
 * session's stderr. They count against the same window as {@link ChannelData}: report them with
 * {@code consumed(channel, n)} too.
 *
 * @param channel our number for the channel
 * @param dataType the data type code; 1 is stderr (SSH_EXTENDED_DATA_STDERR)
 * @param data the bytes (owned by the event)
 */
public record ChannelExtendedData(int channel, long dataType, Bytes data) implements SshEvent {
}
