package io.sanssh.drivers.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code ~/.ssh/config} that apply to one host, from {@link OpenSshConfig#forHost}:
 * keyword (lowercase) to its first value ({@code IdentityFile}: every value, in order).
 *
 * @param alias the host as typed
 * @param values keyword to values, in the order first seen
 */
public record HostConfig(String alias, Map<String, List<String>> values) {
    public HostConfig {
        values = Map.copyOf(values);
    }

    /** The first value of {@code keyword} (any case), or {@code null}. */
    public String get(String keyword) {
        List<String> v = values.get(keyword.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** {@code HostName} with {@code %h} replaced by the alias, or the alias itself. */
    public String hostName() {
        String h = get("hostname");
        return h == null ? alias : h.replace("%h", alias);
    }

    /**
     * {@code IdentityFile} paths with {@code ~} and the tokens {@code %d} (home), {@code %u}
     * (local user), {@code %h} (remote host name), {@code %r} (remote user) and {@code %%} expanded.
     */
    public List<Path> identityFiles(String localUser, String remoteUser) {
        List<Path> out = new ArrayList<>();
        String home = System.getProperty("user.home");
        for (String f : values.getOrDefault("identityfile", List.of())) {
            if (f.equalsIgnoreCase("none")) {
                continue;
            }
            String e = expandTokens(f, home, localUser, hostName(), remoteUser);
            out.add(e.equals("~") ? Path.of(home) : e.startsWith("~/") ? Path.of(home, e.substring(2)) : Path.of(e));
        }
        return out;
    }

    /** Replaces ssh_config(5) TOKENS {@code %d %u %h %r %%}; other tokens are left as they are. */
    static String expandTokens(String s, String home, String localUser, String host, String remoteUser) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char t = s.charAt(++i);
            switch (t) {
                case 'd' -> b.append(home);
                case 'u' -> b.append(localUser);
                case 'h' -> b.append(host);
                case 'r' -> b.append(remoteUser);
                case '%' -> b.append('%');
                default -> b.append('%').append(t);
            }
        }
        return b.toString();
    }
}
