package io.sanssh.engine.auth;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the options field of an authorized_keys line (sshd(8), AUTHORIZED_KEYS FILE FORMAT):
 * comma-separated options, names case-insensitive, values in double quotes where a quote is
 * written {@code \"}. Options apply left to right, so {@code restrict,pty} permits a pty and
 * {@code pty,restrict} does not. Anything it does not understand makes the whole line invalid, as
 * in sshd: an unknown option might have been a restriction.
 */
final class KeyOptionsParser {
    private KeyOptionsParser() {
    }

    /**
     * Where the options field of {@code line} ends: the first space or tab outside double quotes.
     *
     * @return that index (or the line's length), or -1 if a quote is never closed
     */
    static int fieldEnd(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return i;
            }
        }
        return quoted ? -1 : line.length();
    }

    /**
     * Parses an options field.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    static KeyOptions parse(String field) {
        KeyOptions.Builder b = new KeyOptions.Builder();
        int i = 0;
        while (true) {
            int nameEnd = i;
            while (nameEnd < field.length() && field.charAt(nameEnd) != '=' && field.charAt(nameEnd) != ',') {
                nameEnd++;
            }
            String name = field.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty option at column " + (i + 1));
            }
            String value = null;
            i = nameEnd;
            if (i < field.length() && field.charAt(i) == '=') {
                if (i + 1 >= field.length() || field.charAt(i + 1) != '"') {
                    throw new IllegalArgumentException("option " + name + ": value must be in double quotes");
                }
                StringBuilder v = new StringBuilder();
                i += 2;
                while (i < field.length() && field.charAt(i) != '"') {
                    if (field.charAt(i) == '\\' && i + 1 < field.length() && field.charAt(i + 1) == '"') {
                        i++;
                    }
                    v.append(field.charAt(i++));
                }
                if (i >= field.length()) {
                    throw new IllegalArgumentException("option " + name + ": missing end quote");
                }
                i++;
                value = v.toString();
            }
            apply(b, name, value);
            if (i == field.length()) {
                return b.build();
            }
            if (field.charAt(i) != ',') {
                throw new IllegalArgumentException("option " + name + ": unexpected '" + field.charAt(i) + "'");
            }
            i++;
        }
    }

    private static void apply(KeyOptions.Builder b, String name, String value) {
        switch (name) {
            case "agent-forwarding" -> b.agentForwarding = flag(name, value, true);
            case "no-agent-forwarding" -> b.agentForwarding = flag(name, value, false);
            case "port-forwarding" -> b.portForwarding = flag(name, value, true);
            case "no-port-forwarding" -> b.portForwarding = flag(name, value, false);
            case "pty" -> b.pty = flag(name, value, true);
            case "no-pty" -> b.pty = flag(name, value, false);
            case "user-rc" -> b.userRc = flag(name, value, true);
            case "no-user-rc" -> b.userRc = flag(name, value, false);
            case "x11-forwarding" -> b.x11Forwarding = flag(name, value, true);
            case "no-x11-forwarding" -> b.x11Forwarding = flag(name, value, false);
            case "cert-authority" -> b.certAuthority = flag(name, value, true);
            case "restrict" -> {
                flag(name, value, true);
                b.restrict();
            }
            // Only meaningful for FIDO keys, which Sanssh does not accept: nothing to enforce.
            case "no-touch-required", "verify-required" -> flag(name, value, true);
            case "command" -> b.command = once(name, b.command, required(name, value));
            case "tunnel" -> b.tunnel = once(name, b.tunnel, tunnel(required(name, value)));
            case "environment" -> b.environment.add(environment(required(name, value)));
            case "from" -> {
                if (!b.from.isEmpty()) {
                    throw new IllegalArgumentException("more than one from= option");
                }
                List<String> patterns = Arrays.asList(required(name, value).split(",", -1));
                String problem = AddressPatterns.problem(patterns);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                b.from = patterns;
            }
            case "principals" -> {
                if (!b.principals.isEmpty()) {
                    throw new IllegalArgumentException("more than one principals= option");
                }
                List<String> names = Arrays.asList(required(name, value).split(",", -1));
                if (names.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("empty name in principals=");
                }
                b.principals = names;
            }
            case "permitopen" -> b.permitOpen.add(hostPort(name, required(name, value), true));
            case "permitlisten" -> b.permitListen.add(hostPort(name, required(name, value), false));
            case "expiry-time" -> {
                long t = expiryTime(required(name, value));
                b.expiresAt = b.expiresAt == null ? t : Math.min(b.expiresAt, t);
            }
            default -> throw new IllegalArgumentException("unsupported option " + name);
        }
    }

    private static boolean flag(String name, String value, boolean setting) {
        if (value != null) {
            throw new IllegalArgumentException("option " + name + " takes no value");
        }
        return setting;
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " needs a value");
        }
        return value;
    }

    private static String once(String name, String previous, String value) {
        if (previous != null) {
            throw new IllegalArgumentException("more than one " + name + "= option");
        }
        return value;
    }

    private static String tunnel(String value) {
        if (!value.equals("any") && (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("tunnel= needs a device number");
        }
        return value;
    }

    private static String environment(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || !value.substring(0, eq).chars().allMatch(KeyOptionsParser::nameChar)) {
            throw new IllegalArgumentException("environment= needs NAME=value");
        }
        return value;
    }

    private static boolean nameChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code host:port} (permitopen) or {@code [host:]port} (permitlisten); IPv6 hosts in brackets. */
    private static String hostPort(String name, String value, boolean hostRequired) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                throw new IllegalArgumentException(name + "=\"" + value + "\": bad bracketed host");
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
        } else {
            int colon = value.indexOf(':');
            if (colon != value.lastIndexOf(':')) {
                throw new IllegalArgumentException(name + "=\"" + value + "\": IPv6 hosts need brackets");
            }
            host = colon < 0 ? null : value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        if ((host == null && hostRequired) || (host != null && host.isEmpty())) {
            throw new IllegalArgumentException(name + "=\"" + value + "\": missing host");
        }
        if (!port.equals("*")) {
            boolean digits = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(name + "=\"" + value + "\": bad port");
            }
        }
        return value;
    }

    /**
     * {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]} as epoch seconds. sshd reads a time without
     * {@code Z} in the system time zone; the engine has no time zone, so it reads every time as UTC.
     */
    private static long expiryTime(String value) {
        String t = value.endsWith("Z") || value.endsWith("z") ? value.substring(0, value.length() - 1) : value;
        if (!t.chars().allMatch(c -> c >= '0' && c <= '9') || (t.length() != 8 && t.length() != 12 && t.length() != 14)) {
            throw new IllegalArgumentException("expiry-time=\"" + value + "\": not YYYYMMDD[HHMM[SS]][Z]");
        }
        try {
            LocalDateTime when = LocalDateTime.of(num(t, 0, 4), num(t, 4, 6), num(t, 6, 8),
                    t.length() > 8 ? num(t, 8, 10) : 0, t.length() > 8 ? num(t, 10, 12) : 0,
                    t.length() > 12 ? num(t, 12, 14) : 0);
            return when.toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("expiry-time=\"" + value + "\": " + e.getMessage());
        }
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
