package io.sanssh.engine.event;

/**
 * The remote command exited (the "exit-status" channel request, RFC 4254 §6.10).
 *
 * @param channel our number for the channel
 * @param status the exit status, 0..2^32-1
 */
public record ExitStatusReceived(int channel, long status) implements SshEvent {
}
