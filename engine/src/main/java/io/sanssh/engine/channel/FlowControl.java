package io.sanssh.engine.channel;

import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelExtendedData;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.PayloadWriter;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.connection.ChannelWindowAdjust;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;

/**
 * The bulk path of the connection layer (RFC 4254 §5.2): CHANNEL_DATA, CHANNEL_EXTENDED_DATA and
 * CHANNEL_WINDOW_ADJUST in both directions, credit, and the wake-ups of blocked writers. Nothing
 * here goes through squirrel; messages are read in place, and data is encoded straight into the
 * transport's outbound buffer and sealed there, with no allocation per packet.
 *
 * <p>Sending (outbound rules 5 and 8): credit is min(peer window, outbound budget), where the
 * budget is the transport's high-water mark minus its backlog, and 0 while our key exchange runs
 * (so application data never piles up in the held queue). A write takes at most the credit and
 * splits it into packets of at most the peer's maximum packet size (and 32 KiB, see {@link
 * ConnectionConfig#MAX_SEND_PACKET}); the peer's window therefore never goes negative.
 *
 * <p>Receiving: data beyond the window we advertised, or larger than our maximum packet, is a
 * protocol error. We return window with one WINDOW_ADJUST per channel once the application has
 * consumed three maximum packets (or half the window, if less): the peer's window stays nearly
 * full, so a fast sender never waits for credit while an adjust travels, and we still send one
 * adjust per few packets rather than one per packet (OpenSSH returns window by the same measure).
 *
 * <p>Wake-ups: a blocked writer is woken when credit returns, by a WINDOW_ADJUST, by the end of
 * our key exchange, or by the driver draining the backlog ({@code onOutputDrained}). The budget
 * must be back to half the high-water mark first, so that a writer is not woken for a few bytes at
 * a time (hysteresis, as in a socket's low-water mark).
 */
final class FlowControl implements WriteScheduler.Waker {
    private static final int DATA_HEADER = 9;
    private static final int EXTENDED_HEADER = 13;

    private final LayerContext ctx;
    private final Transport transport;
    private final WriteScheduler scheduler = new WriteScheduler();
    private final long wakeBudget;
    private final DataFrame frame = new DataFrame();

    FlowControl(LayerContext ctx) {
        this.ctx = ctx;
        this.transport = ctx.transport;
        this.wakeBudget = Math.max(1, ctx.highWater / 2);
    }

    // ---------------------------------------------------------------- sending

    /** How many bytes a write on {@code c} would accept now. */
    @Override
    public long credit(Channel c) {
        if (!c.canSendData() || transport.isClosed() || transport.kexActive()) {
            return 0;
        }
        return Math.min(c.peerWindow, ctx.outboundBudget());
    }

    /**
     * Sends up to the credit from {@code src} on {@code c}; {@code dataType} is the extended data
     * type, or -1 for CHANNEL_DATA. The caller checked that {@code c} may send data.
     *
     * @return bytes taken from {@code src}
     */
    int write(Channel c, ByteBuffer src, long dataType) {
        int want = src.remaining();
        int n = (int) Math.min(want, credit(c));
        boolean extended = dataType >= 0;
        int header = extended ? EXTENDED_HEADER : DATA_HEADER;
        int number = extended ? MessageNumbers.CHANNEL_EXTENDED_DATA : MessageNumbers.CHANNEL_DATA;
        int sent = 0;
        while (sent < n && c.sendPacket > 0 && !transport.kexActive() && !transport.isClosed()) {
            int chunk = Math.min(n - sent, c.sendPacket);
            frame.set(number, c.peerId, dataType, src, chunk);
            c.peerWindow -= chunk;
            sent += chunk;
            // May start a rekey by volume; the loop then stops, since credit is 0 during it.
            transport.sendPayload(number, header + chunk, frame, Origin.APPLICATION);
            frame.finish();
            ctx.trace.dataSent(c.id, extended, chunk);
        }
        if (sent > 0) {
            scheduler.served(c);
        }
        if (sent < want) {
            scheduler.block(c);
        }
        return sent;
    }

    /**
     * Encodes one CHANNEL_DATA or CHANNEL_EXTENDED_DATA payload straight into the transport's
     * buffer, taking its data from the caller's buffer: one reused instance, no array per packet.
     */
    private static final class DataFrame implements PayloadWriter {
        private int number;
        private int recipient;
        private long dataType;
        private ByteBuffer src;
        private int length;
        private boolean written;

        void set(int number, int recipient, long dataType, ByteBuffer src, int length) {
            this.number = number;
            this.recipient = recipient;
            this.dataType = dataType;
            this.src = src;
            this.length = length;
            this.written = false;
        }

        @Override
        public void writePayload(byte[] p, int off) {
            boolean extended = number == MessageNumbers.CHANNEL_EXTENDED_DATA;
            int header = extended ? EXTENDED_HEADER : DATA_HEADER;
            p[off] = (byte) number;
            putInt(p, off + 1, recipient);
            if (extended) {
                putInt(p, off + 5, (int) dataType);
            }
            putInt(p, off + header - 4, length);
            src.get(p, off + header, length);
            written = true;
        }

