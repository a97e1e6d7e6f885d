package io.sanssh.engine.kex.method;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The few SSH encodings (RFC 4251 §5) the key agreements produce, and the one error they throw.
 */
final class Encoding {
    private Encoding() {
    }

    /** A key exchange failure to report to the peer (RFC 4253 §11.1, reason 3). */
    static SshFormatException failed(String message) {
        return new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED, message);
    }

    /** A fresh digest; every JDK has the four that key exchange uses. */
    static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest " + name, e);
        }
    }

    /** The unsigned big-endian magnitude of a non-negative value, without a sign byte. */
    static byte[] magnitude(BigInteger value) {
        byte[] b = value.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }

    /**
     * An {@code mpint} with its length prefix, from an unsigned big-endian magnitude of any length
     * (leading zero bytes are dropped, a sign byte added when the top bit is set).
     */
    static byte[] mpint(byte[] magnitude) {
        int start = 0;
        while (start < magnitude.length && magnitude[start] == 0) {
            start++;
        }
        int len = magnitude.length - start;
        boolean pad = len > 0 && (magnitude[start] & 0x80) != 0;
        int total = len + (pad ? 1 : 0);
        byte[] out = new byte[4 + total];
        putInt(out, 0, total);
        System.arraycopy(magnitude, start, out, 4 + (pad ? 1 : 0), len);
        return out;
    }

    /** An {@code mpint} with its length prefix, from a non-negative value. */
    static byte[] mpint(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        return mpint(magnitude(value));
    }

    /** A {@code string} with its length prefix. */
    static byte[] string(byte[] content) {
        byte[] out = new byte[4 + content.length];
        putInt(out, 0, content.length);
        System.arraycopy(content, 0, out, 4, content.length);
        return out;
    }

    /** {@code a || b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code value} as a fixed-length unsigned big-endian number of {@code length} bytes. */
    static byte[] fixedLength(BigInteger value, int length) {
        byte[] mag = magnitude(value);
        if (mag.length > length) {
            throw new IllegalArgumentException("value needs " + mag.length + " bytes, not " + length);
        }
        byte[] out = new byte[length];
        System.arraycopy(mag, 0, out, length - mag.length, mag.length);
        return out;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
