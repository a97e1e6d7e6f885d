package io.sanssh.engine.transport;

import io.sanssh.engine.Role;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound half of the protocol version exchange (RFC 4253 §4.2): reads the peer's
 * identification line, and for the client role the other lines a server may send before it.
 *
 * <p>Bounded: the version line may be at most 255 bytes including CR LF; pre-version lines (server
 * to client only) at most {@link #MAX_BANNER_LINE} bytes each and {@link #MAX_BANNER_LINES} in
 * all. Only "SSH-2.0-" and the compatible "SSH-1.99-" are accepted. A lone LF ends a line too,
 * as many implementations send it.
 */
public final class VersionExchange {
    /** RFC 4253 §4.2: the identification line, CR LF included, is at most 255 bytes. */
    public static final int MAX_VERSION_LINE = 255;
    /** Longest pre-version line we accept from a server. */
    public static final int MAX_BANNER_LINE = 1024;
    /** Most pre-version lines we accept from a server. */
    public static final int MAX_BANNER_LINES = 1024;

    private final Role role;
    /** The line being read; dropped once the identification line is in, as nothing reads it after. */
    private byte[] line = new byte[MAX_BANNER_LINE];
    private int lineLength;
    private int bannerLines;
    private final List<String> banner = new ArrayList<>();
    private String peerVersion;

    /** A reader for the peer of an engine playing {@code role}. */
    public VersionExchange(Role role) {
        this.role = role;
    }

    /** Our identification line without CR LF, e.g. {@code SSH-2.0-Sanssh_0.1}. */
    public static String identification(String softwareVersion, String comment) {
        String v = "SSH-2.0-" + softwareVersion + (comment == null || comment.isEmpty() ? "" : " " + comment);
        if (v.length() + 2 > MAX_VERSION_LINE || softwareVersion.contains(" ") || softwareVersion.contains("-")) {
            throw new IllegalArgumentException("bad software version: " + softwareVersion);
        }
        return v;
    }

    /** Whether the peer's identification line has been read. */
    public boolean done() {
        return peerVersion != null;
    }

    /** The peer's identification line without CR LF; {@code null} until {@link #done()}. */
    public String peerVersion() {
        return peerVersion;
    }

    /** The lines a server sent before its identification line (client role). */
    public List<String> bannerLines() {
        return List.copyOf(banner);
    }

    /**
     * Consumes bytes up to and including the end of the identification line, and no further.
     *
     * @return how many bytes of {@code buf[off..off+len)} were consumed
     * @throws SshFormatException with PROTOCOL_ERROR for an over-long or malformed line, or
     *     PROTOCOL_VERSION_NOT_SUPPORTED for another protocol version
     */
    public int consume(byte[] buf, int off, int len) {
        int i = 0;
        while (i < len && peerVersion == null) {
            byte b = buf[off + i++];
            if (b == '\n') {
                endOfLine();
                continue;
            }
            int max = isVersionSoFar() ? MAX_VERSION_LINE - 1 : MAX_BANNER_LINE;
            if (lineLength >= max) {
                throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                        "identification line longer than " + (max + 1) + " bytes");
            }
            line[lineLength++] = b;
            if (role == Role.SERVER && lineLength <= 4 && line[lineLength - 1] != "SSH-".charAt(lineLength - 1)) {
                throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                        "client sent something other than an SSH identification line");
            }
        }
        return i;
    }

    private boolean isVersionSoFar() {
        int n = Math.min(lineLength, 4);
        for (int k = 0; k < n; k++) {
            if (line[k] != "SSH-".charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void endOfLine() {
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        String s = new String(line, 0, n, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        if (s.startsWith("SSH-")) {
            if (s.indexOf('\0') >= 0) {
                throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "identification line contains NUL");
            }
            if (!(s.startsWith("SSH-2.0-") || s.startsWith("SSH-1.99-"))) {
                throw new SshFormatException(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED,
                        "unsupported protocol version: " + s);
            }
            peerVersion = s;
            line = null;
            return;
        }
        if (role == Role.SERVER) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "client sent a line before its identification");
        }
        if (++bannerLines > MAX_BANNER_LINES) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "too many lines before the identification line");
        }
        banner.add(s);
    }
}
