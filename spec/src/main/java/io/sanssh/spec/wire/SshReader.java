package io.sanssh.spec.wire;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SSH data types of RFC 4251 §5 from a bounded region of a byte array.
 *
 * <p>It never reads past its limit: every length is checked against what remains before any
 * allocation, so a hostile length costs nothing. Every malformation throws
 * {@link SshFormatException} with {@link DisconnectReason#PROTOCOL_ERROR}. Decoding is strict so
 * that re-encoding what was read gives back the same bytes: booleans must be 0 or 1, mpints
 * minimal, strings read as text valid UTF-8, name-lists printable US-ASCII without empty names.
 *
 * <p>Not thread-safe; a reader is a cursor over borrowed bytes, used for one message.
 */
public final class SshReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    /** A reader over all of {@code buf}. */
    public SshReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** A reader over {@code len} bytes of {@code buf} from {@code off}. */
    public SshReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("region " + off + "+" + len + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    /** A reader over the content of {@code bytes}. */
    public static SshReader of(Bytes bytes) {
        return new SshReader(bytes.toByteArray());
    }

    /** Bytes left to read. */
    public int remaining() {
        return limit - pos;
    }

    /** Whether any bytes are left. */
    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The absolute index of the next byte in the backing array. */
    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n > limit - pos) {
            throw new SshFormatException("truncated " + what + ": need " + n + " bytes, have " + (limit - pos));
        }
    }

    /** Reads a {@code byte} as a value in 0..255. */
    public int readByte() {
        need(1, "byte");
        return buf[pos++] & 0xff;
    }

    /** Reads a {@code boolean}; only 0 and 1 are accepted (RFC 4251 §5 forbids storing others). */
    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new SshFormatException("boolean value " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    /** Reads a {@code uint32} as its raw 32 bits (for identifiers compared by value). */
    public int readInt() {
        need(4, "uint32");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Reads a {@code uint32} as a non-negative long in 0..2^32-1. */
    public long readUint32() {
        return readInt() & 0xffffffffL;
    }

    /** Reads a {@code uint64} as its raw 64 bits. */
    public long readUint64() {
        need(8, "uint64");
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** Reads the length prefix of a {@code string} and checks it against what remains. */
    private int readLength(String what) {
        long len = readUint32();
        if (len > limit - pos) {
            throw new SshFormatException(what + " length " + len + " exceeds the " + (limit - pos) + " bytes left");
        }
        return (int) len;
    }

    /** Reads a {@code string} of arbitrary bytes. */
    public Bytes readString() {
        int len = readLength("string");
        Bytes b = Bytes.of(buf, pos, len);
        pos += len;
        return b;
    }

    /** Reads a {@code string} into a fresh array. */
    public byte[] readStringBytes() {
        int len = readLength("string");
        byte[] b = new byte[len];
        System.arraycopy(buf, pos, b, 0, len);
        pos += len;
        return b;
    }

    /**
     * Skips a {@code string} and returns the absolute offset of its content in the backing array;
     * its length is {@code position() - offset} afterwards. For zero-copy paths.
     */
    public int skipString() {
        int len = readLength("string");
        int start = pos;
        pos += len;
        return start;
    }

    /** Reads a {@code string} that must be valid UTF-8 text (RFC 4251 §5, ISO-10646 UTF-8). */
    public String readUtf8() {
        int len = readLength("string");
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(buf, pos, len));
            pos += len;
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new SshFormatException("string is not valid UTF-8");
        }
    }

    /** Reads a {@code string} that must be printable US-ASCII (algorithm and request names). */
    public String readAscii() {
        int len = readLength("string");
        for (int i = pos; i < pos + len; i++) {
            int c = buf[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                throw new SshFormatException("name contains byte 0x" + Integer.toHexString(c));
            }
        }
        String s = new String(buf, pos, len, StandardCharsets.US_ASCII);
        pos += len;
        return s;
    }

    /**
     * Reads an {@code mpint}: two's complement, big-endian, minimal (no needless leading 0x00 or
     * 0xff byte); zero is the empty string.
     */
    public BigInteger readMpint() {
        int len = readLength("mpint");
        if (len == 0) {
            return BigInteger.ZERO;
        }
        if (len > 1) {
            int b0 = buf[pos] & 0xff;
            int b1 = buf[pos + 1] & 0x80;
            if ((b0 == 0x00 && b1 == 0) || (b0 == 0xff && b1 != 0)) {
                throw new SshFormatException("mpint has a needless leading byte");
            }
        }
        if (len == 1 && buf[pos] == 0) {
            throw new SshFormatException("mpint zero must be encoded as an empty string");
        }
        BigInteger v = new BigInteger(buf, pos, len);
        pos += len;
        return v;
    }

    /**
     * Reads a {@code name-list}: comma-separated printable US-ASCII names, none empty, none with a
     * comma. The empty string is the empty list.
     */
    public List<String> readNameList() {
        String all = readAscii();
        List<String> names = new ArrayList<>();
        if (all.isEmpty()) {
            return List.of();
        }
        int start = 0;
        while (true) {
            int comma = all.indexOf(',', start);
            int end = comma < 0 ? all.length() : comma;
            if (end == start) {
                throw new SshFormatException("name-list has an empty name");
            }
            names.add(all.substring(start, end));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return List.copyOf(names);
    }

    /** Reads {@code n} raw bytes (fixed-size fields such as the KEXINIT cookie). */
    public Bytes readFixed(int n) {
        need(n, "fixed field");
        Bytes b = Bytes.of(buf, pos, n);
        pos += n;
        return b;
    }

    /** Reads everything that remains, as raw bytes. */
    public Bytes readRemaining() {
        Bytes b = Bytes.of(buf, pos, limit - pos);
        pos = limit;
        return b;
    }

    /** Checks that nothing remains; trailing bytes are a protocol error. */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw new SshFormatException(what + " has " + (limit - pos) + " trailing bytes");
        }
    }
}
