package io.sanssh.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One jump host of {@code -J} / {@code ProxyJump}: {@code [USER@]HOST[:PORT]}, with
 * {@code [v6addr]:PORT} for IPv6 literals.
 *
 * @param user the user, or {@code null} for the local user
 * @param host the host name or address
 * @param port the port, or {@code null} if not given (the config's Port for that host, else 22)
 */
record Jump(String user, String host, Integer port) {
    /** Parses a comma-separated list, in the order to connect; {@code null} and {@code none} give none. */
    static List<Jump> parseList(String spec) throws UsageException {
        List<Jump> out = new ArrayList<>();
        if (spec == null || spec.equals("none")) {
            return out;
        }
        for (String one : spec.split(",")) {
            out.add(parse(one.strip()));
        }
        return out;
    }

    static Jump parse(String s) throws UsageException {
        if (s.startsWith("ssh://")) {
            s = s.substring("ssh://".length());
        }
        int at = s.lastIndexOf('@');
        String user = at >= 0 ? s.substring(0, at) : null;
        String hostPort = s.substring(at + 1);
        String host = hostPort;
        Integer port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new UsageException("bad jump host '" + s + "'");
            }
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 1) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new UsageException("bad jump host '" + s + "'");
                }
                port = ClientSettings.port(hostPort.substring(close + 2));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0 && hostPort.indexOf(':') == colon) {
                host = hostPort.substring(0, colon);
                port = ClientSettings.port(hostPort.substring(colon + 1));
            }
        }
        if (host.isEmpty() || (user != null && user.isEmpty())) {
            throw new UsageException("bad jump host '" + s + "'");
        }
        return new Jump(user, host, port);
    }
}
