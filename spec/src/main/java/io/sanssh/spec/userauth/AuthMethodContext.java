package io.sanssh.spec.userauth;

/**
 * Which authentication method is in progress: the context that gives numbers 60-79 their meaning
 * (RFC 4252 §6, RFC 4250 §4.1.2). Number 60 is {@code USERAUTH_PK_OK} during "publickey",
 * {@code USERAUTH_PASSWD_CHANGEREQ} during "password" and {@code USERAUTH_INFO_REQUEST} during
 * "keyboard-interactive"; number 61 is {@code USERAUTH_INFO_RESPONSE} during
 * "keyboard-interactive".
 *
 * <p>The engine sets it from the method of the last request sent (client) or received (server),
 * and passes it to {@link UserAuthCodec#decode}.
 */
public enum AuthMethodContext {
    /** No method-specific messages expected ("none", "hostbased", unknown methods, or no request yet). */
    OTHER,
    /** "publickey" or "publickey-hostbound-v00@openssh.com": 60 is PK_OK. */
    PUBLICKEY,
    /** "password": 60 is PASSWD_CHANGEREQ. */
    PASSWORD,
    /** "keyboard-interactive": 60 is INFO_REQUEST, 61 is INFO_RESPONSE. */
    KEYBOARD_INTERACTIVE;

    /** The context for a request with method name {@code method}. */
    public static AuthMethodContext forMethod(String method) {
        return switch (method) {
            case AuthMethodBody.PUBLICKEY, AuthMethodBody.PUBLICKEY_HOSTBOUND -> PUBLICKEY;
            case AuthMethodBody.PASSWORD -> PASSWORD;
            case AuthMethodBody.KEYBOARD_INTERACTIVE -> KEYBOARD_INTERACTIVE;
            default -> OTHER;
        };
    }
}
