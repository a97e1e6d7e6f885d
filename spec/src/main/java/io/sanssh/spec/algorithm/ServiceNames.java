package io.sanssh.spec.algorithm;

/**
 * Service names for {@code SSH_MSG_SERVICE_REQUEST} and {@code SSH_MSG_USERAUTH_REQUEST}
 * (RFC 4253 §10, RFC 4250 §4.6.1 table).
 */
public final class ServiceNames {
    private ServiceNames() {
    }

    /** User authentication, requested right after the first key exchange (RFC 4252). */
    public static final String SSH_USERAUTH = "ssh-userauth";

    /** The connection protocol, named in the user authentication request (RFC 4254). */
    public static final String SSH_CONNECTION = "ssh-connection";
}
