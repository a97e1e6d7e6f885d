package io.sanssh.spec.wire;

import java.util.List;
import java.util.Objects;

/**
 * Argument checks for message records, shared by every family. A record whose fields pass them
 * can always be encoded, and decoding its encoding gives it back. A violation is local misuse
 * ({@link IllegalArgumentException} or {@link NullPointerException}), never a peer fault: decoders
 * reject bad peer input with {@link SshFormatException} before a record is built.
 */
public final class FieldChecks {
    private FieldChecks() {
    }

    /** Text for a UTF-8 {@code string}: non-null and without unpaired surrogates (RFC 4251 §5). */
    public static String utf8(String s, String what) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException(what + " has an unpaired surrogate at " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate at " + i);
            }
        }
        return s;
    }

    /** A name sent as a US-ASCII {@code string}: printable ASCII, space allowed. */
    public static String ascii(String s, String what) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " has a non-printable or non-ASCII char " + (int) c);
            }
        }
        return s;
    }

    /** An immutable copy of a {@code name-list}: names non-empty printable ASCII without commas. */
    public static List<String> nameList(List<String> names, String what) {
        List<String> copy = List.copyOf(Objects.requireNonNull(names, what));
        for (String n : copy) {
            ascii(n, what);
            if (n.isEmpty() || n.indexOf(',') >= 0) {
                throw new IllegalArgumentException(what + " has an empty name or a comma: '" + n + "'");
            }
        }
        return copy;
    }

    /** A value for a {@code uint32} field held in a long: 0..2^32-1. */
    public static long uint32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " out of uint32 range: " + v);
        }
        return v;
    }
}
