package io.sanssh.engine.channel;

import io.sanssh.spec.wire.Bytes;
import java.util.zip.CRC32;

/** The receiving end of a {@link StreamSource}: counts, checksums, and notes EOF. */
final class StreamSink {
    final CRC32 crc = new CRC32();
    long received;
    boolean eof;

    void accept(Bytes data) {
        crc.update(data.asReadOnlyBuffer());
        received += data.length();
    }
}
