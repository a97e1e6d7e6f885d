package io.sanssh.engine.sftp;

import java.nio.ByteBuffer;

/**
 * Where a {@link Download} puts the bytes it read: supplied by the caller, who decides what
 * writing means (a file channel in a driver, memory in a test). The engine does no I/O itself; it
 * only calls {@link #write} on the engine thread.
 */
@FunctionalInterface
public interface ByteSink {
    /**
     * Takes the bytes of the remote file at {@code offset}. Calls come in offset order without
     * gaps or overlaps: each starts where the previous one ended. {@code data} is borrowed for the
     * length of the call; copy what must be kept. A runtime exception fails the download, naming
     * the read whose bytes were refused.
     */
    void write(long offset, ByteBuffer data);
}
