package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDriverException;
import java.util.List;

/**
 * The server did not accept the credentials offered (RFC 4252 §5.1, SSH_MSG_USERAUTH_FAILURE), or
 * none of them could be offered. The connection stays open: another attempt may follow, until the
 * server's attempt limit ends it.
 */
public final class SshAuthenticationException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    private final String user;
    private final transient List<String> allowedMethods;

    /**
     * @param user the user name tried
     * @param message what was tried and what the server said
     * @param allowedMethods the methods the server still allows, from its last failure answer
     */
    public SshAuthenticationException(String user, String message, List<String> allowedMethods) {
        super("authentication as " + user + " failed: " + message
                + (allowedMethods.isEmpty() ? "" : " (server allows: " + String.join(",", allowedMethods) + ")"));
        this.user = user;
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /** The user name tried. */
    public String user() {
        return user;
    }

    /** The methods the server listed as able to continue, in its order. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }
}
