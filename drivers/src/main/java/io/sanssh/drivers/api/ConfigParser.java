package io.sanssh.drivers.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the text of an OpenSSH client configuration into {@link Entry entries}, in file order, with
 * every {@code Include} read in place: ssh_config(5) lets an include sit inside a {@code Host} or
 * {@code Match} section, where it applies only if that section does, so whether its lines count is
 * decided when the entries are evaluated, not here. Includes are read even inside sections that
 * will not match, so a broken file is reported whatever the host, as ssh does.
 */
final class ConfigParser {
    /** One element of a parsed file. */
    sealed interface Entry {
    }

    /** {@code keyword value}: keyword lowercase, value words joined by one space. */
    record Option(String keyword, String value) implements Entry {
    }

    /** A {@code Host} or {@code Match} line: a new section starts. */
    record Section(ConfigCondition condition) implements Entry {
    }

    /**
     * The files one {@code Include} line named, in lexical order of their names, each as its own
     * list: a section started in one file ends with that file.
     */
    record Included(List<List<Entry>> files) implements Entry {
    }

    private final Path home;
    private final List<String> warnings = new ArrayList<>();

    /** A parser whose {@code Include} paths resolve against {@code home} and {@code home/.ssh}. */
    ConfigParser(Path home) {
        this.home = home;
    }

    /** What was skipped or not evaluated, one line each, naming its file and line. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Parses {@code text}, read from {@code file} ({@code null} for text given directly), at
     * include depth {@code depth} (0 for the top file).
     *
     * @throws OpenSshConfigException for a line ssh would refuse
     * @throws IOException if an included file exists but cannot be read
     */
    List<Entry> parse(String text, Path file, int depth) throws IOException {
        List<Entry> entries = new ArrayList<>();
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
                throw new OpenSshConfigException(file, n, "'" + keyword + "' needs a value");
            }
            List<String> words = words(rest, file, n);
            String where = (file == null ? "" : file + " ") + "line " + n;
            switch (keyword) {
                case "host" -> entries.add(new Section(new ConfigCondition.Host(List.copyOf(words))));
                case "match" -> {
                    try {
                        entries.add(new Section(ConfigCondition.parseMatch(words, w -> warnings.add(where + ": " + w))));
                    } catch (IllegalArgumentException e) {
                        throw new OpenSshConfigException(file, n, e.getMessage());
                    }
                }
                case "include" -> {
                    if (depth >= OpenSshConfig.MAX_INCLUDE_DEPTH) {
                        throw new OpenSshConfigException(file, n, "Include nested more than "
                                + OpenSshConfig.MAX_INCLUDE_DEPTH + " deep (a file including itself?)");
                    }
                    List<List<Entry>> included = new ArrayList<>();
                    for (String pattern : words) {
                        for (Path f : IncludeFiles.expand(pattern, home)) {
                            included.add(parse(Files.readString(f, StandardCharsets.UTF_8), f, depth + 1));
                        }
                    }
                    entries.add(new Included(List.copyOf(included)));
                }
                default -> entries.add(new Option(keyword, String.join(" ", words)));
            }
        }
        return entries;
    }

    /** Splits a value into words: whitespace separates, double quotes group. */
    private static List<String> words(String s, Path file, int line) {
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
            throw new OpenSshConfigException(file, line, "unclosed quote");
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
