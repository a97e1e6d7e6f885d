package io.sanssh.engine.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How the connection protocol (RFC 4254) behaves on our side: the window and packet size we
 * advertise for every channel, keep-alive and idle timers, the channel limit, and the
 * no-more-sessions policy. Immutable; build one with {@link #builder()}.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>Receive window 2 MiB: OpenSSH's session window (64 packets of 32 KiB). The window bounds
 *       the bytes in flight per channel, so it must cover bandwidth times round-trip time: 2 MiB
 *       is 160 Mbit/s at 100 ms. Larger windows only move buffering from the peer to us.
 *   <li>Maximum packet 32 KiB of data: OpenSSH's value for every channel type. RFC 4253 §6.1
 *       obliges every implementation to take 32768-byte payloads in 35000-byte packets, so a
 *       32 KiB data packet passes through any transport; bigger packets save under 0.1% of header
 *       bytes but make one channel's packet hold up the others longer.
 *   <li>Keep-alive and idle timeout off, as in OpenSSH ({@code ServerAliveInterval},
 *       {@code ClientAliveInterval} 0).
 *   <li>1024 channels: far above what sessions and port forwards use, low enough that a peer
 *       cannot make us hold thousands of channel records.
 *   <li>A "session" open after the peer's "no-more-sessions@openssh.com" ends the connection, as
 *       OpenSSH's server does (OpenSSH PROTOCOL §2.2); it can be turned into a plain refusal.
 * </ul>
 */
public final class ConnectionConfig {
    /** The largest window RFC 4254 §5.2 allows. */
    public static final long MAX_WINDOW = 0xffff_ffffL;
    /** The most data bytes we put in one packet, whatever the peer allows (RFC 4253 §6.1, see above). */
    public static final int MAX_SEND_PACKET = 32 * 1024;

    private final long initialWindow;
    private final int maxPacket;
    private final Duration keepAliveInterval;
    private final int keepAliveMaxMissed;
    private final Duration idleTimeout;
    private final int maxChannels;
    private final boolean disconnectOnSessionAfterNoMoreSessions;

    private ConnectionConfig(Builder b) {
        initialWindow = b.initialWindow;
        maxPacket = b.maxPacket;
        keepAliveInterval = b.keepAliveInterval;
        keepAliveMaxMissed = b.keepAliveMaxMissed;
        idleTimeout = b.idleTimeout;
        maxChannels = b.maxChannels;
        disconnectOnSessionAfterNoMoreSessions = b.disconnectOnSessionAfterNoMoreSessions;
    }

    /** The defaults described above. */
    public static ConnectionConfig defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.initialWindow = initialWindow;
        b.maxPacket = maxPacket;
        b.keepAliveInterval = keepAliveInterval;
        b.keepAliveMaxMissed = keepAliveMaxMissed;
        b.idleTimeout = idleTimeout;
        b.maxChannels = maxChannels;
        b.disconnectOnSessionAfterNoMoreSessions = disconnectOnSessionAfterNoMoreSessions;
        return b;
    }

    /** The window we advertise when a channel opens, and keep replenishing (RFC 4254 §5.2). */
    public long initialWindow() {
        return initialWindow;
    }

    /** The largest data packet we accept, as advertised in CHANNEL_OPEN and its confirmation. */
    public int maxPacket() {
        return maxPacket;
    }

    /**
     * How often we send "keepalive@openssh.com" (client: like {@code ServerAliveInterval}; server:
     * like {@code ClientAliveInterval}); {@link Duration#ZERO} turns keep-alives off.
     */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Unanswered keep-alives after which the connection is declared lost ({@code *AliveCountMax}). */
    public int keepAliveMaxMissed() {
        return keepAliveMaxMissed;
    }

    /** Disconnect when nothing was received for this long; {@link Duration#ZERO} turns it off. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The most channels open or being opened at once, both directions together. */
    public int maxChannels() {
        return maxChannels;
    }

    /**
     * Whether a "session" open after the peer's "no-more-sessions@openssh.com" ends the connection
     * with PROTOCOL_ERROR (true, OpenSSH's behaviour) or is only refused (false).
     */
    public boolean disconnectOnSessionAfterNoMoreSessions() {
        return disconnectOnSessionAfterNoMoreSessions;
    }

    /** Builds a {@link ConnectionConfig}; every setter replaces the default and checks its range. */
    public static final class Builder {
        private long initialWindow = 2L << 20;
        private int maxPacket = 32 * 1024;
        private Duration keepAliveInterval = Duration.ZERO;
        private int keepAliveMaxMissed = 3;
        private Duration idleTimeout = Duration.ZERO;
        private int maxChannels = 1024;
        private boolean disconnectOnSessionAfterNoMoreSessions = true;

        private Builder() {
        }

        /** The receive window per channel, 1 byte to 2^32-1 (RFC 4254 §5.2). */
        public Builder initialWindow(long v) {
            if (v < 1 || v > MAX_WINDOW) {
                throw new IllegalArgumentException("window outside 1..2^32-1: " + v);
            }
            initialWindow = v;
            return this;
        }

        /**
         * The largest data packet we accept, 512 bytes to 256 KiB (the transport's default inbound
         * packet limit leaves room for the framing of a 256 KiB data packet).
         */
        public Builder maxPacket(int v) {
            if (v < 512 || v > 256 * 1024) {
                throw new IllegalArgumentException("max packet outside 512..262144: " + v);
            }
            maxPacket = v;
            return this;
        }

        /** Keep-alive interval; zero turns keep-alives off. */
        public Builder keepAliveInterval(Duration v) {
            if (v.isNegative()) {
                throw new IllegalArgumentException("negative keep-alive interval: " + v);
            }
            keepAliveInterval = v;
            return this;
        }

        /** Unanswered keep-alives tolerated, at least 1. */
        public Builder keepAliveMaxMissed(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("keep-alive count below 1: " + v);
            }
            keepAliveMaxMissed = v;
            return this;
        }

        /** Idle timeout; zero turns it off. */
        public Builder idleTimeout(Duration v) {
            if (v.isNegative()) {
                throw new IllegalArgumentException("negative idle timeout: " + v);
            }
            idleTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** Channel limit, 1 to 65536. */
        public Builder maxChannels(int v) {
            if (v < 1 || v > 65536) {
                throw new IllegalArgumentException("max channels outside 1..65536: " + v);
            }
            maxChannels = v;
            return this;
        }

        /** See {@link ConnectionConfig#disconnectOnSessionAfterNoMoreSessions()}. */
        public Builder disconnectOnSessionAfterNoMoreSessions(boolean v) {
            disconnectOnSessionAfterNoMoreSessions = v;
            return this;
        }

        /** The immutable configuration. */
        public ConnectionConfig build() {
            return new ConnectionConfig(this);
        }
    }
}
