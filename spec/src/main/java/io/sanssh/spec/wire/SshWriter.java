package io.sanssh.spec.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the SSH data types of RFC 4251 §5 into a growable buffer.
 *
 * <p>Writers refuse values that could not be read back ({@link IllegalArgumentException}): a
 * name containing a comma or a non-printable byte, an empty name in a name-list. That is local
 * misuse, not a peer fault. Not thread-safe.
 */
public final class SshWriter {
    private byte[] buf;
    private int size;

    /** A writer with a small initial capacity. */
    public SshWriter() {
        this(64);
    }

    /** A writer that will not reallocate before {@code capacity} bytes. */
    public SshWriter(int capacity) {
        buf = new byte[Math.max(capacity, 8)];
    }

    private void ensure(int extra) {
        if (extra > buf.length - size) {
            long want = Math.max((long) buf.length * 2, (long) size + extra);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("message too large");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** Writes a {@code byte} (the low 8 bits of {@code v}). */
    public SshWriter writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** Writes a {@code boolean} as 0 or 1. */
    public SshWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    /** Writes a {@code uint32} from the raw 32 bits of {@code v}. */
    public SshWriter writeInt(int v) {
        ensure(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
        return this;
    }

    /** Writes a {@code uint32}; {@code v} must be in 0..2^32-1. */
    public SshWriter writeUint32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("uint32 out of range: " + v);
        }
        return writeInt((int) v);
    }

    /** Writes a {@code uint64} from the raw 64 bits of {@code v}. */
    public SshWriter writeUint64(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    /** Writes a {@code string} of arbitrary bytes. */
    public SshWriter writeString(byte[] b) {
        return writeString(b, 0, b.length);
    }

    /** Writes {@code len} bytes of {@code b} from {@code off} as a {@code string}. */
    public SshWriter writeString(byte[] b, int off, int len) {
        writeInt(len);
        return writeRaw(b, off, len);
    }

    /** Writes a {@code string} of arbitrary bytes. */
    public SshWriter writeString(Bytes b) {
        writeInt(b.length());
        ensure(b.length());
        b.copyTo(buf, size);
        size += b.length();
        return this;
    }

    /** Writes text as a UTF-8 {@code string}. */
    public SshWriter writeUtf8(String s) {
        return writeString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a name as a US-ASCII {@code string}; it must be printable ASCII. */
    public SshWriter writeAscii(String s) {
        checkAscii(s);
        return writeString(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes an {@code mpint} in minimal two's complement form (zero is the empty string). */
    public SshWriter writeMpint(BigInteger v) {
        if (v.signum() == 0) {
            return writeInt(0);
        }
        return writeString(v.toByteArray());
    }

    /** Writes a {@code name-list}. Names must be non-empty printable ASCII without commas. */
    public SshWriter writeNameList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (n.isEmpty() || n.indexOf(',') >= 0) {
                throw new IllegalArgumentException("bad name in name-list: '" + n + "'");
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(n);
        }
        return writeAscii(sb.toString());
    }

    /** Writes bytes as they are, with no length prefix. */
    public SshWriter writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Writes bytes as they are, with no length prefix. */
    public SshWriter writeRaw(Bytes b) {
        ensure(b.length());
        b.copyTo(buf, size);
        size += b.length();
        return this;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** What was written, as immutable bytes. */
    public Bytes toBytes() {
        return Bytes.wrap(toByteArray());
    }

    private static void checkAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("name has a non-printable or non-ASCII char: " + (int) c);
            }
        }
    }
}
