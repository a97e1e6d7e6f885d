package io.sanssh.engine.transport.packet;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Lays out the clear text of one binary packet (RFC 4253 §6): {@code uint32 packet_length},
 * {@code byte padding_length}, payload, random padding. Every sealer uses one; the cipher and MAC
 * work on what it writes.
 *
 * <p>The padding is the smallest of at least 4 bytes that makes the aligned part a multiple of the
 * block size (at least 8). The aligned part is {@code packet_length || padding_length || payload ||
 * padding} in the RFC 4253 layout, or the same without the length field for EtM and AEAD modes,
 * where the length is not encrypted with the rest. Minimal padding keeps {@link #sealedLength}
 * deterministic, which lets the caller reserve exact room before sealing.
 */
final class PacketFramer {
    /** RFC 4253 §6: "There MUST be at least four bytes of padding." */
    static final int MIN_PADDING = 4;

    private final int unit;
    private final boolean lengthExcluded;
    private final int macLength;
    private final SecureRandom random;
    /**
     * Scratch arrays for padding, one per length (4 to {@code unit + 3}, see {@link
     * #paddingLength}): SecureRandom only fills whole arrays.
     */
    private final byte[][] paddingScratch;

    /**
     * @param blockSize the cipher block size; the alignment unit is the larger of it and 8
     * @param lengthExcluded whether the length field is left out of the alignment
     * @param macLength the MAC or tag bytes that follow the packet
     * @param random the source of padding bytes
     */
    PacketFramer(int blockSize, boolean lengthExcluded, int macLength, SecureRandom random) {
        this.unit = Math.max(blockSize, 8);
        this.paddingScratch = new byte[unit + MIN_PADDING][];
        this.lengthExcluded = lengthExcluded;
        this.macLength = macLength;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The padding length for a payload of {@code payloadLength} bytes: 4 to {@code unit + 3}. */
    int paddingLength(int payloadLength) {
        int aligned = (lengthExcluded ? 0 : 4) + 1 + payloadLength;
        int padding = unit - Math.floorMod(aligned, unit);
        return padding < MIN_PADDING ? padding + unit : padding;
    }

    /** The {@code packet_length} field for a payload of {@code payloadLength} bytes. */
    int packetLength(int payloadLength) {
        return 1 + payloadLength + paddingLength(payloadLength);
    }

    /** All bytes on the wire: length field, packet and MAC. */
    int sealedLength(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        long total = 4L + packetLength(payloadLength) + macLength;
        if (total > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("payload too large: " + payloadLength);
        }
        return (int) total;
    }

    /**
     * Writes the clear packet (without MAC) at {@code dst[dstOff]} and returns its
     * {@code packet_length}. The payload may already sit at {@code dstOff + 5} (it is then left in
     * place); otherwise it must not overlap the destination.
     */
    int frame(byte[] payload, int off, int len, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(off, len, payload.length);
        Objects.checkFromIndexSize(dstOff, sealedLength(len), dst.length);
        int paddingLength = paddingLength(len);
        int packetLength = 1 + len + paddingLength;
        if (payload != dst || off != dstOff + 5) {
            System.arraycopy(payload, off, dst, dstOff + 5, len);
        }
        writeInt(packetLength, dst, dstOff);
        dst[dstOff + 4] = (byte) paddingLength;
        System.arraycopy(randomPadding(paddingLength), 0, dst, dstOff + 5 + len, paddingLength);
        return packetLength;
    }

    /**
     * Writes {@code packet_length} and {@code padding_length} for a payload of {@code len} bytes
     * into {@code header[0..5)}, for sealers that encrypt the pieces of a packet separately.
     *
     * @return the padding length
     */
    int header(int len, byte[] header) {
        int paddingLength = paddingLength(len);
        writeInt(1 + len + paddingLength, header, 0);
        header[4] = (byte) paddingLength;
        return paddingLength;
    }

    /**
     * Fresh random bytes for one packet's padding, in an internal array of exactly
     * {@code paddingLength} bytes that the next call overwrites.
     */
    byte[] randomPadding(int paddingLength) {
        byte[] pad = paddingScratch[paddingLength];
        if (pad == null) {
            pad = new byte[paddingLength];
            paddingScratch[paddingLength] = pad;
        }
        random.nextBytes(pad);
        return pad;
    }

    /** Writes {@code v} big-endian at {@code buf[off]}. */
    static void writeInt(int v, byte[] buf, int off) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }

    /** Reads a big-endian int at {@code buf[off]}. */
    static int readInt(byte[] buf, int off) {
        return ((buf[off] & 0xff) << 24) | ((buf[off + 1] & 0xff) << 16)
                | ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
    }

    /** Writes {@code v} big-endian at {@code buf[off]}. */
    static void writeLong(long v, byte[] buf, int off) {
        writeInt((int) (v >>> 32), buf, off);
        writeInt((int) v, buf, off + 4);
    }

    /** Reads a big-endian long at {@code buf[off]}. */
    static long readLong(byte[] buf, int off) {
        return ((long) readInt(buf, off) << 32) | (readInt(buf, off + 4) & 0xffffffffL);
    }
}
