package io.sanssh.engine.event;

/**
 * Client role: the server refused a "password" attempt because the password expired, and asks for
 * a new one (RFC 4252 §8, SSH_MSG_USERAUTH_PASSWD_CHANGEREQ). Answer with {@code changePassword}
 * on the client auth layer, or start another attempt instead.
 *
 * @param prompt the server's explanation, text from the peer
 * @param language the RFC 3066 language tag, usually empty
 */
public record PasswordChangeRequested(String prompt, String language) implements SshEvent {
}
