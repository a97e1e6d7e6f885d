package io.sanssh.engine.auth;

import io.sanssh.engine.keys.SshPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * Server role: who logged in and under which restrictions, handed to the connection layer when
 * authentication succeeds. The connection layer enforces {@link KeyOptions#command()} (a forced
 * command), {@link KeyOptions#pty()}, the forwarding flags and {@link KeyOptions#permitOpen()}.
 *
 * @param user the authenticated user name
 * @param methods the methods that succeeded, in order
 * @param publicKey the key (or certificate) used by "publickey", or {@code null} if none was
 * @param options the restrictions of the authorized_keys line (merged with the certificate's), or
 *     {@link KeyOptions#UNRESTRICTED} when no key was used
 */
public record AuthenticatedUser(String user, List<String> methods, SshPublicKey publicKey, KeyOptions options) {
    public AuthenticatedUser {
        Objects.requireNonNull(user, "user");
        methods = List.copyOf(methods);
        Objects.requireNonNull(options, "options");
    }
}
