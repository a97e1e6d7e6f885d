package io.sanssh.engine.transport;

import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.kex.method.KexMethods;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.spec.algorithm.CompressionAlgorithms;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the transport layer offers and how it behaves: algorithm lists in preference order,
 * rekey limits, timeouts, the input high-water mark, and (by role) host keys or a host key
 * verifier. Immutable; build one with {@link #builder()}.
 */
public final class TransportConfig {
    /** Default host key algorithms, strongest and fastest first; ssh-rsa (SHA-1) is opt-in. */
    public static final List<String> DEFAULT_HOST_KEY_ALGORITHMS = List.of(
            HostKeyAlgorithms.SSH_ED25519, HostKeyAlgorithms.ECDSA_SHA2_NISTP256,
            HostKeyAlgorithms.ECDSA_SHA2_NISTP384, HostKeyAlgorithms.ECDSA_SHA2_NISTP521,
            HostKeyAlgorithms.RSA_SHA2_512, HostKeyAlgorithms.RSA_SHA2_256);

    private final String softwareVersion;
    private final List<String> kexAlgorithms;
    private final List<String> hostKeyAlgorithms;
    private final List<String> ciphers;
    private final List<String> macs;
    private final boolean strictKex;
    private final long rekeyBytes;
    private final Duration rekeyInterval;
    private final Duration kexTimeout;
    private final long highWaterBytes;
    private final int maxInboundPacket;
    private final List<SshKeyPair> hostKeys;
    private final HostKeyVerifier hostKeyVerifier;
    private final List<String> serverSignatureAlgorithms;

    private TransportConfig(Builder b) {
        softwareVersion = b.softwareVersion;
        kexAlgorithms = List.copyOf(b.kexAlgorithms);
        hostKeyAlgorithms = List.copyOf(b.hostKeyAlgorithms);
        ciphers = List.copyOf(b.ciphers);
        macs = List.copyOf(b.macs);
        strictKex = b.strictKex;
        rekeyBytes = b.rekeyBytes;
        rekeyInterval = b.rekeyInterval;
        kexTimeout = b.kexTimeout;
        highWaterBytes = b.highWaterBytes;
        maxInboundPacket = b.maxInboundPacket;
        hostKeys = List.copyOf(b.hostKeys);
        hostKeyVerifier = b.hostKeyVerifier;
        serverSignatureAlgorithms = List.copyOf(b.serverSignatureAlgorithms);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.softwareVersion = softwareVersion;
        b.kexAlgorithms = kexAlgorithms;
        b.hostKeyAlgorithms = hostKeyAlgorithms;
        b.ciphers = ciphers;
        b.macs = macs;
        b.strictKex = strictKex;
        b.rekeyBytes = rekeyBytes;
        b.rekeyInterval = rekeyInterval;
        b.kexTimeout = kexTimeout;
        b.highWaterBytes = highWaterBytes;
        b.maxInboundPacket = maxInboundPacket;
        b.hostKeys = hostKeys;
        b.hostKeyVerifier = hostKeyVerifier;
        b.serverSignatureAlgorithms = serverSignatureAlgorithms;
        return b;
    }

    public String softwareVersion() {
        return softwareVersion;
    }

    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    public List<String> hostKeyAlgorithms() {
        return hostKeyAlgorithms;
    }

    public List<String> ciphers() {
        return ciphers;
    }

    public List<String> macs() {
        return macs;
    }

    /** Whether we offer strict KEX (kex-strict-*-v00@openssh.com, the Terrapin countermeasure). */
    public boolean strictKex() {
        return strictKex;
    }

    /** Rekey after this many bytes in one direction (further capped by the cipher's RFC 4344 limit). */
    public long rekeyBytes() {
        return rekeyBytes;
    }

    public Duration rekeyInterval() {
        return rekeyInterval;
    }

    public Duration kexTimeout() {
        return kexTimeout;
    }

    /** Input pauses while more than this many outbound bytes wait to be transmitted. */
    public long highWaterBytes() {
        return highWaterBytes;
    }

    /** The largest packet we accept from the peer (RFC 4253 §6.1 requires at least 35000). */
    public int maxInboundPacket() {
        return maxInboundPacket;
    }

    /** Server role: our host keys. */
    public List<SshKeyPair> hostKeys() {
        return hostKeys;
    }

    /** Client role: decides about the server's host key. */
    public HostKeyVerifier hostKeyVerifier() {
        return hostKeyVerifier;
    }

    /** Server role: what EXT_INFO announces as server-sig-algs (RFC 8308 §3.1). */
    public List<String> serverSignatureAlgorithms() {
        return serverSignatureAlgorithms;
    }

    /** Builds a {@link TransportConfig}; every setter replaces the default. */
    public static final class Builder {
        private String softwareVersion = "Sanssh_0.1";
        private List<String> kexAlgorithms = KexMethods.defaults();
        private List<String> hostKeyAlgorithms = DEFAULT_HOST_KEY_ALGORITHMS;
        private List<String> ciphers = PacketProtection.supportedCiphers();
        private List<String> macs = PacketProtection.supportedMacs();
        private boolean strictKex = true;
        private long rekeyBytes = 1L << 30;
        private Duration rekeyInterval = Duration.ofHours(1);
        private Duration kexTimeout = Duration.ofMinutes(2);
        private long highWaterBytes = 4L << 20;
        private int maxInboundPacket = 256 * 1024 + 4096;
        private List<SshKeyPair> hostKeys = List.of();
        private HostKeyVerifier hostKeyVerifier = HostKeyVerifier.ASK;
        private List<String> serverSignatureAlgorithms = List.of(HostKeyAlgorithms.SSH_ED25519,
                HostKeyAlgorithms.ECDSA_SHA2_NISTP256, HostKeyAlgorithms.ECDSA_SHA2_NISTP384,
                HostKeyAlgorithms.ECDSA_SHA2_NISTP521, HostKeyAlgorithms.RSA_SHA2_512, HostKeyAlgorithms.RSA_SHA2_256);

        private Builder() {
        }

        public Builder softwareVersion(String v) {
            softwareVersion = Objects.requireNonNull(v);
            return this;
        }

        public Builder kexAlgorithms(List<String> v) {
            kexAlgorithms = nonEmpty(v, "kex");
            return this;
        }

        public Builder hostKeyAlgorithms(List<String> v) {
            hostKeyAlgorithms = nonEmpty(v, "host key");
            return this;
        }

        public Builder ciphers(List<String> v) {
            ciphers = nonEmpty(v, "cipher");
            return this;
        }

        public Builder macs(List<String> v) {
            macs = nonEmpty(v, "MAC");
            return this;
        }

        public Builder strictKex(boolean v) {
            strictKex = v;
            return this;
        }

        public Builder rekeyBytes(long v) {
            if (v < 16 * 1024) {
                throw new IllegalArgumentException("rekey limit below 16 KiB: " + v);
            }
            rekeyBytes = v;
            return this;
        }

        public Builder rekeyInterval(Duration v) {
            rekeyInterval = Objects.requireNonNull(v);
            return this;
        }

        public Builder kexTimeout(Duration v) {
            kexTimeout = Objects.requireNonNull(v);
            return this;
        }

        public Builder highWaterBytes(long v) {
            if (v < 64 * 1024) {
                throw new IllegalArgumentException("high-water mark below 64 KiB: " + v);
            }
            highWaterBytes = v;
            return this;
        }

        public Builder maxInboundPacket(int v) {
            if (v < 35000) {
                throw new IllegalArgumentException("RFC 4253 §6.1 requires at least 35000: " + v);
            }
            maxInboundPacket = v;
            return this;
        }

        public Builder hostKeys(List<SshKeyPair> v) {
            hostKeys = new ArrayList<>(v);
            return this;
        }

        public Builder hostKeyVerifier(HostKeyVerifier v) {
            hostKeyVerifier = Objects.requireNonNull(v);
            return this;
        }

        public Builder serverSignatureAlgorithms(List<String> v) {
            serverSignatureAlgorithms = List.copyOf(v);
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(this);
        }

        private static List<String> nonEmpty(List<String> v, String what) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("empty " + what + " algorithm list");
            }
            return List.copyOf(v);
        }
    }
}
