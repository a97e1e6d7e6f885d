package io.sanssh.drivers;

import java.io.IOException;

/**
 * A driver could not do what the application asked: the connection could not be made, a wait ran
 * out, or the connection ended. The subclasses say which; each names what happened in its message.
 * Protocol faults reach the application as a {@link SshDisconnectedException} carrying the engine's
 * typed cause; local misuse stays an {@link IllegalStateException}.
 */
public abstract class SshDriverException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what happened. */
    protected SshDriverException(String message) {
        super(message);
    }

    /** An exception with a message and the lower-level failure that caused it. */
    protected SshDriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
