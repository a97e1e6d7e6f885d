package io.sanssh.engine.auth;

/**
 * Server role: checks passwords for the "password" method (RFC 4252 §8). Called on the engine
 * thread: it must answer at once (a server that checks passwords against a slow store does that
 * before handing the connection to the engine, or fails closed).
 */
public interface PasswordAuthenticator {
    /** Whether {@code password} is right for {@code user}; {@link PasswordVerdict#changeRequired} if it expired. */
    PasswordVerdict authenticate(String user, String password, AuthContext context);

    /**
     * The client answers a change request (or volunteers a change) with the old and a new password.
     * Return {@link PasswordVerdict#accept()} once the change is made, {@link
     * PasswordVerdict#changeRequired} if the new password is not acceptable (RFC 4252 §8), or
     * {@link PasswordVerdict#reject()} if the old one is wrong. By default changes are refused.
     */
    default PasswordVerdict changePassword(String user, String oldPassword, String newPassword, AuthContext context) {
        return PasswordVerdict.reject();
    }
}
