package io.sanssh.engine.event;

/**
 * The connection is closed for protocol purposes: no more input is processed and no new messages
 * are accepted. Whatever was already queued (including our DISCONNECT) can still be drained with
 * {@code transmit}; then the driver closes the socket. Always the last event.
 */
public record Disconnected(DisconnectCause cause) implements SshEvent {
}
