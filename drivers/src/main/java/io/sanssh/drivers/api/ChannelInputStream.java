package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * One received stream of a channel (its data, or its stderr) as an {@link InputStream}. Every read
 * reports the bytes it took to the engine ({@code consumed}), which is what reopens the window
 * (RFC 4254 §5.2): a reader that stops reading stops the peer, instead of filling memory.
 *
 * <p>Reads are reported in batches (see {@link #REPORT_BATCH}), and always before a read waits.
 *
 * <p>Ends (-1) at the peer's EOF, at close, or when the connection ended. Closing this stream
 * discards what is buffered and what arrives later, so the other stream of the channel never
 * stalls on a window this one holds.
 */
final class ChannelInputStream extends InputStream {
    /**
     * Reads are reported consumed in batches of this many bytes (and, for both streams of the
     * channel, always before a read waits, and at the end): each report takes the engine lock,
     * which the reader thread holds while it decrypts, so reporting every small read costs a lock hand-off per read. A batch equals
     * what earns a window adjustment from the engine (three 32 KiB packets by default), so the peer
     * gets its window back as soon as the engine would return it.
     */
    private static final long REPORT_BATCH = 96 * 1024;

    private final Link link;
    private final ChannelState state;
    private final int stream;
    private volatile boolean closed;

    ChannelInputStream(Link link, ChannelState state, int stream) {
        this.link = link;
        this.state = state;
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            return -1;
        }
        int n = state.read(stream, b, off, len, false);
        if (n == 0) {
            // About to wait: everything read so far, on either stream (they share the window),
            // must reach the engine first, or the peer could be waiting for window those bytes return.
            report(state.takeUnreported(stream, 1, true));
            n = state.read(stream, b, off, len, true);
        }
        if (n > 0) {
            report(state.takeUnreported(stream, REPORT_BATCH, false));
        } else if (n < 0) {
            report(state.takeUnreported(stream, 1, true));
        }
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, state.available(stream));
    }

    /** Stops reading: what is buffered, and what arrives later, is consumed unread. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            long n = state.discard(stream);
            if (n > 0) {
                report(n);
            }
        }
    }

    private void report(long n) {
        if (n <= 0) {
            return;
        }
        try {
            link.run(e -> {
                e.channels().consumed(state.channel, n);
                state.recycleSpent(e::recycle);
            });
        } catch (IllegalStateException e) {
            // the engine is closed: there is no window left to reopen
        }
    }
}
