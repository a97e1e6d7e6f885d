package io.sanssh.drivers.api;

import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.engine.auth.PasswordAuthenticator;
import io.sanssh.engine.auth.PublicKeyAuthenticator;
import io.sanssh.engine.keys.SshKeyPair;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link SshServer#start} serves: where it listens, its host keys, who may log in, what
 * "exec", "shell" and the "sftp" subsystem do, and whether port forwarding is allowed. Immutable;
 * build with {@link #builder()}. At least one authenticator must be set.
 */
public final class ServerOptions {
    private final InetSocketAddress listen;
    private final List<SshKeyPair> hostKeys;
    private final Path hostKeyFile;
    private final PasswordAuthenticator passwordAuthenticator;
    private final PublicKeyAuthenticator publicKeyAuthenticator;
    private final ExecHandler execHandler;
    private final Path sftpRoot;
    private final boolean sftpEnabled;
    private final boolean readOnly;
    private final ForwardingPolicy forwardingPolicy;
    private final List<String> kexAlgorithms;
    private final List<String> ciphers;
    private final List<String> macs;
    private final int maxAuthAttempts;
    private final Duration authTimeout;
    private final Consumer<String> log;
    private final SecureRandom random;
    private final Driver driver;
    private final SelectorLoop selectorLoop;
    private final Duration keepAliveInterval;
    private final int keepAliveCountMax;

    private ServerOptions(Builder b) {
        listen = b.listen;
        hostKeys = List.copyOf(b.hostKeys);
        hostKeyFile = b.hostKeyFile;
        passwordAuthenticator = b.passwordAuthenticator;
        publicKeyAuthenticator = b.publicKeyAuthenticator;
        execHandler = b.execHandler;
        sftpRoot = b.sftpRoot;
        sftpEnabled = b.sftpEnabled;
        readOnly = b.readOnly;
        forwardingPolicy = b.forwardingPolicy;
        kexAlgorithms = b.kexAlgorithms;
        ciphers = b.ciphers;
        macs = b.macs;
        maxAuthAttempts = b.maxAuthAttempts;
        authTimeout = b.authTimeout;
        log = b.log;
        random = b.random;
        driver = b.driver;
        selectorLoop = b.selectorLoop;
        keepAliveInterval = b.keepAliveInterval;
        keepAliveCountMax = b.keepAliveCountMax;
    }

    /** A builder: 127.0.0.1 on a free port, SFTP of the current directory, commands run with /bin/sh. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address to listen on; port 0 picks a free port. */
    public InetSocketAddress listen() {
        return listen;
    }

    /** Host keys given directly. */
    public List<SshKeyPair> hostKeys() {
        return hostKeys;
    }

    /** A host key file to load, or create with a new Ed25519 key if missing; {@code null} for none. */
    public Path hostKeyFile() {
        return hostKeyFile;
    }

    /** Checks passwords, or {@code null} if "password" is not offered. */
    public PasswordAuthenticator passwordAuthenticator() {
        return passwordAuthenticator;
    }

    /** Checks public keys, or {@code null} if "publickey" is not offered. */
    public PublicKeyAuthenticator publicKeyAuthenticator() {
        return publicKeyAuthenticator;
    }

    /** Serves "exec" and "shell". */
    public ExecHandler execHandler() {
        return execHandler;
    }

    /** The directory the "sftp" subsystem serves as "/" (and commands run in by default). */
    public Path sftpRoot() {
        return sftpRoot;
    }

    /** Whether the "sftp" subsystem is offered. */
    public boolean sftpEnabled() {
        return sftpEnabled;
    }

    /** Whether SFTP refuses every change. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Whether any TCP forwarding may be allowed (the policy is not {@link ForwardingPolicy#DENY}). */
    public boolean allowTcpForwarding() {
        return forwardingPolicy != ForwardingPolicy.DENY;
    }

    /** Which local and remote TCP forwardings are allowed; authorized_keys options narrow it per key. */
    public ForwardingPolicy forwardingPolicy() {
        return forwardingPolicy;
    }

    /** Key exchange methods offered, or {@code null} for the defaults. */
    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    /** Ciphers offered, or {@code null} for the defaults. */
    public List<String> ciphers() {
        return ciphers;
    }

    /** MACs offered, or {@code null} for the defaults. */
    public List<String> macs() {
        return macs;
    }

    /** Failed authentication attempts allowed per connection. */
    public int maxAuthAttempts() {
        return maxAuthAttempts;
    }

    /** How long a client may take to authenticate. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** Where one-line log messages go (connections, failures). */
    public Consumer<String> log() {
        return log;
    }

    /** The randomness for key exchange and key generation. */
    public SecureRandom random() {
        return random;
    }

    /** Builds {@link ServerOptions}. */
    /** The driver connections use (default {@link Driver#BLOCKING}). */
    public Driver driver() {
        return driver;
    }

    /** The selector loop to serve on, or {@code null}: a {@link Driver#SELECTOR} server then runs its own. */
    public SelectorLoop selectorLoop() {
        return selectorLoop;
    }

    /**
     * How long a connection may be silent before the server sends {@code keepalive@openssh.com}
     * with want_reply (OpenSSH's ClientAliveInterval); zero (the default) sends none.
     */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Unanswered keep-alives after which the server drops the client (ClientAliveCountMax, default 3). */
    public int keepAliveCountMax() {
        return keepAliveCountMax;
    }

    /** Builds {@link ServerOptions}; every setter replaces the default. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private List<SshKeyPair> hostKeys = List.of();
        private Path hostKeyFile;
        private PasswordAuthenticator passwordAuthenticator;
        private PublicKeyAuthenticator publicKeyAuthenticator;
        private ExecHandler execHandler;
        private Path sftpRoot = Path.of("").toAbsolutePath();
        private boolean sftpEnabled = true;
        private boolean readOnly;
        private ForwardingPolicy forwardingPolicy = ForwardingPolicy.DENY;
        private List<String> kexAlgorithms;
        private List<String> ciphers;
        private List<String> macs;
        private int maxAuthAttempts = 6;
        private Duration authTimeout = Duration.ofMinutes(2);
        private Consumer<String> log = s -> { };
        private SecureRandom random;
        private Driver driver = Driver.BLOCKING;
        private SelectorLoop selectorLoop;
        private Duration keepAliveInterval = Duration.ZERO;
        private int keepAliveCountMax = 3;

        private Builder() {
        }

        /** Sets the driver (default {@link Driver#BLOCKING}). */
        public Builder driver(Driver v) {
            driver = Objects.requireNonNull(v, "driver");
            return this;
        }

        /**
         * Serves on {@code loop}, shared with other servers or clients; the caller closes it after
         * the server. Implies {@link Driver#SELECTOR}.
         */
        public Builder selectorLoop(SelectorLoop loop) {
            selectorLoop = Objects.requireNonNull(loop, "loop");
            driver = Driver.SELECTOR;
            return this;
        }

        /** Keep-alive interval (ClientAliveInterval); zero turns it off. */
        public Builder keepAliveInterval(Duration v) {
            keepAliveInterval = EngineSettings.keepAliveInterval(v);
            return this;
        }

        /** Unanswered keep-alives tolerated (at least 1). */
        public Builder keepAliveCountMax(int v) {
            keepAliveCountMax = EngineSettings.keepAliveCountMax(v);
            return this;
        }

        /** Listens on {@code address}; port 0 picks a free port. */
        public Builder listen(InetSocketAddress address) {
            listen = Objects.requireNonNull(address);
            return this;
        }

        /** Uses these host keys (added to the one from {@link #hostKeyFile}, if any). */
        public Builder hostKeys(List<SshKeyPair> keys) {
            hostKeys = List.copyOf(keys);
            return this;
        }

        /** Loads the host key from {@code file}, generating it there on first start. */
        public Builder hostKeyFile(Path file) {
            hostKeyFile = file;
            return this;
        }

        /** Offers "password", checked by {@code a} (e.g. a {@link PasswordFile}). */
        public Builder passwordAuthenticator(PasswordAuthenticator a) {
            passwordAuthenticator = a;
            return this;
        }

        /** Offers "publickey", checked by {@code a} (e.g. {@code AuthorizedKeys.parse(text)}). */
        public Builder publicKeyAuthenticator(PublicKeyAuthenticator a) {
            publicKeyAuthenticator = a;
            return this;
        }

        /** Serves "exec"/"shell" with {@code h} instead of {@link ProcessExecHandler}. */
        public Builder execHandler(ExecHandler h) {
            execHandler = h;
            return this;
        }

        /** The directory SFTP serves as "/" and commands run in (default: the current directory). */
        public Builder sftpRoot(Path dir) {
            sftpRoot = dir.toAbsolutePath();
            return this;
        }

        /** Whether to offer the "sftp" subsystem (default true). */
        public Builder sftpEnabled(boolean on) {
            sftpEnabled = on;
            return this;
        }

        /** Whether SFTP refuses every change (default false). */
        public Builder readOnly(boolean on) {
            readOnly = on;
            return this;
        }

        /**
         * {@code true}: {@link ForwardingPolicy#LOOPBACK_LISTENERS} (local forwarding anywhere, remote
         * listeners on loopback only); {@code false}: {@link ForwardingPolicy#DENY} (the default).
         */
        public Builder allowTcpForwarding(boolean on) {
            forwardingPolicy = on ? ForwardingPolicy.LOOPBACK_LISTENERS : ForwardingPolicy.DENY;
            return this;
        }

        /** Which forwardings are allowed (default {@link ForwardingPolicy#DENY}). */
        public Builder forwardingPolicy(ForwardingPolicy p) {
            forwardingPolicy = java.util.Objects.requireNonNull(p, "policy");
            return this;
        }

        /** Key exchange methods; {@code null} for the defaults. */
        public Builder kexAlgorithms(List<String> v) {
            kexAlgorithms = v == null ? null : List.copyOf(v);
            return this;
        }

        /** Ciphers; {@code null} for the defaults. */
        public Builder ciphers(List<String> v) {
            ciphers = v == null ? null : List.copyOf(v);
            return this;
        }

        /** MACs; {@code null} for the defaults. */
        public Builder macs(List<String> v) {
            macs = v == null ? null : List.copyOf(v);
            return this;
        }

        /** Failed attempts allowed per connection (default 6). */
        public Builder maxAuthAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAuthAttempts below 1: " + n);
            }
            maxAuthAttempts = n;
            return this;
        }

        /** Authentication time limit (default 2 minutes). */
        public Builder authTimeout(Duration d) {
            authTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Where to send one-line log messages (default: nowhere). */
        public Builder log(Consumer<String> sink) {
            log = Objects.requireNonNull(sink);
            return this;
        }

        /** The randomness source (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom r) {
            random = r;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if no authenticator is set
         */
        public ServerOptions build() {
            if (passwordAuthenticator == null && publicKeyAuthenticator == null) {
                throw new IllegalArgumentException("no authenticator: set a password or a public key authenticator");
            }
            if (random == null) {
                random = new SecureRandom();
            }
            if (execHandler == null) {
                execHandler = new ProcessExecHandler(sftpRoot);
            }
            return new ServerOptions(this);
        }
    }
}
