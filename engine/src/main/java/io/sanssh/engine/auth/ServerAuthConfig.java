package io.sanssh.engine.auth;

import io.sanssh.engine.keys.CertificateChecker;
import io.sanssh.engine.keys.SignatureAlgorithm;
import io.sanssh.spec.userauth.AuthMethodBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How a server authenticates users (RFC 4252): the authenticators of the methods it offers, the
 * methods it requires, limits, the banner, and what it knows about the client. Immutable; build
 * one with {@link #builder()}. Per connection, {@link #forClient} adds the client's address.
 *
 * <p>A method is offered exactly when its authenticator is set. Without {@code requiredMethods},
 * any one offered method suffices; with it, one of the listed sequences must be completed in
 * order, the server answering partial success after each step (OpenSSH's
 * {@code AuthenticationMethods}).
 */
public final class ServerAuthConfig {
    /** The certificate checker used unless one is set: OpenSSH's CA algorithms; {@code force-command} enforced. */
    public static final CertificateChecker DEFAULT_CERTIFICATE_CHECKER = new CertificateChecker(Set.of(
            SignatureAlgorithm.SSH_ED25519.wireName(), SignatureAlgorithm.ECDSA_SHA2_NISTP256.wireName(),
            SignatureAlgorithm.ECDSA_SHA2_NISTP384.wireName(), SignatureAlgorithm.ECDSA_SHA2_NISTP521.wireName(),
            SignatureAlgorithm.RSA_SHA2_512.wireName(), SignatureAlgorithm.RSA_SHA2_256.wireName()),
            Set.of("force-command"));

    private final PasswordAuthenticator password;
    private final PublicKeyAuthenticator publicKey;
    private final KeyboardInteractiveAuthenticator keyboardInteractive;
    private final List<List<String>> requiredMethods;
    private final int maxAttempts;
    private final Duration authTimeout;
    private final String banner;
    private final LongSupplier epochSeconds;
    private final CertificateChecker certificateChecker;
    private final List<String> publicKeyAlgorithms;
    private final String clientAddress;
    private final String clientHost;

    private ServerAuthConfig(Builder b) {
        password = b.password;
        publicKey = b.publicKey;
        keyboardInteractive = b.keyboardInteractive;
        requiredMethods = b.requiredMethods.stream().map(List::copyOf).toList();
        maxAttempts = b.maxAttempts;
        authTimeout = b.authTimeout;
        banner = b.banner;
        epochSeconds = b.epochSeconds;
        certificateChecker = b.certificateChecker;
        publicKeyAlgorithms = List.copyOf(b.publicKeyAlgorithms);
        clientAddress = b.clientAddress;
        clientHost = b.clientHost;
        for (List<String> sequence : requiredMethods) {
            if (sequence.isEmpty()) {
                throw new IllegalArgumentException("an empty sequence in requiredMethods");
            }
            for (String m : sequence) {
                if (!offeredMethods().contains(m)) {
                    throw new IllegalArgumentException("required method " + m + " has no authenticator");
                }
            }
        }
    }

    /** A builder with the defaults: no method offered, 6 attempts, a 2-minute timeout, no banner. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.password = password;
        b.publicKey = publicKey;
        b.keyboardInteractive = keyboardInteractive;
        b.requiredMethods = requiredMethods;
        b.maxAttempts = maxAttempts;
        b.authTimeout = authTimeout;
        b.banner = banner;
        b.epochSeconds = epochSeconds;
        b.certificateChecker = certificateChecker;
        b.publicKeyAlgorithms = publicKeyAlgorithms;
        b.clientAddress = clientAddress;
        b.clientHost = clientHost;
        return b;
    }

    /** This configuration for one connection from {@code address} (IP literal) with canonical name {@code host} (may be null). */
    public ServerAuthConfig forClient(String address, String host) {
        return toBuilder().clientAddress(address).clientHost(host).build();
    }

    /** The methods offered, in the order a FAILURE lists them: publickey, keyboard-interactive, password. */
    public List<String> offeredMethods() {
        List<String> m = new ArrayList<>(3);
        if (publicKey != null) {
            m.add(AuthMethodBody.PUBLICKEY);
        }
        if (keyboardInteractive != null) {
            m.add(AuthMethodBody.KEYBOARD_INTERACTIVE);
        }
        if (password != null) {
            m.add(AuthMethodBody.PASSWORD);
        }
        return m;
    }

    /** Checks passwords; {@code null} when "password" is not offered. */
    public PasswordAuthenticator password() {
        return password;
    }

    /** Checks public keys; {@code null} when "publickey" is not offered. */
    public PublicKeyAuthenticator publicKey() {
        return publicKey;
    }

    /** Runs dialogues; {@code null} when "keyboard-interactive" is not offered. */
    public KeyboardInteractiveAuthenticator keyboardInteractive() {
        return keyboardInteractive;
    }

    /** Sequences of methods of which one must be completed in order; empty: any one method. */
    public List<List<String>> requiredMethods() {
        return requiredMethods;
    }

    /** Failed attempts allowed; the last one is answered with DISCONNECT NO_MORE_AUTH_METHODS_AVAILABLE. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Authentication must succeed this long after the first key exchange, or the server disconnects. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** Text sent as SSH_MSG_USERAUTH_BANNER before the first reply, or {@code null}. */
    public String banner() {
        return banner;
    }

    /** The wall clock in epoch seconds, read when a certificate or expiry-time is checked; {@code null}: none. */
    public LongSupplier epochSeconds() {
        return epochSeconds;
    }

    /** How user certificates are checked. */
    public CertificateChecker certificateChecker() {
        return certificateChecker;
    }

    /**
     * The "public key algorithm names" accepted in "publickey" requests; keep it in line with the
     * transport's server-sig-algs. By default every algorithm but SHA-1 {@code ssh-rsa}, plain
     * and certificate names.
     */
    public List<String> publicKeyAlgorithms() {
        return publicKeyAlgorithms;
    }

    /** The client's IP address, or {@code null}. */
    public String clientAddress() {
        return clientAddress;
    }

    /** The client's canonical host name, or {@code null}. */
    public String clientHost() {
        return clientHost;
    }

    /** Builds a {@link ServerAuthConfig}; every setter replaces the default. */
    public static final class Builder {
        private PasswordAuthenticator password;
        private PublicKeyAuthenticator publicKey;
        private KeyboardInteractiveAuthenticator keyboardInteractive;
        private List<List<String>> requiredMethods = List.of();
        private int maxAttempts = 6;
        private Duration authTimeout = Duration.ofMinutes(2);
        private String banner;
        private LongSupplier epochSeconds;
        private CertificateChecker certificateChecker = DEFAULT_CERTIFICATE_CHECKER;
        private List<String> publicKeyAlgorithms = defaultAlgorithms();
        private String clientAddress;
        private String clientHost;

        private Builder() {
        }

        private static List<String> defaultAlgorithms() {
            List<String> names = new ArrayList<>();
            for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
                if (!a.isLegacySha1()) {
                    names.add(a.wireName());
                    names.add(a.certificateName());
                }
            }
            return names;
        }

        /** Offers "password" (RFC 4252 §8); {@code null} withdraws it. */
        public Builder password(PasswordAuthenticator v) {
            password = v;
            return this;
        }

        /** Offers "publickey" (RFC 4252 §7), e.g. with {@link AuthorizedKeys}; {@code null} withdraws it. */
        public Builder publicKey(PublicKeyAuthenticator v) {
            publicKey = v;
            return this;
        }

        /** Offers "keyboard-interactive" (RFC 4256); {@code null} withdraws it. */
        public Builder keyboardInteractive(KeyboardInteractiveAuthenticator v) {
            keyboardInteractive = v;
            return this;
        }

        /** E.g. {@code List.of(List.of("publickey", "password"))}: a key, then a password. */
        public Builder requiredMethods(List<List<String>> v) {
            requiredMethods = List.copyOf(v);
            return this;
        }

        /** Failed attempts allowed before DISCONNECT NO_MORE_AUTH_METHODS_AVAILABLE (default 6, as sshd's MaxAuthTries). */
        public Builder maxAttempts(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + v);
            }
            maxAttempts = v;
            return this;
        }

        /** Time from the first key exchange until authentication must have succeeded (default 2 minutes). */
        public Builder authTimeout(Duration v) {
            authTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** Text for SSH_MSG_USERAUTH_BANNER (RFC 4252 §5.4), sent once; {@code null}: none. */
        public Builder banner(String v) {
            banner = v;
            return this;
        }

        /** The application's wall clock, needed for user certificates and expiry-time. */
        public Builder epochSeconds(LongSupplier v) {
            epochSeconds = v;
            return this;
        }

        /** How user certificates are checked (CA algorithms, critical options enforced). */
        public Builder certificateChecker(CertificateChecker v) {
            certificateChecker = Objects.requireNonNull(v);
            return this;
        }

        /** The "public key algorithm names" accepted; see {@link ServerAuthConfig#publicKeyAlgorithms()}. */
        public Builder publicKeyAlgorithms(List<String> v) {
            publicKeyAlgorithms = List.copyOf(v);
            return this;
        }

        /** The client's IP address as text, for {@code from=}; {@code null}: unknown. */
        public Builder clientAddress(String v) {
            clientAddress = v;
            return this;
        }

        /** The client's canonical host name, for {@code from=}; {@code null}: unknown. */
        public Builder clientHost(String v) {
            clientHost = v;
            return this;
        }

        /** @throws IllegalArgumentException if a required method has no authenticator */
        public ServerAuthConfig build() {
            return new ServerAuthConfig(this);
        }
    }
}