        /** The data is taken from the source even if the transport dropped the message (closed). */
        void finish() {
            if (!written) {
                src.position(src.position() + length);
            }
            src = null;
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * CHANNEL_DATA (94) or CHANNEL_EXTENDED_DATA (95), read in place; the data is copied into its
     * event unless {@code owned} says the array is ours to keep (then the event holds a range of it).
     */
    void onData(byte[] buf, int off, int len, boolean extended, boolean owned) {
        int header = extended ? EXTENDED_HEADER : DATA_HEADER;
        if (len < header) {
            throw new SshFormatException("truncated " + MessageNumbers.name(buf[off] & 0xff));
        }
        int recipient = getInt(buf, off + 1);
        long type = extended ? getInt(buf, off + 5) & 0xffff_ffffL : -1;
        int dataLen = getInt(buf, off + header - 4);
        if (dataLen != len - header) {
            throw new SshFormatException(MessageNumbers.name(buf[off] & 0xff) + " data length " + dataLen
                    + " does not match the " + (len - header) + " bytes that follow");
        }
        Channel c = ctx.peerChannel(recipient, buf[off] & 0xff);
        if (c.state != State.OPEN && c.state != State.CLOSE_SENT) {
            throw LayerContext.fault(c, "data");
        }
        if (c.eofReceived) {
            throw LayerContext.fault(c, "data after the peer's EOF");
        }
        if (dataLen > c.localMaxPacket) {
            throw LayerContext.fault(c, "data packet of " + dataLen + " bytes above our maximum " + c.localMaxPacket);
        }
        if (dataLen > c.localWindow) {
            throw LayerContext.fault(c, dataLen + " bytes of data beyond the window of " + c.localWindow);
        }
        c.localWindow -= dataLen;
        if (c.state == State.CLOSE_SENT) {
            // In flight when we closed: dropped, and never returned (nothing follows our CLOSE).
            c.consumedPending += dataLen;
            return;
        }
        if (dataLen == 0) {
            return;
        }
        c.unconsumed += dataLen;
        Bytes data = owned ? Bytes.wrap(buf, off + header, dataLen) : Bytes.of(buf, off + header, dataLen);
        ctx.emit(extended ? new ChannelExtendedData(c.id, type, data) : new ChannelData(c.id, data));
    }

    /** CHANNEL_WINDOW_ADJUST (93), read in place. */
    void onWindowAdjust(byte[] buf, int off, int len) {
        if (len != 9) {
            throw new SshFormatException("SSH_MSG_CHANNEL_WINDOW_ADJUST of " + len + " bytes");
        }
        Channel c = ctx.peerChannel(getInt(buf, off + 1), MessageNumbers.CHANNEL_WINDOW_ADJUST);
        if (c.state != State.OPEN && c.state != State.CLOSE_SENT) {
            throw LayerContext.fault(c, "window adjust");
        }
        long add = getInt(buf, off + 5) & 0xffff_ffffL;
        long window = c.peerWindow + add;
        if (window > ConnectionConfig.MAX_WINDOW) {
            throw LayerContext.fault(c, "window adjust of " + add + " beyond 2^32-1 (RFC 4254 §5.2)");
        }
        c.peerWindow = window;
        ctx.trace.peerWindowAdjusted(c.id, add);
        if (c.blocked && add > 0) {
            wakeBlocked();
        }
    }

    /**
     * The application took {@code n} received bytes of {@code c}; returns window with one adjust
     * once {@link #adjustThreshold} bytes are consumed.
     */
    void consumed(Channel c, long n) {
        if (n < 0 || n > c.unconsumed) {
            throw new IllegalStateException("consumed " + n + " bytes of " + c + " but only " + c.unconsumed
                    + " were delivered and not yet consumed");
        }
        c.unconsumed -= n;
        c.consumedPending += n;
        if (c.state == State.OPEN && !c.eofReceived && c.consumedPending >= adjustThreshold(c)) {
            long add = c.consumedPending;
            c.consumedPending = 0;
            c.localWindow += add;
            ctx.sendInternal(new ChannelWindowAdjust(c.peerId, add));
            ctx.trace.controlSent(c.id, MessageNumbers.CHANNEL_WINDOW_ADJUST);
        }
    }

    /**
     * Consumed bytes that earn a WINDOW_ADJUST: three maximum packets, or half the window if that is
     * less. The peer's window then stays nearly full, so a fast sender never waits for credit while
     * the adjust travels (OpenSSH's client and server return window by the same measure).
     */
    private long adjustThreshold(Channel c) {
        return Math.min((c.localWindowMax + 1) / 2, 3L * ctx.config.maxPacket());
    }

    // ---------------------------------------------------------------- wake-ups

    /** Wakes blocked writers that have credit again, if the budget is back above the low-water mark. */
    void wakeBlocked() {
        if (scheduler.isEmpty() || transport.kexActive() || transport.isClosed()
                || ctx.outboundBudget() < wakeBudget) {
            return;
        }
        scheduler.wake(this);
    }

    @Override
    public void wake(Channel c) {
        ctx.emit(new ChannelWritable(c.id));
    }

    /** {@code c} can no longer send data (EOF or CLOSE sent, or gone): it stops waiting. */
    void forget(Channel c) {
        scheduler.remove(c);
    }

    /** Channels waiting for credit. */
    int blockedCount() {
        return scheduler.size();
    }

    // ---------------------------------------------------------------- big-endian helpers

    static int getInt(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
