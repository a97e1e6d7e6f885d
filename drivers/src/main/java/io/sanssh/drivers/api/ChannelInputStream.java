package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * One received stream of a channel (its data, or its stderr) as an {@link InputStream}. Every read
 * reports the bytes it took to the engine ({@code consumed}), which is what reopens the window
 * (RFC 4254 §5.2): a reader that stops reading stops the peer, instead of filling memory.
 *
 * <p>Ends (-1) at the peer's EOF, at close, or when the connection ended. Closing this stream
 * discards what is buffered and what arrives later, so the other stream of the channel never
 * stalls on a window this one holds.
 */
final class ChannelInputStream extends InputStream {
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
        int n = state.read(stream, b, off, len);
        if (n > 0) {
            report(n);
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
        try {
            link.run(e -> e.channels().consumed(state.channel, n));
        } catch (IllegalStateException e) {
            // the engine is closed: there is no window left to reopen
        }
    }
}
