package io.sanssh.drivers.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A subset of OpenSSH's client configuration file, {@code ~/.ssh/config} (ssh_config(5)): lines of
 * {@code Keyword value} or {@code Keyword=value}, {@code #} comments, double quotes around values
 * with spaces, and {@code Host} sections whose patterns use {@code *}, {@code ?} and {@code !}
 * negation. {@link #forHost} gathers the options for one host as ssh does: sections are read top
 * to bottom and the first value obtained for each keyword wins ({@code IdentityFile} accumulates).
 *
 * <p>{@code Match} sections other than {@code Match all} are skipped (treated as not matching), and
 * {@code Include} is ignored; both are reported by {@link #warnings()}. Keywords are not checked
 * here: the caller decides which it understands.
 */
public final class OpenSshConfig {
    /** One {@code Host} section (or the lines before the first, with {@code patterns} {@code ["*"]}). */
    private record Section(List<String> patterns, List<String[]> lines) {
    }

    private final List<Section> sections;
    private final List<String> warnings;

    private OpenSshConfig(List<Section> sections, List<String> warnings) {
        this.sections = sections;
        this.warnings = warnings;
    }

    /** An empty configuration (as {@code ssh -F none}). */
    public static OpenSshConfig empty() {
        return new OpenSshConfig(List.of(), List.of());
    }

    /** Reads and parses {@code file}. */
    public static OpenSshConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses configuration text.
     *
     * @throws IllegalArgumentException for a line without a value or with an unclosed quote, naming the line
     */
    public static OpenSshConfig parse(String text) {
        List<Section> sections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Section current = new Section(List.of("*"), new ArrayList<>());
        sections.add(current);
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int cut = 0;
            while (cut < line.length() && !Character.isWhitespace(line.charAt(cut)) && line.charAt(cut) != '=') {
                cut++;
            }
            String keyword = line.substring(0, cut).toLowerCase(Locale.ROOT);
            String rest = line.substring(cut).strip();
            if (rest.startsWith("=")) {
                rest = rest.substring(1).strip();
            }
            if (keyword.isEmpty() || rest.isEmpty()) {
                throw new IllegalArgumentException("line " + n + ": '" + keyword + "' needs a value");
            }
            List<String> words = words(rest, n);
            switch (keyword) {
                case "host" -> {
                    current = new Section(words, new ArrayList<>());
                    sections.add(current);
                }
                case "match" -> {
                    boolean all = words.size() == 1 && words.get(0).equalsIgnoreCase("all");
                    if (!all) {
                        warnings.add("line " + n + ": Match " + rest + " is not supported; its section is skipped");
                    }
                    current = new Section(all ? List.of("*") : List.of(), new ArrayList<>());
                    sections.add(current);
                }
                case "include" -> warnings.add("line " + n + ": Include is not supported; ignored");
                default -> current.lines().add(new String[] {keyword, String.join(" ", words)});
            }
        }
        return new OpenSshConfig(sections, List.copyOf(warnings));
    }

    /** Splits a value into words: whitespace separates, double quotes group. */
    private static List<String> words(String s, int line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": unclosed quote");
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    /** What the parser skipped ({@code Match}, {@code Include}), one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The options that apply to {@code alias} (the host as typed, before {@code HostName}), first
     * value per keyword, {@code IdentityFile} values in order.
     */
    public HostConfig forHost(String alias) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Section s : sections) {
            if (!matches(s.patterns(), alias)) {
                continue;
            }
            for (String[] kv : s.lines()) {
                List<String> v = values.computeIfAbsent(kv[0], k -> new ArrayList<>());
                if (v.isEmpty() || kv[0].equals("identityfile")) {
                    v.add(kv[1]);
                }
            }
        }
        return new HostConfig(alias, values);
    }

    /**
     * ssh_config(5) PATTERNS: the host matches when one pattern matches it and no negated pattern
     * ({@code !pattern}) does. Case-insensitive.
     */
    static boolean matches(List<String> patterns, String host) {
        boolean any = false;
        String h = host.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (glob(glob, 0, h, 0)) {
                if (negated) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
