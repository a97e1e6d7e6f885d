package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SpareArrays;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts the SFTP byte stream (the data of one session channel) into packet bodies
 * (draft-ietf-secsh-filexfer-02 §3: {@code uint32 length, byte type, byte[length-1] data}).
 *
 * <p>Call {@link #receive} with channel data as it arrives, in any pieces; then {@link #poll}
 * (or {@link #pollRequest} / {@link #pollReply}) until it returns null. A packet split across
 * any number of calls comes out the same as one received whole.
 *
 * <p>A declared length above {@link #maxPacketLength()} is refused with
 * {@link SshFormatException} as soon as its four bytes are in, before anything is allocated for
 * it; so is a length of 0, which cannot hold the type byte. Even an accepted length is not
 * trusted: the body buffer starts at 32 KiB at most, and only when more bytes than that actually
 * arrive does it grow, once, to the declared length (at most 8 times what arrived, and the
 * maximum bounds it); so memory follows received data, and a large packet is copied once more at
 * most, not at every doubling. Complete bodies queue until polled: the channel window bounds how
 * many can arrive. {@link #pollRequest} and {@link #pollReply} hand a WRITE's or DATA's bytes out
 * as a range of the body the reader allocated, without copying them again.
 * After a format error the stream cannot be resynchronised; the reader refuses further input
 * with {@link IllegalStateException} and the session must end.
 *
 * <p>Not thread-safe: one reader per SFTP session, used on the engine thread.
 */
public final class SftpFrameReader {
    /**
     * The default limit on a packet's declared length: OpenSSH's 256 KiB maximum message
     * ({@code limits@openssh.com} reports it as max-packet-length) plus 1 KiB headroom, so that a
     * DATA or WRITE carrying a full 256 KiB payload still fits with its type, id, handle and
     * length fields.
     */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 256 * 1024 + 1024;

    private final int maxPacketLength;
    private final byte[] header = new byte[4];
    private int headerFilled;
    /** The first allocation for a body; it grows with the bytes that arrive, up to the declared length. */
    private static final int INITIAL_BODY_CAPACITY = 32 * 1024;

    private byte[] body;
    private int bodyLength;
    private int bodyFilled;
    private boolean failed;
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    /**
     * Bodies given back ({@link #recycle}), reused for later bodies of exactly their length; at most
     * 4 (4 DATA bodies of 255 KiB is 1 MiB per downloading session), and only large ones.
     */
    private final SpareArrays spares = new SpareArrays(4, INITIAL_BODY_CAPACITY + 1);

    /** A reader with {@link #DEFAULT_MAX_PACKET_LENGTH}. */
    public SftpFrameReader() {
        this(DEFAULT_MAX_PACKET_LENGTH);
    }

    /**
     * A reader that refuses packets whose declared length (type byte and data, excluding the
     * length field itself) exceeds {@code maxPacketLength}.
     */
    public SftpFrameReader(int maxPacketLength) {
        if (maxPacketLength < 1) {
            throw new IllegalArgumentException("maxPacketLength must be at least 1: " + maxPacketLength);
        }
        this.maxPacketLength = maxPacketLength;
    }

    /** The largest declared length this reader accepts. */
    public int maxPacketLength() {
        return maxPacketLength;
    }

    /**
     * Consumes all of {@code src} (its position moves to its limit), queueing every packet it
     * completes. Throws {@link SshFormatException} for a declared length of 0 or above the
     * maximum; the bytes of the packets completed before it stay queued.
     */
    public void receive(ByteBuffer src) {
        int at = src.position();
        int n = src.remaining();
        // an absolute bulk get: direct and read-only buffers are read without a copy first
        consume(n, (from, dst, dstOff, len) -> src.get(at + from, dst, dstOff, len));
        src.position(at + n);
    }

    /** Consumes all of {@code data}; as {@link #receive(ByteBuffer)}. */
    public void receive(Bytes data) {
        consume(data.length(), data::copyTo);
    }

    /** Consumes {@code len} bytes of {@code buf} from {@code off}; as {@link #receive(ByteBuffer)}. */
    public void receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        consume(len, (from, dst, dstOff, n) -> System.arraycopy(buf, off + from, dst, dstOff, n));
    }

    /** Where received bytes come from: copies {@code len} of them, from the {@code from}-th on, into {@code dst}. */
    private interface Source {
        void copyTo(int from, byte[] dst, int dstOff, int len);
    }

    /** Consumes the {@code len} bytes of {@code src}, queueing every packet they complete. */
    private void consume(int len, Source src) {
        if (failed) {
            throw new IllegalStateException("the SFTP stream had a format error; it cannot be read further");
        }
        int off = 0;
        while (off < len) {
            if (body == null) {
                int n = Math.min(4 - headerFilled, len - off);
                src.copyTo(off, header, headerFilled, n);
                headerFilled += n;
                off += n;
                if (headerFilled == 4) {
                    startBody();
                }
            } else {
                int n = Math.min(bodyLength - bodyFilled, len - off);
                if (n > body.length - bodyFilled) {
                    // more than the first buffer's worth arrived: grow once, to the declared length
                    body = Arrays.copyOf(body, bodyLength);
                }
                src.copyTo(off, body, bodyFilled, n);
                bodyFilled += n;
                off += n;
                if (bodyFilled == bodyLength) {
                    ready.add(body);
                    body = null;
                    bodyFilled = 0;
                    headerFilled = 0;
                }
            }
        }
    }

    private void startBody() {
        long len = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (len == 0) {
            failed = true;
            throw new SshFormatException("SFTP packet length 0 has no room for the type byte");
        }
        if (len > maxPacketLength) {
            failed = true;
            throw new SshFormatException("SFTP packet length " + len + " exceeds the maximum " + maxPacketLength);
        }
        bodyLength = (int) len;
        // a large body goes into a spare of its length, or starts small until its bytes arrive
        body = bodyLength > INITIAL_BODY_CAPACITY ? spares.takeExact(bodyLength) : null;
        if (body == null) {
            body = new byte[Math.min(bodyLength, INITIAL_BODY_CAPACITY)];
        }
        bodyFilled = 0;
    }

    /**
     * Gives back the body array behind a polled packet's bytes (a DATA's or WRITE's bytes from
     * {@link #pollReply} / {@link #pollRequest}) once nothing reads them any more: a later body of
     * the same length is received into it instead of a new array, so a download of equal-sized
     * reads does not allocate one body per reply. Call it once per body, and only when no one holds
     * those bytes, for they will be overwritten. Small bodies, and those beyond the few kept, are
     * left to the collector.
     */
    public void recycle(Bytes data) {
        spares.give(data.backingArrayForRecycling());
    }

    /** The next complete packet body (type byte and data, no length), or null if none is complete. */
    public byte[] poll() {
        return ready.poll();
    }

    /** The next complete packet decoded as a client's request (server side), or null; see {@link SftpCodec#decodeRequest}. */
    public SftpRequest pollRequest() {
        byte[] b = ready.poll();
        return b == null ? null : SftpCodec.decodeRequest(b, true);
    }

    /** The next complete packet decoded as a server's reply (client side), or null; see {@link SftpCodec#decodeReply}. */
    public SftpReply pollReply() {
        byte[] b = ready.poll();
        return b == null ? null : SftpCodec.decodeReply(b, true);
    }

    /** How many complete packets wait to be polled. */
    public int readyCount() {
        return ready.size();
    }

    /** Bytes received towards the packet not yet complete (its length field included). */
    public int partialBytes() {
        return body == null ? headerFilled : 4 + bodyFilled;
    }
}
