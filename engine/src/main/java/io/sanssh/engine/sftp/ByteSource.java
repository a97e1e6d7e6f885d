package io.sanssh.engine.sftp;

import java.nio.ByteBuffer;

/**
 * Where an {@link Upload} gets its bytes: supplied by the caller (a file channel in a driver,
 * memory in a test). The engine does no I/O itself; it only calls {@link #read} on the engine
 * thread, with offsets in increasing order.
 */
@FunctionalInterface
public interface ByteSource {
    /**
     * Fills {@code dst} from its position with the bytes at {@code offset}, and returns how many:
     * at least 1 and at most {@code dst.remaining()}; -1 at the end of the data; or 0 when no
     * bytes are available right now, in which case the caller calls {@link Upload#resume()} once
     * they are. {@code dst} is borrowed for the length of the call. A runtime exception fails the
     * upload.
     */
    int read(long offset, ByteBuffer dst);
}
