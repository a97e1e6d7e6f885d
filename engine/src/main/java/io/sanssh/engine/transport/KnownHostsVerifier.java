package io.sanssh.engine.transport;

import io.sanssh.engine.keys.CertificateCheck;
import io.sanssh.engine.keys.CertificateChecker;
import io.sanssh.engine.keys.KnownHosts;
import io.sanssh.engine.keys.KnownHostsMatch;
import io.sanssh.engine.keys.OpenSshCertificate;
import io.sanssh.engine.keys.SshPublicKey;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link HostKeyVerifier} that decides from OpenSSH known_hosts lines, as ssh(1) does: a listed
 * key is accepted; a host certificate is accepted when a {@code @cert-authority} line for the host
 * lists its CA and the certificate is valid for the host name now; a {@code @revoked} key or CA,
 * or a host listed with another key, is rejected (except under {@link Policy#NO}, which lets a
 * changed key through as ssh does); an unknown host is decided by the StrictHostKeyChecking
 * {@link Policy}. Pure: the caller reads the file and supplies the time.
 *
 * <p>After each decision, {@link #lastMatch()} and {@link #lastCertificateCheck()} tell what it
 * rested on, for a driver that reports refusals in its own types.
 *
 * <p>It records the last unknown key it accepted so that a driver implementing accept-new can
 * append {@link KnownHosts#formatEntry} for it.
 */
public final class KnownHostsVerifier implements HostKeyVerifier {
    /** What to do with a host that has no entry (ssh_config StrictHostKeyChecking). */
    public enum Policy {
        /** Refuse unknown hosts. */
        YES,
        /** Accept unknown hosts; the caller may record them. Changed keys are still refused. */
        ACCEPT_NEW,
        /** Accept unknown hosts and do not record them; accept changed keys too (ssh's "no"). */
        NO,
        /** Let the application decide through {@code HostKeyPresented}. */
        ASK
    }

    private final KnownHosts knownHosts;
    private final String host;
    private final int port;
    private final Policy policy;
    private final CertificateChecker checker;
    private final LongSupplier epochSeconds;
    private String lastReason = "";
    private SshPublicKey acceptedUnknown;
    private KnownHostsMatch lastMatch;
    private CertificateCheck lastCertificateCheck;

    /**
     * @param knownHosts the parsed known_hosts text (user and global files concatenated)
     * @param host the host name the user asked for (what certificates and lines are matched on)
     * @param port the port (non-22 ports are looked up as {@code [host]:port})
     * @param policy the StrictHostKeyChecking policy for unknown hosts
     * @param checker the certificate checks (CA algorithms allowed)
     * @param epochSeconds the current time in seconds, for certificate validity
     */
    public KnownHostsVerifier(KnownHosts knownHosts, String host, int port, Policy policy, CertificateChecker checker,
                              LongSupplier epochSeconds) {
        this.knownHosts = Objects.requireNonNull(knownHosts);
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.policy = Objects.requireNonNull(policy);
        this.checker = Objects.requireNonNull(checker);
        this.epochSeconds = Objects.requireNonNull(epochSeconds);
    }

    @Override
    public Decision verify(SshPublicKey key, String algorithm) {
        KnownHostsMatch match = knownHosts.check(host, port, key);
        lastMatch = match;
        lastCertificateCheck = null;
        switch (match.status()) {
            case TRUSTED:
                lastReason = "listed in known_hosts line " + match.entry().lineNumber();
                return Decision.ACCEPT;
            case TRUSTED_BY_CA: {
                CertificateCheck check = checker.checkHost((OpenSshCertificate) key, host, epochSeconds.getAsLong());
                lastCertificateCheck = check;
                lastReason = "host certificate: " + check.outcome() + " " + check.detail();
                return check.isValid() ? Decision.ACCEPT : Decision.REJECT;
            }
            case REVOKED:
                lastReason = "revoked by known_hosts line " + match.entry().lineNumber();
                return Decision.REJECT;
            case CHANGED:
                lastReason = "HOST KEY CHANGED: known_hosts line " + match.entry().lineNumber() + " has another key";
                return policy == Policy.NO ? Decision.ACCEPT : Decision.REJECT;
            default:
                lastReason = "no known_hosts entry for " + KnownHosts.hostKeyName(host, port);
                return switch (policy) {
                    case YES -> Decision.REJECT;
                    case ASK -> Decision.ASK;
                    case ACCEPT_NEW, NO -> {
                        acceptedUnknown = key;
                        yield Decision.ACCEPT;
                    }
                };
        }
    }

    /** What known_hosts said about the latest key, or {@code null} before the first. */
    public KnownHostsMatch lastMatch() {
        return lastMatch;
    }

    /** The latest key's certificate check, if it was a certificate of a listed CA; else {@code null}. */
    public CertificateCheck lastCertificateCheck() {
        return lastCertificateCheck;
    }

    /** Why the latest decision was taken, for error messages. */
    public String lastReason() {
        return lastReason;
    }

    /** The unknown key accepted under ACCEPT_NEW or NO, or {@code null}: what accept-new records. */
    public SshPublicKey acceptedUnknownKey() {
        return acceptedUnknown;
    }
}
