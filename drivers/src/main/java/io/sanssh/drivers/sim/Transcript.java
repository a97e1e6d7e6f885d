package io.sanssh.drivers.sim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Every byte a simulated network carried, each way, with its virtual timestamp, plus the
 * connection-level incidents (FIN, reset, bit flip). Two runs with the same seed must produce equal
 * transcripts: that is the simulator's reproducibility check. A SHA-256 digest over the entries is
 * always kept; the entries themselves only when asked for, since long runs carry megabytes.
 */
public final class Transcript {
    /** What an entry records. */
    public enum Kind {
        /** Bytes written into a direction (after any bit flip). */
        BYTES,
        /** The direction was shut down (FIN). */
        FIN,
        /** The connection was reset. */
        RESET,
        /** A bit was flipped in the last byte of the entry that follows. */
        FLIP
    }

    /**
     * One entry.
     *
     * @param atNanos virtual time
     * @param connection the connection's number in its network
     * @param direction which way
     * @param kind what happened
     * @param bytes the bytes written ({@link Kind#BYTES}), else empty
     */
    public record Entry(long atNanos, int connection, Direction direction, Kind kind, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.atNanos == atNanos && e.connection == connection
                    && e.direction == direction && e.kind == kind && Arrays.equals(e.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(atNanos) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "t=" + atNanos + " #" + connection + " " + direction + " " + kind + " " + bytes.length + " bytes";
        }
    }

    private final boolean keepEntries;
    private final List<Entry> entries = new ArrayList<>();
    private final MessageDigest digest;
    private long count;
    private long byteCount;

    /** A transcript that keeps its entries if {@code keepEntries}, and a digest in any case. */
    public Transcript(boolean keepEntries) {
        this.keepEntries = keepEntries;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Records one entry; called by the links. */
    void record(long atNanos, int connection, Direction direction, Kind kind, byte[] data, int len) {
        byte[] header = new byte[18];
        long t = atNanos;
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (t >>> (56 - 8 * i));
        }
        header[8] = (byte) (connection >>> 24);
        header[9] = (byte) (connection >>> 16);
        header[10] = (byte) (connection >>> 8);
        header[11] = (byte) connection;
        header[12] = (byte) direction.ordinal();
        header[13] = (byte) kind.ordinal();
        header[14] = (byte) (len >>> 24);
        header[15] = (byte) (len >>> 16);
        header[16] = (byte) (len >>> 8);
        header[17] = (byte) len;
        digest.update(header);
        if (len > 0) {
            digest.update(data, 0, len);
        }
        count++;
        byteCount += len;
        if (keepEntries) {
            entries.add(new Entry(atNanos, connection, direction, kind, Arrays.copyOf(data == null ? new byte[0] : data,
                    len)));
        }
    }

    /** The entries in order; empty unless the transcript keeps them. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether entries are kept. */
    public boolean keepsEntries() {
        return keepEntries;
    }

    /** SHA-256 over every entry so far, in hex: equal digests mean equal transcripts. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest not cloneable", e);
        }
    }

    /** How many entries were recorded. */
    public long size() {
        return count;
    }

    /** How many bytes were carried in all. */
    public long byteCount() {
        return byteCount;
    }

    /**
     * Where two kept transcripts first differ, for a failure message, or {@code null} if they are
     * equal.
     */
    public String firstDifference(Transcript other) {
        int n = Math.min(entries.size(), other.entries.size());
        for (int i = 0; i < n; i++) {
            if (!entries.get(i).equals(other.entries.get(i))) {
                return "entry " + i + ": " + entries.get(i) + " vs " + other.entries.get(i);
            }
        }
        if (entries.size() != other.entries.size()) {
            return "lengths " + entries.size() + " vs " + other.entries.size();
        }
        return digest().equals(other.digest()) ? null : "digests differ";
    }
}
