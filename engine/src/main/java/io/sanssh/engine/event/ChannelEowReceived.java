package io.sanssh.engine.event;

/**
 * The peer sent "eow@openssh.com" (OpenSSH PROTOCOL §2.1): its output side closed, so it asks us
 * to stop sending data on the channel. It may keep sending to us; nothing is enforced.
 *
 * @param channel our number for the channel
 */
public record ChannelEowReceived(int channel) implements SshEvent {
}
