package io.sanssh.drivers.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What the simulated network does to one connection: per direction, latency, bandwidth, buffer
 * size, partial writes, fragmented reads and stalls; and at most one disruption (a bit flip, a
 * reset, or a half-close). Drawn from a seed with {@link #random}, or written by hand. Times are
 * relative to when the connection opens.
 *
 * <p>TCP neither reorders nor loses bytes, so neither does the simulator: every fault here is one a
 * real path can show an SSH implementation (DESIGN.md, "In memory").
 *
 * @param clientToServer the path from the client to the server
 * @param serverToClient the path from the server to the client
 * @param disruption the one disruption of this run, or {@link None}
 */
public record FaultPlan(Path clientToServer, Path serverToClient, Disruption disruption) {

    /** Checks the parts. */
    public FaultPlan {
        Objects.requireNonNull(clientToServer, "clientToServer");
        Objects.requireNonNull(serverToClient, "serverToClient");
        Objects.requireNonNull(disruption, "disruption");
    }

    /**
     * One direction of the path.
     *
     * @param latencyNanos one-way delay of every byte
     * @param jitterNanos extra delay drawn per write from [0, jitter); never reorders bytes
     * @param bytesPerSecond the bandwidth cap, 0 for none
     * @param bufferBytes bytes in flight plus bytes arrived but unread that the path holds (the
     *     TCP window); a writer finding it full writes nothing (a zero-length partial write)
     * @param maxWriteWindow if above 0, each write accepts a random 1..this many bytes
     * @param maxReadFragment if above 0, each read hands the receiver a random 1..this many bytes
     * @param stalls periods during which the direction accepts no bytes at all
     */
    public record Path(long latencyNanos, long jitterNanos, long bytesPerSecond, int bufferBytes, int maxWriteWindow,
                       int maxReadFragment, List<Stall> stalls) {
        /** Checks ranges and copies the stall list. */
        public Path {
            if (latencyNanos < 0 || jitterNanos < 0 || bytesPerSecond < 0 || bufferBytes < 1 || maxWriteWindow < 0
                    || maxReadFragment < 0) {
                throw new IllegalArgumentException("negative or empty path parameter");
            }
            stalls = List.copyOf(stalls);
        }

        /** A path with only a latency: unlimited bandwidth, 1 MiB buffer, whole writes and reads. */
        public static Path ideal(long latencyNanos) {
            return new Path(latencyNanos, 0, 0, 1 << 20, 0, 0, List.of());
        }
    }

    /** A period, relative to the connection's start, during which a direction accepts nothing. */
    public record Stall(long startNanos, long durationNanos) {
        /** When the stall ends. */
        public long endNanos() {
            return startNanos + durationNanos;
        }
    }

    /** The single disruption a run may have. */
    public sealed interface Disruption permits None, BitFlip, Reset, HalfClose {
    }

    /** No disruption: every byte arrives intact and the connection stays up. */
    public record None() implements Disruption {
    }

    /**
     * Flips bit {@code bit} of the last byte of the first write in {@code direction}, at or after
     * {@code atNanos}, that ends a packet encrypted under negotiated keys (the sender's first key
     * exchange completed and its clear-text NEWKEYS has left). That byte is part of the packet's
     * MAC or AEAD tag, so the receiver must answer with a MAC_ERROR DISCONNECT.
     */
    public record BitFlip(Direction direction, long atNanos, int bit) implements Disruption {
    }

    /** Resets the connection at {@code atNanos}: both sides lose it without another byte. */
    public record Reset(long atNanos) implements Disruption {
    }

    /**
     * The {@code direction} ends (a FIN) at {@code atNanos}: its receiver sees end of stream after
     * the bytes already in flight; what the sender writes afterwards is lost.
     */
    public record HalfClose(Direction direction, long atNanos) implements Disruption {
    }

    /** An ideal network: 100 µs each way, nothing else. */
    public static FaultPlan none() {
        return new FaultPlan(Path.ideal(100_000), Path.ideal(100_000), new None());
    }

    /** This plan with another disruption. */
    public FaultPlan with(Disruption d) {
        return new FaultPlan(clientToServer, serverToClient, d);
    }

    /** The path of {@code d}. */
    public Path path(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    /**
     * How likely each disruption is in a {@link #random} plan; at most one is drawn.
     *
     * @param faultWindowNanos stalls and disruptions fall within [0, this) of the connection's life
     * @param bitFlip chance of a {@link BitFlip}
     * @param reset chance of a {@link Reset}
     * @param halfClose chance of a {@link HalfClose}
     */
    public record Odds(long faultWindowNanos, double bitFlip, double reset, double halfClose) {
    }

    /**
     * Draws a plan: latency from none to 50 ms, jitter, a bandwidth cap in most runs (64 KB/s to
     * 200 MB/s), a TCP window of 512 B to 256 KiB, partial writes and fragmented reads in about half
     * the runs each (sometimes a few bytes at a time), up to four stalls of up to two seconds, and
     * one disruption with the given odds.
     */
    public static FaultPlan random(SplittableRandom r, Odds odds) {
        Path c2s = randomPath(r, odds.faultWindowNanos());
        Path s2c = randomPath(r, odds.faultWindowNanos());
        double roll = r.nextDouble();
        long at = r.nextLong(Math.max(1, odds.faultWindowNanos()));
        Direction dir = r.nextBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        Disruption d;
        if (roll < odds.bitFlip()) {
            d = new BitFlip(dir, at / 2, r.nextInt(8));
        } else if (roll < odds.bitFlip() + odds.reset()) {
            d = new Reset(at);
        } else if (roll < odds.bitFlip() + odds.reset() + odds.halfClose()) {
            d = new HalfClose(dir, at);
        } else {
            d = new None();
        }
        return new FaultPlan(c2s, s2c, d);
    }

    private static Path randomPath(SplittableRandom r, long window) {
        long[] latencies = {0, 50_000, 1_000_000, 10_000_000, 50_000_000};
        long latency = latencies[r.nextInt(latencies.length)];
        long jitter = r.nextInt(4) == 0 ? r.nextLong(latency / 2 + 1) : 0;
        long bandwidth = r.nextInt(4) == 0 ? 0 : logUniform(r, 64_000, 200_000_000);
        int buffer = (int) logUniform(r, 512, 256 * 1024);
        int writeWindow = r.nextBoolean() ? 0 : (int) logUniform(r, 1, 8192);
        int readFragment = r.nextBoolean() ? 0 : (int) logUniform(r, 1, 8192);
        List<Stall> stalls = new ArrayList<>();
        int count = r.nextInt(5);
        for (int i = 0; i < count; i++) {
            stalls.add(new Stall(r.nextLong(Math.max(1, window)), logUniform(r, 100_000, 2_000_000_000L)));
        }
        return new Path(latency, jitter, bandwidth, buffer, writeWindow, readFragment, stalls);
    }

    private static long logUniform(SplittableRandom r, long lo, long hi) {
        double x = Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo));
        return Math.max(lo, Math.min(hi, Math.round(Math.exp(x))));
    }
}
