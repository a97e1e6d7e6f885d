package io.sanssh.drivers.api;

import io.sanssh.engine.SshConnection;
import io.sanssh.spec.wire.Bytes;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Received channel data that nobody reads any more (copied out, or read whole), waiting to go back
 * to the engine ({@link SshConnection#recycle}) the next time its owner holds the engine anyway:
 * a report of consumed bytes, a pump. At most {@link #MAX} wait (the engine keeps 16 spare arrays);
 * more are left to the collector. Not thread-safe: its owner's lock covers it.
 */
final class SpentPieces {
    static final int MAX = 16;

    private final ArrayDeque<Bytes> pieces = new ArrayDeque<>();

    /** {@code data} is no longer read by anyone. */
    void add(Bytes data) {
        if (pieces.size() < MAX) {
            pieces.addLast(data);
        }
    }

    /**
     * Gives every waiting piece, oldest first, to {@code sink}: the engine's {@link
     * SshConnection#recycle}, called with the engine's serialisation held.
     */
    void drainTo(Consumer<Bytes> sink) {
        Bytes b;
        while ((b = pieces.pollFirst()) != null) {
            sink.accept(b);
        }
    }
}
