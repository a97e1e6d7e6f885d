package io.sanssh.engine.event;

/**
 * Client role: the server sent SSH_MSG_USERAUTH_BANNER (RFC 4252 §5.4), text to show the user
 * before authentication completes. Informational: the engine does not wait for anything.
 *
 * @param message the text exactly as received; it comes from the peer, so show {@link
 *     #displayText()} instead
 * @param language the RFC 3066 language tag, usually empty
 */
public record AuthBannerReceived(String message, String language) implements SshEvent {
    /**
     * The message with control characters removed except tab and line feed, as RFC 4252 §5.4 asks
     * of clients that print it to a terminal (a banner must not be able to move the cursor or
     * change the terminal's state).
     */
    public String displayText() {
        StringBuilder b = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            if (!control || c == '\n' || c == '\t') {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
