package io.sanssh.drivers.api;

import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.engine.keys.SshPublicKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link SshClient#connect} connects: host key checking, algorithm preferences, keep-alive,
 * rekey limits and timeouts. Immutable; start from {@link #defaults()} or {@link #builder()}.
 * Algorithm lists left {@code null} keep the engine's defaults.
 */
public final class ClientOptions {
    private final StrictHostKeyChecking strictHostKeyChecking;
    private final Path knownHostsFile;
    private final boolean hashKnownHosts;
    private final List<SshPublicKey> trustedHostKeys;
    private final HostKeyPrompt hostKeyPrompt;
    private final List<String> kexAlgorithms;
    private final List<String> hostKeyAlgorithms;
    private final List<String> ciphers;
    private final List<String> macs;
    private final Duration keepAliveInterval;
    private final int keepAliveCountMax;
    private final long rekeyBytes;
    private final Duration rekeyInterval;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final SecureRandom random;
    private final Driver driver;
    private final SelectorLoop selectorLoop;

    private ClientOptions(Builder b) {
        strictHostKeyChecking = b.strictHostKeyChecking;
        knownHostsFile = b.knownHostsFile;
        hashKnownHosts = b.hashKnownHosts;
        trustedHostKeys = List.copyOf(b.trustedHostKeys);
        hostKeyPrompt = b.hostKeyPrompt;
        kexAlgorithms = b.kexAlgorithms;
        hostKeyAlgorithms = b.hostKeyAlgorithms;
        ciphers = b.ciphers;
        macs = b.macs;
        keepAliveInterval = b.keepAliveInterval;
        keepAliveCountMax = b.keepAliveCountMax;
        rekeyBytes = b.rekeyBytes;
        rekeyInterval = b.rekeyInterval;
        connectTimeout = b.connectTimeout;
        timeout = b.timeout;
        random = b.random;
        driver = b.driver;
        selectorLoop = b.selectorLoop;
    }

    /** The defaults: StrictHostKeyChecking yes against {@code ~/.ssh/known_hosts}, engine algorithms, 30 s timeouts. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** What to do with an unknown host. */
    public StrictHostKeyChecking strictHostKeyChecking() {
        return strictHostKeyChecking;
    }

    /** The known_hosts file, or {@code null} for none. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** Whether lines recorded for new hosts hash the host name. */
    public boolean hashKnownHosts() {
        return hashKnownHosts;
    }

    /** Host keys trusted exclusively (known_hosts is then ignored); empty for none. */
    public List<SshPublicKey> trustedHostKeys() {
        return trustedHostKeys;
    }

    /** Asks about unknown hosts under {@link StrictHostKeyChecking#ASK}, or {@code null}. */
    public HostKeyPrompt hostKeyPrompt() {
        return hostKeyPrompt;
    }

    /** Key exchange methods in preference order, or {@code null} for the defaults. */
    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    /** Host key algorithms in preference order, or {@code null} for the defaults. */
    public List<String> hostKeyAlgorithms() {
        return hostKeyAlgorithms;
    }

    /** Ciphers in preference order, or {@code null} for the defaults. */
    public List<String> ciphers() {
        return ciphers;
    }

    /** MACs in preference order, or {@code null} for the defaults. */
    public List<String> macs() {
        return macs;
    }

    /** Keep-alive probe interval (ServerAliveInterval); zero for none. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Unanswered probes before the connection is declared lost (ServerAliveCountMax). */
    public int keepAliveCountMax() {
        return keepAliveCountMax;
    }

    /** Rekey after this many bytes per direction; 0 for the engine's default. */
    public long rekeyBytes() {
        return rekeyBytes;
    }

    /** Rekey after this long; {@code null} for the engine's default. */
    public Duration rekeyInterval() {
        return rekeyInterval;
    }

    /** How long the TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long each protocol step (handshake, an authentication attempt, a channel open) may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The randomness for key exchange and hashed known_hosts lines. */
    public SecureRandom random() {
        return random;
    }

    /** The driver connections use (default {@link Driver#BLOCKING}). */
    public Driver driver() {
        return driver;
    }

    /**
     * The selector loop shared by {@link Driver#SELECTOR} connections, or {@code null}: each
     * connection then runs a loop of its own, closed with it.
     */
    public SelectorLoop selectorLoop() {
        return selectorLoop;
    }

    /** Builds {@link ClientOptions}; every setter replaces the default. */
    public static final class Builder {
        private StrictHostKeyChecking strictHostKeyChecking = StrictHostKeyChecking.YES;
        private Path knownHostsFile = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        private boolean hashKnownHosts = true;
        private List<SshPublicKey> trustedHostKeys = List.of();
        private HostKeyPrompt hostKeyPrompt;
        private List<String> kexAlgorithms;
        private List<String> hostKeyAlgorithms;
        private List<String> ciphers;
        private List<String> macs;
        private Duration keepAliveInterval = Duration.ZERO;
        private int keepAliveCountMax = 3;
        private long rekeyBytes;
        private Duration rekeyInterval;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(60);
        private SecureRandom random;
        private Driver driver = Driver.BLOCKING;
        private SelectorLoop selectorLoop;

        private Builder() {
        }

        /** Sets the driver (default {@link Driver#BLOCKING}). */
        public Builder driver(Driver v) {
            driver = Objects.requireNonNull(v, "driver");
            return this;
        }

        /**
         * Runs {@link Driver#SELECTOR} connections on {@code loop}, shared with other connections;
         * the caller keeps it open while they run and closes it. Implies {@link Driver#SELECTOR}.
         */
        public Builder selectorLoop(SelectorLoop loop) {
            selectorLoop = Objects.requireNonNull(loop, "loop");
            driver = Driver.SELECTOR;
            return this;
        }

        /** Sets what to do with unknown hosts (default {@link StrictHostKeyChecking#YES}). */
        public Builder strictHostKeyChecking(StrictHostKeyChecking v) {
            strictHostKeyChecking = Objects.requireNonNull(v);
            return this;
        }

        /** Sets the known_hosts file (default {@code ~/.ssh/known_hosts}); {@code null} for none. */
        public Builder knownHostsFile(Path v) {
            knownHostsFile = v;
            return this;
        }

        /** Whether recorded lines hash the host name (default true, as Debian's OpenSSH). */
        public Builder hashKnownHosts(boolean v) {
            hashKnownHosts = v;
            return this;
        }

        /** Trusts exactly these host keys (known_hosts is then not consulted). */
        public Builder trustedHostKeys(List<SshPublicKey> v) {
            trustedHostKeys = List.copyOf(v);
            return this;
        }

        /** Sets the prompt used under {@link StrictHostKeyChecking#ASK}. */
        public Builder hostKeyPrompt(HostKeyPrompt v) {
            hostKeyPrompt = v;
            return this;
        }

        /** Key exchange methods, preferred first; {@code null} for the defaults. */
        public Builder kexAlgorithms(List<String> v) {
            kexAlgorithms = copy(v);
            return this;
        }

        /** Host key algorithms, preferred first; {@code null} for the defaults. */
        public Builder hostKeyAlgorithms(List<String> v) {
            hostKeyAlgorithms = copy(v);
            return this;
        }

        /** Ciphers, preferred first; {@code null} for the defaults. */
        public Builder ciphers(List<String> v) {
            ciphers = copy(v);
            return this;
        }

        /** MACs, preferred first; {@code null} for the defaults. */
        public Builder macs(List<String> v) {
            macs = copy(v);
            return this;
        }

        /** Keep-alive interval; zero turns it off. */
        public Builder keepAliveInterval(Duration v) {
            keepAliveInterval = EngineSettings.keepAliveInterval(v);
            return this;
        }

        /** Unanswered keep-alives tolerated (at least 1). */
        public Builder keepAliveCountMax(int v) {
            keepAliveCountMax = EngineSettings.keepAliveCountMax(v);
            return this;
        }

        /** Rekey volume in bytes (at least 16 KiB); 0 for the default. */
        public Builder rekeyBytes(long v) {
            if (v != 0 && v < 16 * 1024) {
                throw new IllegalArgumentException("rekey limit below 16 KiB: " + v);
            }
            rekeyBytes = v;
            return this;
        }

        /** Rekey interval; {@code null} for the default. */
        public Builder rekeyInterval(Duration v) {
            rekeyInterval = v;
            return this;
        }

        /** TCP connect timeout (positive). */
        public Builder connectTimeout(Duration v) {
            connectTimeout = positive(v, "connect timeout");
            return this;
        }

        /** Per-step protocol timeout (positive). */
        public Builder timeout(Duration v) {
            timeout = positive(v, "timeout");
            return this;
        }

        /** The randomness source (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom v) {
            random = v;
            return this;
        }

        /** The options. */
        public ClientOptions build() {
            if (random == null) {
                random = new SecureRandom();
            }
            return new ClientOptions(this);
        }

        private static List<String> copy(List<String> v) {
            if (v == null) {
                return null;
            }
            if (v.isEmpty()) {
                throw new IllegalArgumentException("an empty algorithm list");
            }
            return List.copyOf(v);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
