package io.sanssh.spec.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality: the type of every {@code string} field that
 * holds binary data in a message record.
 *
 * <p>Records cannot hold a {@code byte[]} and stay immutable or comparable; this class can.
 * {@link #of} copies; {@link #wrap} takes ownership without copying, for decoders and the engine,
 * which never touch the array again.
 */
public final class Bytes {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code len} bytes of {@code data} from {@code off}. */
    public static Bytes of(byte[] data, int off, int len) {
        return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, off, off + len));
    }

    /**
     * Takes {@code data} without copying. The caller promises never to change the array again.
     */
    public static Bytes wrap(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    /** The UTF-8 encoding of {@code s}. */
    public static Bytes utf8(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses lowercase or uppercase hex, ignoring whitespace. */
    public static Bytes fromHex(String hex) {
        return wrap(HEX.parseHex(hex.replaceAll("\\s+", "")));
    }

    /** The number of bytes. */
    public int length() {
        return data.length;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return data[index];
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** A read-only view of the content; no copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Copies the content into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(data, 0, dst, off, data.length);
    }

    /**
     * Copies {@code len} bytes from {@code from} into {@code dst} at {@code dstOff}: how a consumer
     * takes a byte string apart in pieces without copying all of it first.
     *
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    public void copyTo(int from, byte[] dst, int dstOff, int len) {
        System.arraycopy(data, from, dst, dstOff, len);
    }

    /** Writes {@code len} bytes from {@code from} to {@code out}, without an intermediate copy. */
    public void writeTo(java.io.ByteArrayOutputStream out, int from, int len) {
        out.write(data, from, len);
    }

    /** The content decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String toUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Lowercase hex of the content. */
    public String toHex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length <= 64) {
            return "Bytes[" + toHex() + "]";
        }
        return "Bytes[" + data.length + " bytes: " + HEX.formatHex(data, 0, 32) + "...]";
    }
}
