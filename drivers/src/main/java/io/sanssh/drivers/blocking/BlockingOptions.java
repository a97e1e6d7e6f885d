package io.sanssh.drivers.blocking;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How a {@link BlockingConnection} uses its socket and threads. Immutable; start from
 * {@link #defaults()} or {@link #builder()}.
 */
public final class BlockingOptions {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration closeTimeout;
    private final boolean tcpNoDelay;
    private final boolean tcpQuickAck;
    private final int readBufferSize;
    private final int writeBufferSize;
    private final int eventCapacity;
    private final boolean flushOnCaller;
    private final ThreadFactory threadFactory;
    private final LongSupplier nanoClock;

    private BlockingOptions(Builder b) {
        connectTimeout = b.connectTimeout;
        idleTimeout = b.idleTimeout;
        closeTimeout = b.closeTimeout;
        tcpNoDelay = b.tcpNoDelay;
        tcpQuickAck = b.tcpQuickAck;
        readBufferSize = b.readBufferSize;
        writeBufferSize = b.writeBufferSize;
        eventCapacity = b.eventCapacity;
        flushOnCaller = b.flushOnCaller;
        threadFactory = b.threadFactory;
        nanoClock = b.nanoClock;
    }

    /** The defaults: 30 s connect timeout, no idle timeout, 5 s close bound, NODELAY and QUICKACK on. */
    public static BlockingOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** How long a TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The connection is dropped after this long without a byte from the peer; zero means never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The bound on a graceful close: draining our output, then waiting for the peer's FIN. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Whether TCP_NODELAY is set. */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** Whether TCP_QUICKACK is set (and re-armed after every read) where the OS has it. */
    public boolean tcpQuickAck() {
        return tcpQuickAck;
    }

    /** Bytes the reader thread reads per call (default 256 KiB). */
    public int readBufferSize() {
        return readBufferSize;
    }

    /** Bytes taken from the engine per socket write. */
    public int writeBufferSize() {
        return writeBufferSize;
    }

    /** Events held for the application before the driver stops polling the engine (input then pauses). */
    public int eventCapacity() {
        return eventCapacity;
    }

    /** Whether application threads write the output their actions queued themselves (lower latency). */
    public boolean flushOnCaller() {
        return flushOnCaller;
    }

    /** Makes the reader and pump threads; pass a virtual-thread factory on JDK 21+. */
    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /** The time source handed to the engine; {@code System::nanoTime} unless a test replaces it. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    /** Builds {@link BlockingOptions}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ZERO;
        private Duration closeTimeout = Duration.ofSeconds(5);
        private boolean tcpNoDelay = true;
        private boolean tcpQuickAck = true;
        // 256 KiB: several whole 32 KiB data packets per read, so most packets are opened where
        // they lie (no reassembly copy) and one wake-up of the reader serves several packets.
        private int readBufferSize = 256 * 1024;
        private int writeBufferSize = 64 * 1024;
        private int eventCapacity = 4096;
        private boolean flushOnCaller = true;
        private ThreadFactory threadFactory = r -> {
            Thread t = new Thread(r, "sanssh-blocking-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** Sets the connect timeout (positive). */
        public Builder connectTimeout(Duration d) {
            connectTimeout = positive(d, "connect timeout");
            return this;
        }

        /** Sets the idle timeout; {@link Duration#ZERO} turns it off. */
        public Builder idleTimeout(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative idle timeout: " + d);
            }
            idleTimeout = d;
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

        /** Sets the read buffer size (at least 1 KiB). */
        public Builder readBufferSize(int n) {
            readBufferSize = atLeast(n, 1024, "read buffer");
            return this;
        }

        /** Sets the write buffer size (at least 1 KiB). */
        public Builder writeBufferSize(int n) {
            writeBufferSize = atLeast(n, 1024, "write buffer");
            return this;
        }

        /** Sets how many events wait for the application before input pauses (at least 16). */
        public Builder eventCapacity(int n) {
            eventCapacity = atLeast(n, 16, "event capacity");
            return this;
        }

        /** Whether application threads flush their own output (default) or leave it to the pump thread. */
        public Builder flushOnCaller(boolean on) {
            flushOnCaller = on;
            return this;
        }

        /** Sets the factory for the driver's two threads per connection. */
        public Builder threadFactory(ThreadFactory f) {
            threadFactory = Objects.requireNonNull(f);
            return this;
        }

        /** Replaces the engine's time source (tests only). */
        public Builder nanoClock(LongSupplier clock) {
            nanoClock = Objects.requireNonNull(clock);
            return this;
        }

        /** The options. */
        public BlockingOptions build() {
            return new BlockingOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        private static int atLeast(int n, int min, String what) {
            if (n < min) {
                throw new IllegalArgumentException(what + " below " + min + ": " + n);
            }
            return n;
        }
    }
}
