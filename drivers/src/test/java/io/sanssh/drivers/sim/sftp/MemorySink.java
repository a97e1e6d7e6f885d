package io.sanssh.drivers.sim.sftp;

import io.sanssh.engine.sftp.ByteSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** A download sink in memory that checks the sink contract: offsets in order, no gaps or overlaps. */
final class MemorySink implements ByteSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(long offset, ByteBuffer data) {
        if (offset != bytes.size()) {
            throw new AssertionError("the sink got offset " + offset + " after " + bytes.size() + " bytes");
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        bytes.writeBytes(b);
    }

    /** Bytes received. */
    long size() {
        return bytes.size();
    }

    /** A copy of the bytes received. */
    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
