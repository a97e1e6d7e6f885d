package io.sanssh.spec.algorithm;

import io.sanssh.spec.wire.SshFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The identification string each side sends first, in clear, before any binary packet
 * (RFC 4253 §4.2): {@code SSH-protoversion-softwareversion SP comments CR LF}.
 *
 * <p>The record holds the three parts. {@code comments} is empty when the line has none. Parsing
 * keeps the bytes of {@code comments} as ISO-8859-1 characters, so any byte other than NUL, CR and
 * LF survives; the exchange hash must still use the raw line as received (RFC 4253 §8: V_C, V_S),
 * never {@link #toLine()}.
 *
 * @param protoVersion "2.0", or "1.99" for a server that also speaks SSH-1 (RFC 4253 §5.1)
 * @param softwareVersion printable US-ASCII without whitespace or '-'
 * @param comments free text after a single space, or empty for none
 */
public record ProtocolVersion(String protoVersion, String softwareVersion, String comments) {
    /** The start of every identification line: lines before it are not part of the protocol. */
    public static final String LINE_PREFIX = "SSH-";

    /** The start of the identification line this library sends (RFC 4253 §4.2). */
    public static final String PREFIX = "SSH-2.0-";

    /** The longest identification line, counting the final CR LF (RFC 4253 §4.2). */
    public static final int MAX_LINE_LENGTH = 255;

    /** The protocol version this library speaks. */
    public static final String SSH2 = "2.0";

    /** The version a server announces when it speaks both SSH-1 and SSH-2 (RFC 4253 §5.1). */
    public static final String SSH1_COMPAT = "1.99";

    /**
     * Checks the parts: the version fields must be non-empty printable US-ASCII without '-' or
     * whitespace, the comments free of NUL, CR and LF and within ISO-8859-1 (RFC 4253 §4.2).
     *
     * @throws IllegalArgumentException if a part could not appear in a valid line
     */
    public ProtocolVersion {
        checkToken(protoVersion, "protoversion");
        checkToken(softwareVersion, "softwareversion");
        Objects.requireNonNull(comments, "comments");
        for (int i = 0; i < comments.length(); i++) {
            char c = comments.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c > 0xff) {
                throw new IllegalArgumentException("comments contain char " + (int) c);
            }
        }
    }

    /**
     * Our own identification: {@code SSH-2.0-softwareVersion[ comments]}. Call once when building
     * the connection's first output.
     */
    public static ProtocolVersion ssh2(String softwareVersion, String comments) {
        return new ProtocolVersion(SSH2, softwareVersion, comments);
    }

    /** The line without its CR LF: what the peer logs and what we hash when we sent it. */
    public String toLine() {
        String base = LINE_PREFIX + protoVersion + "-" + softwareVersion;
        return comments.isEmpty() ? base : base + " " + comments;
    }

    /**
     * The bytes to send: the line and CR LF (RFC 4253 §4.2).
     *
     * @throws IllegalArgumentException if that is longer than {@link #MAX_LINE_LENGTH}
     */
    public byte[] encode() {
        byte[] line = toLine().getBytes(StandardCharsets.ISO_8859_1);
        if (line.length + 2 > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("identification line of " + (line.length + 2) + " bytes");
        }
        byte[] out = new byte[line.length + 2];
        System.arraycopy(line, 0, out, 0, line.length);
        out[line.length] = '\r';
        out[line.length + 1] = '\n';
        return out;
    }

    /**
     * Whether this side can speak SSH-2 with us: "2.0", or "1.99" (RFC 4253 §5.1). When false, the
     * engine disconnects with {@code PROTOCOL_VERSION_NOT_SUPPORTED}.
     */
    public boolean isSsh2Compatible() {
        return SSH2.equals(protoVersion) || SSH1_COMPAT.equals(protoVersion);
    }

    /**
     * Whether a line received before the identification is the identification itself (starts with
     * "SSH-"). A client skips the lines for which this is false (RFC 4253 §4.2); a server may not
     * receive any.
     *
     * @param line the bytes of one line without its terminator
     */
    public static boolean isIdentification(byte[] line) {
        return line.length >= 4 && line[0] == 'S' && line[1] == 'S' && line[2] == 'H' && line[3] == '-';
    }

    /**
     * Parses the peer's identification line. Call with the bytes before the terminating CR LF (or
     * before a lone LF, which OpenSSH also accepts). Does not judge the version: see
     * {@link #isSsh2Compatible()}.
     *
     * @throws SshFormatException if the line is longer than 255 bytes with its CR LF, contains NUL,
     *     CR or LF, lacks the "SSH-" prefix, or has an empty or invalid version field
     */
    public static ProtocolVersion parse(byte[] line) {
        if (line.length + 2 > MAX_LINE_LENGTH) {
            throw new SshFormatException("identification line of " + (line.length + 2) + " bytes exceeds 255");
        }
        if (!isIdentification(line)) {
            throw new SshFormatException("identification line does not start with SSH-");
        }
        for (byte b : line) {
            if (b == 0 || b == '\r' || b == '\n') {
                throw new SshFormatException("identification line contains byte " + b);
            }
        }
        String s = new String(line, StandardCharsets.ISO_8859_1);
        int dash = s.indexOf('-', LINE_PREFIX.length());
        if (dash < 0) {
            throw new SshFormatException("identification line has no softwareversion");
        }
        int space = s.indexOf(' ', dash + 1);
        String proto = s.substring(LINE_PREFIX.length(), dash);
        String software = space < 0 ? s.substring(dash + 1) : s.substring(dash + 1, space);
        String comments = space < 0 ? "" : s.substring(space + 1);
        if (!isToken(proto) || !isToken(software)) {
            throw new SshFormatException("identification line has an invalid version field");
        }
        return new ProtocolVersion(proto, software, comments);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '-') {
                return false;
            }
        }
        return true;
    }

    private static void checkToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " must be printable US-ASCII without '-' or space: '" + s + "'");
        }
    }
}
