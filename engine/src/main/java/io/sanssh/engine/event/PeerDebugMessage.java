package io.sanssh.engine.event;

/**
 * The peer sent SSH_MSG_DEBUG (RFC 4253 §11.3).
 *
 * @param alwaysDisplay the peer asks that it be shown to the user
 * @param message the text
 */
public record PeerDebugMessage(boolean alwaysDisplay, String message) implements SshEvent {
}
