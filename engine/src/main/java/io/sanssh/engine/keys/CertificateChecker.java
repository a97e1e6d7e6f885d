package io.sanssh.engine.keys;

import io.sanssh.engine.keys.CertificateCheck.Outcome;
import io.sanssh.spec.wire.SshFormatException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an OpenSSH certificate may be used now, for a given host or user, following
 * PROTOCOL.certkeys and what OpenSSH's {@code ssh} and {@code sshd} enforce.
 *
 * <p>Checks, in order, stopping at the first failure:
 * <ol>
 *   <li>the CA signature algorithm is allowed (by default every one but SHA-1 {@code ssh-rsa},
 *       as OpenSSH's {@code CASignatureAlgorithms} since 8.2);
 *   <li>the CA signature verifies with the embedded signature key over the certificate up to and
 *       including that key (a CA that is itself a certificate was already refused at parse);
 *   <li>the certificate type is the one wanted (host or user);
 *   <li>{@code valid after <= now < valid before}, with {@code now} passed in as epoch seconds;
 *   <li>the principal is listed. An empty list means "any principal" for host certificates, as
 *       {@code ssh} accepts it; for user certificates it is refused ({@link Outcome#NO_PRINCIPALS}),
 *       as {@code sshd} refuses it for {@code TrustedUserCAKeys} without a principals file. Names
 *       are compared exactly; host names are lowercased first, as {@code ssh} lowercases them.
 *   <li>every critical option is understood. Host certificates have none defined, so any is
 *       refused; for user certificates the caller says which ones it enforces.
 * </ol>
 * Whether the signature key is a trusted CA is not checked here: {@link KnownHosts#check} does
 * that for host keys; the server's trusted CA list does it for users.
 *
 * <p>Immutable and thread-safe.
 */
public final class CertificateChecker {
    private final Set<String> caSignatureAlgorithms;
    private final Set<String> understoodUserOptions;

    /**
     * A checker that allows the CA signature algorithms named in {@code caSignatureAlgorithms}
     * (plain names, e.g. {@code ssh-ed25519}, {@code rsa-sha2-512}) and accepts user certificates
     * carrying only the critical options in {@code understoodUserCriticalOptions} (the caller must
     * then enforce them, e.g. {@code force-command}, {@code source-address}).
     */
    public CertificateChecker(Collection<String> caSignatureAlgorithms,
            Collection<String> understoodUserCriticalOptions) {
        this.caSignatureAlgorithms = Set.copyOf(caSignatureAlgorithms);
        this.understoodUserOptions = Set.copyOf(understoodUserCriticalOptions);
    }

    /**
     * OpenSSH's defaults: every CA signature algorithm but {@code ssh-rsa} (SHA-1), and no critical
     * options understood, so a user certificate with {@code force-command} is refused until the
     * caller builds a checker that says it enforces it.
     */
    public static CertificateChecker defaults() {
        return new CertificateChecker(Set.of(
                SignatureAlgorithm.SSH_ED25519.wireName(),
                SignatureAlgorithm.ECDSA_SHA2_NISTP256.wireName(),
                SignatureAlgorithm.ECDSA_SHA2_NISTP384.wireName(),
                SignatureAlgorithm.ECDSA_SHA2_NISTP521.wireName(),
                SignatureAlgorithm.RSA_SHA2_512.wireName(),
                SignatureAlgorithm.RSA_SHA2_256.wireName()), Set.of());
    }

    /**
     * Checks a host certificate presented by the server at {@code hostName}, at time
     * {@code nowEpochSeconds}. Call after {@link KnownHosts#check} answered TRUSTED_BY_CA.
     */
    public CertificateCheck checkHost(OpenSshCertificate cert, String hostName, long nowEpochSeconds) {
        return check(cert, OpenSshCertificate.Type.HOST, hostName.toLowerCase(Locale.ROOT), nowEpochSeconds);
    }

    /**
     * Checks a user certificate offered to log in as {@code userName}, at time
     * {@code nowEpochSeconds}. The caller has already checked that the CA is trusted.
     */
    public CertificateCheck checkUser(OpenSshCertificate cert, String userName, long nowEpochSeconds) {
        return check(cert, OpenSshCertificate.Type.USER, userName, nowEpochSeconds);
    }

    private CertificateCheck check(OpenSshCertificate cert, OpenSshCertificate.Type wanted, String principal,
            long now) {
        CertificateCheck signature = checkSignature(cert);
        if (!signature.isValid()) {
            return signature;
        }
        if (cert.type() != wanted) {
            return CertificateCheck.fail(Outcome.WRONG_TYPE,
                    "a " + cert.type() + " certificate where a " + wanted + " certificate is needed");
        }
        if (Long.compareUnsigned(now, cert.validAfter()) < 0) {
            return CertificateCheck.fail(Outcome.NOT_YET_VALID, "valid only from "
                    + Long.toUnsignedString(cert.validAfter()) + ", now is " + Long.toUnsignedString(now));
        }
        if (Long.compareUnsigned(now, cert.validBefore()) >= 0) {
            return CertificateCheck.fail(Outcome.EXPIRED, "expired at "
                    + Long.toUnsignedString(cert.validBefore()) + ", now is " + Long.toUnsignedString(now));
        }
        if (cert.principals().isEmpty()) {
            if (wanted == OpenSshCertificate.Type.USER) {
                return CertificateCheck.fail(Outcome.NO_PRINCIPALS, "user certificate lists no principals");
            }
        } else if (!cert.principals().contains(principal)) {
            return CertificateCheck.fail(Outcome.PRINCIPAL_NOT_LISTED,
                    "'" + principal + "' is not among " + cert.principals());
        }
        for (String option : cert.criticalOptions().keySet()) {
            if (wanted == OpenSshCertificate.Type.HOST || !understoodUserOptions.contains(option)) {
                return CertificateCheck.fail(Outcome.UNSUPPORTED_CRITICAL_OPTION,
                        "unsupported critical option " + option);
            }
        }
        return CertificateCheck.valid();
    }

    private CertificateCheck checkSignature(OpenSshCertificate cert) {
        String alg = cert.signatureAlgorithm();
        if (!caSignatureAlgorithms.contains(alg)) {
            return CertificateCheck.fail(Outcome.CA_ALGORITHM_NOT_ALLOWED, "CA signature algorithm " + alg
                    + " is not allowed");
        }
        boolean ok;
        try {
            ok = cert.signatureKey().verify(alg, cert.signedData().toByteArray(), cert.signature());
        } catch (SshFormatException e) {
            return CertificateCheck.fail(Outcome.BAD_SIGNATURE, "malformed CA signature: " + e.getMessage());
        }
        return ok ? CertificateCheck.valid()
                : CertificateCheck.fail(Outcome.BAD_SIGNATURE, "CA signature does not verify");
    }
}
