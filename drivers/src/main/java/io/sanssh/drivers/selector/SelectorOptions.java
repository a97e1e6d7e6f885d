package io.sanssh.drivers.selector;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a {@link SelectorLoop} treats its connections. Immutable; start from {@link #defaults()} or
 * {@link #builder()}. The read and write buffers belong to the loop, not to connections: a
 * connection holds bytes of its own only while the engine pauses input or the socket refuses
 * output, which keeps thousands of idle connections cheap.
 */
public final class SelectorOptions {
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final boolean tcpNoDelay;
    private final boolean tcpQuickAck;
    private final int readBufferSize;
    private final int writeBufferSize;
    private final String threadName;
    private final LongSupplier nanoClock;

    private SelectorOptions(Builder b) {
        connectTimeout = b.connectTimeout;
        closeTimeout = b.closeTimeout;
        tcpNoDelay = b.tcpNoDelay;
        tcpQuickAck = b.tcpQuickAck;
        readBufferSize = b.readBufferSize;
        writeBufferSize = b.writeBufferSize;
        threadName = b.threadName;
        nanoClock = b.nanoClock;
    }

    /** The defaults: 30 s connect timeout, 5 s close bound, NODELAY and QUICKACK on, 64 KiB buffers. */
    public static SelectorOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** How long an outgoing TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The bound on waiting for the peer's FIN after ours during a graceful close. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Whether TCP_NODELAY is set. */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** Whether TCP_QUICKACK is set (and re-armed after reads) where the OS has it. */
    public boolean tcpQuickAck() {
        return tcpQuickAck;
    }

    /** The loop's shared read buffer size. */
    public int readBufferSize() {
        return readBufferSize;
    }

    /** The loop's shared write buffer size. */
    public int writeBufferSize() {
        return writeBufferSize;
    }

    /** The loop thread's name. */
    public String threadName() {
        return threadName;
    }

    /** The time source handed to engines. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** Builds {@link SelectorOptions}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private boolean tcpNoDelay = true;
        private boolean tcpQuickAck = true;
        private int readBufferSize = 64 * 1024;
        private int writeBufferSize = 64 * 1024;
        private String threadName = "sanssh-selector";
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** Sets the connect timeout (positive). */
        public Builder connectTimeout(Duration d) {
            connectTimeout = positive(d, "connect timeout");
            return this;
        }

        /** Sets the close bound (positive). */
        public Builder closeTimeout(Duration d) {
            closeTimeout = positive(d, "close timeout");
            return this;
        }

        /** Turns TCP_NODELAY on or off. */
        public Builder tcpNoDelay(boolean on) {
            tcpNoDelay = on;
            return this;
        }

        /** Turns TCP_QUICKACK on or off. */
        public Builder tcpQuickAck(boolean on) {
            tcpQuickAck = on;
            return this;
        }

        /** Sets the shared read buffer size (at least 4 KiB). */
        public Builder readBufferSize(int n) {
            readBufferSize = atLeast(n, "read buffer");
            return this;
        }

        /** Sets the shared write buffer size (at least 4 KiB). */
        public Builder writeBufferSize(int n) {
            writeBufferSize = atLeast(n, "write buffer");
            return this;
        }

        /** Names the loop thread. */
        public Builder threadName(String name) {
            threadName = Objects.requireNonNull(name);
            return this;
        }

        /** Replaces the engines' time source (tests only). */
        public Builder nanoClock(LongSupplier clock) {
            nanoClock = Objects.requireNonNull(clock);
            return this;
        }

        /** The options. */
        public SelectorOptions build() {
            return new SelectorOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        private static int atLeast(int n, String what) {
            if (n < 4096) {
                throw new IllegalArgumentException(what + " below 4096: " + n);
            }
            return n;
        }
    }
}
