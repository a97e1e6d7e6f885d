package io.sanssh.engine.event;

/**
 * A channel whose last write was cut short (it accepted less than offered, or nothing) has credit
 * again: the peer adjusted its window, our key exchange ended, or the outbound backlog drained.
 * Fired once per refusal, round-robin over the waiting channels, least recently served first, so
 * that no channel starves another.
 *
 * @param channel our number for the channel
 */
public record ChannelWritable(int channel) implements SshEvent {
}
