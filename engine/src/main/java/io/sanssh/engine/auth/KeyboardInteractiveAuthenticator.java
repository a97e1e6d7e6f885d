package io.sanssh.engine.auth;

/**
 * Server role: runs "keyboard-interactive" dialogues (RFC 4256), for one-time codes, several
 * factors in one method, or a password asked with a custom prompt. Called on the engine thread.
 */
@FunctionalInterface
public interface KeyboardInteractiveAuthenticator {
    /**
     * A client asked to start the method (RFC 4256 §3.1).
     *
     * @param submethods the client's comma-separated hints, usually empty
     * @return the first step: usually {@link InteractiveStep#ask}, or {@link
     *     InteractiveStep#reject()} if the user may not use this method
     */
    InteractiveStep begin(String user, String submethods, AuthContext context);
}
