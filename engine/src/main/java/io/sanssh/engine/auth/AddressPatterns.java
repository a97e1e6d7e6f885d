package io.sanssh.engine.auth;

import java.util.List;
import java.util.Locale;

/**
 * The pattern lists of authorized_keys {@code from="..."} (sshd(8); PATTERNS in ssh_config(5)):
 * comma-separated patterns with {@code *} and {@code ?} wildcards, {@code !} to negate, and CIDR
 * {@code address/masklen} entries that match IP addresses. A client matches when a positive
 * pattern matches its host name or address and no negated one does.
 *
 * <p>Addresses are parsed here, without {@code InetAddress}, so that nothing can trigger a name
 * lookup: the engine does no I/O.
 */
final class AddressPatterns {
    private AddressPatterns() {
    }

    /**
     * Checks a {@code from} pattern list as the parser reads it.
     *
     * @return {@code null} if well-formed, else the reason it is not (an empty pattern, a bad CIDR
     *     entry, or one with host bits set)
     */
    static String problem(List<String> patterns) {
        if (patterns.isEmpty()) {
            return "empty from= pattern list";
        }
        for (String p : patterns) {
            String body = p.startsWith("!") ? p.substring(1) : p;
            if (body.isEmpty()) {
                return "empty pattern in from=";
            }
            int slash = body.indexOf('/');
            if (slash >= 0) {
                byte[] net = parseAddress(body.substring(0, slash));
                int len = parseMaskLength(body.substring(slash + 1), net == null ? 0 : net.length * 8);
                if (net == null || len < 0) {
                    return "bad CIDR entry '" + body + "' in from=";
                }
                if (!hostBitsZero(net, len)) {
                    return "CIDR entry '" + body + "' has host bits set";
                }
            }
        }
        return null;
    }

    /**
     * Whether a client with canonical name {@code host} (may be {@code null}) and IP
     * {@code address} matches {@code patterns}. Without an address nothing matches: a
     * {@code from=} restriction fails closed.
     */
    static boolean matches(List<String> patterns, String host, String address) {
        if (address == null) {
            return false;
        }
        byte[] ip = parseAddress(address);
        String lowerHost = host == null ? null : host.toLowerCase(Locale.ROOT);
        String lowerAddress = address.toLowerCase(Locale.ROOT);
        boolean positive = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String body = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            boolean hit;
            int slash = body.indexOf('/');
            if (slash >= 0) {
                hit = ip != null && inNetwork(ip, body.substring(0, slash), body.substring(slash + 1));
            } else {
                hit = glob(body, lowerAddress) || (lowerHost != null && glob(body, lowerHost));
            }
            if (hit && negated) {
                return false;
            }
            positive |= hit;
        }
        return positive;
    }

    /**
     * Matches {@code s} against the glob {@code pattern}: {@code *} any run of characters,
     * {@code ?} any one. Backtracks only to the last star, so the cost stays linear in practice.
     */
    static boolean glob(String pattern, String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean inNetwork(byte[] ip, String netText, String lenText) {
        byte[] net = parseAddress(netText);
        if (net == null || net.length != ip.length) {
            return false;
        }
        int len = parseMaskLength(lenText, net.length * 8);
        if (len < 0) {
            return false;
        }
        for (int bit = 0; bit < len; bit++) {
            int mask = 0x80 >>> (bit & 7);
            if ((ip[bit >>> 3] & mask) != (net[bit >>> 3] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostBitsZero(byte[] net, int len) {
        for (int bit = len; bit < net.length * 8; bit++) {
            if ((net[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int parseMaskLength(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int len = Integer.parseInt(text);
        return len <= max ? len : -1;
    }

    /**
     * An IPv4 ({@code a.b.c.d}) or IPv6 (RFC 4291 §2.2 text, {@code ::} and a dotted IPv4 tail
     * allowed) literal as 4 or 16 bytes; an IPv4-mapped IPv6 address gives its 4 IPv4 bytes.
     * Returns {@code null} for anything else, host names included.
     */
    static byte[] parseAddress(String text) {
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        byte[] v6 = parseIpv6(text);
        if (v6 == null) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if ((v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        return v6;
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String s = parts[i];
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(s);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(text) : gap == 0 ? new int[0] : groups(text.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : gap + 2 == text.length() ? new int[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >>> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            out[2 * at] = (byte) (tail[i] >>> 8);
            out[2 * at + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Colon-separated 16-bit groups; a dotted IPv4 address may end the list and counts as two. */
    private static int[] groups(String text) {
        String[] parts = text.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (i == parts.length - 1 && s.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(s);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else {
                if (s.isEmpty() || s.length() > 4) {
                    return null;
                }
                int v = 0;
                for (int k = 0; k < s.length(); k++) {
                    int d = Character.digit(s.charAt(k), 16);
                    if (d < 0) {
                        return null;
                    }
                    v = (v << 4) | d;
                }
                out[n++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
