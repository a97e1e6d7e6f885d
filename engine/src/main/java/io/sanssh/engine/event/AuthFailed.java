package io.sanssh.engine.event;

import java.util.List;

/**
 * Client role: the server answered an attempt with SSH_MSG_USERAUTH_FAILURE (RFC 4252 §5.1). The
 * client may try again with one of {@code allowedMethods}; the server disconnects after too many
 * failures.
 *
 * @param method the method of the attempt that ended ({@code none}, {@code password},
 *     {@code publickey}, {@code keyboard-interactive})
 * @param allowedMethods the "authentications that can continue", in the server's order
 * @param partialSuccess true when {@code method} itself succeeded but the server requires more
 *     methods (§5.1): pick the next one from {@code allowedMethods}
 */
public record AuthFailed(String method, List<String> allowedMethods, boolean partialSuccess) implements SshEvent {
    public AuthFailed {
        allowedMethods = List.copyOf(allowedMethods);
    }
}
