package io.sanssh.engine.channel;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * A seeded stream of pseudo-random bytes written into a channel as credit allows, with the CRC-32
 * of what the layer accepted, to compare with a {@link StreamSink} at the other end.
 */
final class StreamSource {
    private final SplittableRandom rnd;
    private final long total;
    private final byte[] buf = new byte[64 * 1024];
    private ByteBuffer view = ByteBuffer.allocate(0);
    private long sent;
    final CRC32 crc = new CRC32();

    StreamSource(long total, long seed) {
        this.total = total;
        this.rnd = new SplittableRandom(seed);
    }

    /**
     * Writes until the layer accepts less than offered or the stream ends.
     *
     * @return bytes accepted by this call
     */
    long writeTo(ConnectionLayer layer, int channel) {
        long accepted = 0;
        while (sent < total) {
            if (!view.hasRemaining()) {
                int n = (int) Math.min(buf.length, total - sent);
                rnd.nextBytes(buf);
                view = ByteBuffer.wrap(buf, 0, n);
            }
            int pos = view.position();
            int n = layer.write(channel, view);
            crc.update(buf, pos, n);
            sent += n;
            accepted += n;
            if (view.hasRemaining()) {
                break;
            }
        }
        return accepted;
    }

    boolean done() {
        return sent == total;
    }

    long sent() {
        return sent;
    }
}
