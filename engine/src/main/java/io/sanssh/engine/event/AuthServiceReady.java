package io.sanssh.engine.event;

/**
 * Client role: the server accepted the {@code ssh-userauth} service (RFC 4253 §10,
 * SSH_MSG_SERVICE_ACCEPT). Authentication attempts may start now: {@code none}, {@code password},
 * {@code publicKey} or {@code keyboardInteractive} on the client auth layer.
 */
public record AuthServiceReady() implements SshEvent {
}
