package io.sanssh.engine.keys;

/**
 * The verdict of {@link CertificateChecker}: valid, or the first reason the certificate fails.
 *
 * @param outcome what was found
 * @param detail a human-readable explanation for logs (names the option, principal or times)
 */
public record CertificateCheck(Outcome outcome, String detail) {
    /** Why a certificate is or is not acceptable, in the order the checker tests them. */
    public enum Outcome {
        /** Every check passed. */
        VALID,
        /** The CA signed with an algorithm the checker does not allow (e.g. SHA-1 {@code ssh-rsa}). */
        CA_ALGORITHM_NOT_ALLOWED,
        /** The CA signature does not verify with the embedded signature key. */
        BAD_SIGNATURE,
        /** A host certificate where a user one was wanted, or the reverse. */
        WRONG_TYPE,
        /** The current time is before "valid after". */
        NOT_YET_VALID,
        /** The current time is at or after "valid before". */
        EXPIRED,
        /** The certificate lists no principals, and this use requires one (user certificates). */
        NO_PRINCIPALS,
        /** The host or user name is not among the certificate's principals. */
        PRINCIPAL_NOT_LISTED,
        /** A critical option this side does not implement: the certificate must be refused. */
        UNSUPPORTED_CRITICAL_OPTION
    }

    /** Whether the certificate passed every check. */
    public boolean isValid() {
        return outcome == Outcome.VALID;
    }

    static CertificateCheck valid() {
        return new CertificateCheck(Outcome.VALID, "valid");
    }

    static CertificateCheck fail(Outcome outcome, String detail) {
        return new CertificateCheck(outcome, detail);
    }
}
