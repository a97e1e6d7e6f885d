package io.sanssh.spec.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string with value equality: the type of every {@code string} field that
 * holds binary data in a message record.
 *
 * <p>Records cannot hold a {@code byte[]} and stay immutable or comparable; this class can.
 * {@link #of} copies; {@link #wrap} takes ownership without copying, for decoders and the engine,
 * which never touch the array again. A byte string may be a range of a larger array
 * ({@link #wrap(byte[], int, int)}): a decoder that owns a whole packet hands out its bulk field
 * without copying it.
 */
public final class Bytes {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;
    private final int off;
    private final int len;

    private Bytes(byte[] data) {
        this(data, 0, data.length);
    }

    private Bytes(byte[] data, int off, int len) {
        this.data = data;
        this.off = off;
        this.len = len;
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

    /**
     * Takes the {@code len} bytes of {@code data} from {@code off} without copying. The caller
     * promises never to change that range again (the rest of the array is not looked at).
     *
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public static Bytes wrap(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        return len == 0 ? EMPTY : new Bytes(data, off, len);
    }

    /**
     * The array these bytes are a range of, not a copy: only for whoever made them with {@link
     * #wrap} and takes the array back to reuse it once nobody reads these bytes any more (the
     * engine's {@code SshConnection.recycle}). Everyone else must neither keep nor change it.
     */
    public byte[] backingArrayForRecycling() {
        return data;
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
        return len;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        Objects.checkIndex(index, len);
        return data[off + index];
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, off, off + len);
    }

    /** A read-only view of the content; no copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data, off, len).slice().asReadOnlyBuffer();
    }

    /** Copies the content into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(data, this.off, dst, off, len);
    }

    /**
     * Copies {@code len} bytes from {@code from} into {@code dst} at {@code dstOff}: how a consumer
     * takes a byte string apart in pieces without copying all of it first.
     *
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    public void copyTo(int from, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(from, len, this.len);
        System.arraycopy(data, off + from, dst, dstOff, len);
    }

    /** Writes {@code len} bytes from {@code from} to {@code out}, without an intermediate copy. */
    public void writeTo(java.io.ByteArrayOutputStream out, int from, int len) {
        Objects.checkFromIndexSize(from, len, this.len);
        out.write(data, off + from, len);
    }

    /** The content decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String toUtf8() {
        return new String(data, off, len, StandardCharsets.UTF_8);
    }

    /** Lowercase hex of the content. */
    public String toHex() {
        return HEX.formatHex(data, off, off + len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other
                && Arrays.equals(data, off, off + len, other.data, other.off, other.off + other.len);
    }

    @Override
    public int hashCode() {
        // the same value as Arrays.hashCode of the content alone
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }

    @Override
    public String toString() {
        if (len <= 64) {
            return "Bytes[" + toHex() + "]";
        }
        return "Bytes[" + len + " bytes: " + HEX.formatHex(data, off, off + 32) + "...]";
    }
}
