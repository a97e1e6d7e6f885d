package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDriverException;

/**
 * The server's host key was not trusted, so the connection was ended (DISCONNECT
 * HOST_KEY_NOT_VERIFIABLE) before any credential was sent.
 */
public final class HostKeyRejectedException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    /** Why the key was refused. */
    public enum Reason {
        /** The host is not in known_hosts and StrictHostKeyChecking is {@code yes}. */
        UNKNOWN_HOST,
        /** known_hosts lists another key of this type for the host: possibly a man in the middle. */
        CHANGED,
        /** known_hosts marks the key (or its CA) {@code @revoked}. */
        REVOKED,
        /** The key is not one of the keys the application pinned. */
        NOT_PINNED,
        /** The user (or the application's prompt) declined the key. */
        DECLINED
    }

    private final Reason reason;
    private final String fingerprint;

    /**
     * @param reason why the key was refused
     * @param hostName the host as filed in known_hosts ({@code [host]:port} off port 22)
     * @param fingerprint the key's SHA-256 fingerprint
     * @param detail more about it, e.g. which known_hosts line disagreed
     */
    public HostKeyRejectedException(Reason reason, String hostName, String fingerprint, String detail) {
        super("host key of " + hostName + " (" + fingerprint + ") rejected: " + detail);
        this.reason = reason;
        this.fingerprint = fingerprint;
    }

    /** Why the key was refused. */
    public Reason reason() {
        return reason;
    }

    /** The refused key's SHA-256 fingerprint. */
    public String fingerprint() {
        return fingerprint;
    }
}
