package io.sanssh.engine.event;

/**
 * The remote command was killed by a signal (the "exit-signal" channel request, RFC 4254 §6.10).
 *
 * @param channel our number for the channel
 * @param signal the signal name without "SIG", for example "TERM"
 * @param coreDumped whether a core was dumped
 * @param errorMessage the peer's text, possibly empty
 * @param language its language tag
 */
public record ExitSignalReceived(int channel, String signal, boolean coreDumped, String errorMessage,
                                 String language) implements SshEvent {
}
