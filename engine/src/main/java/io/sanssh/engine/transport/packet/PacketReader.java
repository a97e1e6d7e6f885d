package io.sanssh.engine.transport.packet;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SpareArrays;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental decoder of the binary packet protocol (RFC 4253 §6) for one inbound direction.
 *
 * <p>Feed it whatever bytes arrived, in any fragmentation down to one byte at a time; it returns
 * one verified, decrypted payload at a time and stops right after it, leaving the rest of the input
 * unread. Stopping there is what lets the caller switch keys between {@code SSH_MSG_NEWKEYS} and
 * the next packet ({@link #changeKeys}).
 *
 * <p>Every fault of the peer is an {@link SshFormatException}: {@code MAC_ERROR} for a MAC or tag
 * that does not match, {@code PROTOCOL_ERROR} for a length out of range or misaligned, or padding
 * shorter than 4 bytes. A declared length is checked before any buffer grows, so a hostile length
 * costs nothing. After a fault the reader is dead and every further {@link #read} or
 * {@link #changeKeys} throws {@link IllegalStateException}: nothing after a bad packet can be
 * trusted, and the connection must end.
 *
 * <p>The reader owns two arrays that grow on demand up to the largest packet allowed, one to
 * reassemble received bytes and one for the clear text, and reuses them for every packet. A packet
 * that arrives whole in a heap buffer skips reassembly: it is verified and decrypted straight from
 * the caller's array, which is only read, and only during the call. {@link #releaseBuffers()}
 * drops both arrays between packets, for a connection gone quiet; the next packet allocates them
 * again at their initial size. Not thread-safe.
 */
public final class PacketReader {
    /**
     * Packets at least this long are opened into a fresh array the caller may keep (see {@link
     * #payloadDetached()}): for channel data that saves copying the data out of the clear-text
     * buffer, at the price of an allocation the copy would have made anyway.
     */
    static final int DETACH_MIN = 8 * 1024;
    /** Bulk arrays kept for reuse at most: 16 arrays of a 32 KiB packet is 0.5 MiB per busy connection. */
    static final int MAX_SPARES = 16;
    /** Initial capacity of each buffer; most packets fit without growing. */
    private static final int INITIAL_CAPACITY = 2048;
    /** Room kept for the MAC after the largest packet (HMAC-SHA-512's 64 bytes, and then some). */
    private static final int MAX_MAC_LENGTH = 256;
    /** The buffers after {@link #releaseBuffers()}: nothing held until the next packet starts. */
    private static final byte[] NONE = new byte[0];

    private final int maxPacketLength;
    private PacketOpener opener = new Plaintext.Opener();
    private byte[] wire;
    private byte[] plain;
    /** The array of the last payload: {@link #plain}, or a fresh one for a bulk packet. */
    private byte[] payload;
    /** Bytes of the current packet held in {@link #wire}. */
    private int have;
    /** {@code packet_length} of the current packet, or -1 until its first block is decoded. */
    private int packetLength = -1;
    private int payloadLength;
    private int sequenceNumber;
    private long bytesSinceKeyChange;
    private long packetsSinceKeyChange;
    private boolean dead;
    /** Arrays of bulk payloads given back ({@link #recycle}), for the next bulk packets. */
    private final SpareArrays spares = new SpareArrays(MAX_SPARES, DETACH_MIN);

    /**
     * A reader in the initial state: no encryption, no MAC (until {@link #changeKeys}), sequence
     * number 0.
     *
     * @param maxPacketLength the largest {@code packet_length} accepted (RFC 4253 §6.1 requires
     *     every implementation to handle 35000 bytes; connections use 256 KiB plus headroom). Larger
     *     declared lengths are a {@code PROTOCOL_ERROR}.
     */
    public PacketReader(int maxPacketLength) {
        if (maxPacketLength < 64 || maxPacketLength > Integer.MAX_VALUE - 4 - MAX_MAC_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength out of range: " + maxPacketLength);
        }
        this.maxPacketLength = maxPacketLength;
        this.wire = new byte[INITIAL_CAPACITY];
        this.plain = new byte[INITIAL_CAPACITY];
        this.payload = plain;
    }

    /**
     * Consumes bytes from {@code src}, advancing its position, until one whole packet is verified
     * and decrypted, then stops without consuming more. Call it whenever bytes arrive, and again
     * while it returns true and {@code src} has bytes left.
     *
     * @return true if {@link #payloadArray()} now holds the payload of one packet (valid until the
     *     next call); false if all of {@code src} was consumed and the packet is still incomplete
     * @throws SshFormatException for a peer fault (see the class comment); the reader is then dead
     * @throws IllegalStateException if the reader is dead
     */
    public boolean read(ByteBuffer src) {
        checkAlive();
        try {
            // Fast path: a whole packet in a heap buffer is opened where it lies, without copying
            // it into the reassembly buffer first. Openers never write to their input.
            boolean borrowed = false;
            if (packetLength < 0) {
                if (plain.length == 0) {
                    wire = new byte[INITIAL_CAPACITY];
                    plain = new byte[INITIAL_CAPACITY];
                }
                int first = opener.firstBlockLength();
                borrowed = have == 0 && src.hasArray() && src.remaining() >= first;
                if (!borrowed && !fill(src, first)) {
                    return false;
                }
                int length = borrowed
                        ? opener.decodeLength(sequenceNumber, src.array(), src.arrayOffset() + src.position(), plain, 0)
                        : opener.decodeLength(sequenceNumber, wire, 0, plain, 0);
                checkLength(length, first);
                packetLength = length;
                ensureCapacity(4 + length + opener.macLength());
                if (borrowed && src.remaining() < 4 + length + opener.macLength()) {
                    borrowed = false;
                    fill(src, first);
                }
            }
            int total = 4 + packetLength + opener.macLength();
            if (!borrowed && !fill(src, total)) {
                return false;
            }
            byte[] dst = plain;
            if (packetLength >= DETACH_MIN) {
                // A bulk packet gets an array of its own that the caller may keep (a data event
                // wraps it instead of copying its data out). An opener may have put the first
                // block in the clear-text buffer already (decodeLength), so it comes along.
                dst = spares.takeAtLeast(total);
                System.arraycopy(plain, 0, dst, 0, opener.firstBlockLength());
            }
            if (borrowed) {
                opener.open(sequenceNumber, src.array(), src.arrayOffset() + src.position(), packetLength, dst, 0);
                src.position(src.position() + total);
            } else {
                opener.open(sequenceNumber, wire, 0, packetLength, dst, 0);
            }
            payload = dst;
            int paddingLength = dst[4] & 0xff;
            if (paddingLength < PacketFramer.MIN_PADDING || paddingLength > packetLength - 1) {
                throw new SshFormatException("padding length " + paddingLength + " invalid for packet length " + packetLength);
            }
            payloadLength = packetLength - 1 - paddingLength;
            sequenceNumber++;
            packetsSinceKeyChange++;
            bytesSinceKeyChange += total;
            have = 0;
            packetLength = -1;
            return true;
        } catch (RuntimeException e) {
            dead = true;
            throw e;
        }
    }

    /** Copies bytes from {@code src} until {@code have == target}; returns whether it got there. */
    private boolean fill(ByteBuffer src, int target) {
        int n = Math.min(src.remaining(), target - have);
        if (n > 0) {
            src.get(wire, have, n);
            have += n;
        }
        return have == target;
    }

    private void checkLength(int length, int firstBlock) {
        if (length < 0 || length > maxPacketLength) {
            throw new SshFormatException("packet length " + Integer.toUnsignedString(length)
                    + " exceeds the maximum " + maxPacketLength);
        }
        if (length < 1 + PacketFramer.MIN_PADDING || 4 + length < firstBlock) {
            throw new SshFormatException("packet length " + length + " is too short");
        }
        int aligned = opener.lengthExcludedFromAlignment() ? length : length + 4;
        if (aligned % Math.max(opener.blockSize(), 8) != 0) {
            throw new SshFormatException("packet length " + length + " is not a multiple of the block size "
                    + opener.blockSize());
        }
    }

    /**
     * Grows the reassembly buffer to {@code total}, and the clear-text buffer too unless the packet
     * is a bulk one, which is opened into an array of its own ({@link #DETACH_MIN}).
     */
    private void ensureCapacity(int total) {
        wire = grown(wire, total);
        if (packetLength < DETACH_MIN) {
            plain = grown(plain, total);
        }
    }

    private byte[] grown(byte[] a, int total) {
        if (a.length >= total) {
            return a;
        }
        long cap = 4L + maxPacketLength + opener.macLength();
        return Arrays.copyOf(a, (int) Math.min(Math.max((long) a.length * 2, total), cap));
    }

    /**
     * Drops both buffers if no packet is partly read (between packets); a no-op otherwise. The
     * last payload's array is no longer this reader's, so it stays as it was for whoever holds it.
     *
     * @return whether the buffers were dropped
     */
    public boolean releaseBuffers() {
        spares.clear();
        if (have != 0 || packetLength >= 0 || dead) {
            return false;
        }
        wire = NONE;
        plain = NONE;
        payload = NONE;
        return true;
    }

    /** Bytes of buffer held for reassembly, clear text and spare bulk arrays: what {@link #releaseBuffers()} frees. */
    public long retainedBytes() {
        return wire.length + plain.length + spares.retainedBytes();
    }

    /**
     * Gives back the array of a bulk payload ({@link #payloadDetached()}) that its holder has
     * finished with, so a later bulk packet is opened into it instead of a new array. Call it only
     * when nothing holds or reads the array any more, and once: the array will be overwritten.
     * Arrays shorter than {@link #DETACH_MIN}, or beyond the few kept, are left to the collector.
     *
     * @return whether the array was kept
     */
    public boolean recycle(byte[] array) {
        return spares.give(array);
    }

    /**
     * The array holding the last payload; valid until the next {@link #read}, unless {@link
     * #payloadDetached()}.
     */
    public byte[] payloadArray() {
        return payload;
    }

    /**
     * Whether the last payload's array belongs to nobody but the caller: the reader never touches
     * it again, so the caller may keep it (or a range of it) instead of copying. True for packets of
     * {@link #DETACH_MIN} bytes and more.
     */
    public boolean payloadDetached() {
        return payload != plain;
    }

    /** Where the last payload starts in {@link #payloadArray()}. */
    public int payloadOffset() {
        return 5;
    }

    /** The length of the last payload. */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * The sequence number the next packet will be verified with (RFC 4253 §6.4): the number of
     * packets read so far modulo 2^32, unless reset.
     */
    public int nextSequenceNumber() {
        return sequenceNumber;
    }

    /**
     * Sets the next sequence number to 0. Under strict key exchange (OpenSSH PROTOCOL,
     * {@code kex-strict-*-v00@openssh.com}) call it right after {@code SSH_MSG_NEWKEYS} was
     * returned, together with {@link #changeKeys}.
     */
    public void resetSequenceNumber() {
        sequenceNumber = 0;
    }

    /**
     * Switches to new keys for the next packet. Call it right after {@link #read} returned the
     * {@code SSH_MSG_NEWKEYS} packet (RFC 4253 §7.3), before feeding any more bytes. Resets
     * {@link #bytesSinceKeyChange()} and {@link #packetsSinceKeyChange()}; the sequence number goes
     * on (see {@link #resetSequenceNumber()}).
     *
     * @throws IllegalStateException if part of a packet is already buffered, or the reader is dead
     */
    public void changeKeys(PacketOpener opener) {
        checkAlive();
        if (have != 0) {
            throw new IllegalStateException("keys can change only between packets; " + have + " bytes are buffered");
        }
        this.opener = Objects.requireNonNull(opener, "opener");
        bytesSinceKeyChange = 0;
        packetsSinceKeyChange = 0;
    }

    /** Bytes of whole packets (length, packet and MAC) read since the last key change. */
    public long bytesSinceKeyChange() {
        return bytesSinceKeyChange;
    }

    /** Packets read since the last key change. */
    public long packetsSinceKeyChange() {
        return packetsSinceKeyChange;
    }

    /** The block size of the current opener, for the rekey limits of RFC 4344 §3. */
    public int blockSize() {
        return opener.blockSize();
    }

    /** Bytes of an incomplete packet held; 0 between packets. */
    public int bufferedBytes() {
        return have;
    }

    private void checkAlive() {
        if (dead) {
            throw new IllegalStateException("the packet reader failed earlier and cannot be used");
        }
    }
}
