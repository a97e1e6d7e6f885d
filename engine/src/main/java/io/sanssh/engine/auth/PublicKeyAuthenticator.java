package io.sanssh.engine.auth;

import io.sanssh.engine.keys.SshPublicKey;

/**
 * Server role: decides which public keys (and OpenSSH user certificates) may log in as which user,
 * for the "publickey" method (RFC 4252 §7). {@link AuthorizedKeys} implements it from OpenSSH's
 * authorized_keys format.
 *
 * <p>It is asked both for a query without signature (the answer decides between
 * SSH_MSG_USERAUTH_PK_OK and FAILURE) and again for the signed request; the engine verifies the
 * signature itself, after an "allowed" answer. Called on the engine thread: it must answer at
 * once, from data it already holds.
 */
@FunctionalInterface
public interface PublicKeyAuthenticator {
    /**
     * Whether {@code key} may authenticate {@code user}.
     *
     * @param key the offered key; a certificate if {@link SshPublicKey#isCertificate()}, which the
     *     implementation must check (trusted CA, {@link AuthContext#certificateChecker()})
     */
    KeyVerdict check(String user, SshPublicKey key, AuthContext context);
}
