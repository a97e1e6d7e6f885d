package io.sanssh.engine.auth;

import java.util.Objects;

/**
 * The answer of a {@link PasswordAuthenticator}.
 *
 * @param outcome accept, reject, or ask for a new password
 * @param prompt for {@link Outcome#CHANGE_REQUIRED}, the text sent in
 *     SSH_MSG_USERAUTH_PASSWD_CHANGEREQ (RFC 4252 §8); empty otherwise
 */
public record PasswordVerdict(Outcome outcome, String prompt) {
    /** What the server answers. */
    public enum Outcome {
        /** The password is right: this method succeeded. */
        ACCEPT,
        /** Wrong password or unknown user: SSH_MSG_USERAUTH_FAILURE. */
        REJECT,
        /** The password is right but expired (or a new one was unacceptable): ask for a new one. */
        CHANGE_REQUIRED
    }

    private static final PasswordVerdict ACCEPTED = new PasswordVerdict(Outcome.ACCEPT, "");
    private static final PasswordVerdict REJECTED = new PasswordVerdict(Outcome.REJECT, "");

    public PasswordVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(prompt, "prompt");
    }

    /** The password is right. */
    public static PasswordVerdict accept() {
        return ACCEPTED;
    }

    /** The password is wrong. */
    public static PasswordVerdict reject() {
        return REJECTED;
    }

    /** The password must be changed; {@code prompt} tells the user why. */
    public static PasswordVerdict changeRequired(String prompt) {
        return new PasswordVerdict(Outcome.CHANGE_REQUIRED, prompt);
    }
}
