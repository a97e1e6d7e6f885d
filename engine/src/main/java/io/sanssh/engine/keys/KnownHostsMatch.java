package io.sanssh.engine.keys;

/**
 * The answer of {@link KnownHosts#check}: what the known_hosts file says about a host key.
 *
 * @param status the verdict
 * @param entry the line that decided it: the matching line (TRUSTED), the CA line
 *     (TRUSTED_BY_CA), the revoking line (REVOKED), the line with the other key (CHANGED);
 *     {@code null} for UNKNOWN
 */
public record KnownHostsMatch(Status status, KnownHostsEntry entry) {
    /** The verdicts, in the order they are decided. */
    public enum Status {
        /** A {@code @revoked} line for this host lists the key, or the CA of its certificate. */
        REVOKED,
        /**
         * The key is a certificate whose CA is listed with {@code @cert-authority} for this host.
         * The caller must still check the certificate with {@link CertificateChecker#checkHost}.
         */
        TRUSTED_BY_CA,
        /** A plain line for this host lists exactly this key. */
        TRUSTED,
        /** The host is listed with a different key of the same type: possible man in the middle. */
        CHANGED,
        /** No line for this host has a key of this type (accept-new may add one). */
        UNKNOWN
    }

    static KnownHostsMatch unknown() {
        return new KnownHostsMatch(Status.UNKNOWN, null);
    }
}
