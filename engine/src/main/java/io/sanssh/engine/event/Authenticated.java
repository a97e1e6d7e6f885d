package io.sanssh.engine.event;

import java.util.List;

/**
 * User authentication succeeded (RFC 4252 §5.1, SSH_MSG_USERAUTH_SUCCESS sent or received). From
 * now on the connection protocol runs: channels may be opened.
 *
 * @param user the user name that was authenticated
 * @param methods the methods that succeeded, in order; more than one when the server required
 *     several (partial success)
 */
public record Authenticated(String user, List<String> methods) implements SshEvent {
    public Authenticated {
        methods = List.copyOf(methods);
    }
}
