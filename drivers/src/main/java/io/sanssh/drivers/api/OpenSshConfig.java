package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subset of OpenSSH's client configuration file, {@code ~/.ssh/config} (ssh_config(5)): lines of
 * {@code Keyword value} or {@code Keyword=value}, {@code #} comments, double quotes around values
 * with spaces, {@code Host} sections whose patterns use {@code *}, {@code ?} and {@code !}
 * negation, {@code Match} sections (see {@link ConfigCondition} for the criteria evaluated), and
 * {@code Include} (relative paths under {@code ~/.ssh}, glob patterns, at most {@link
 * #MAX_INCLUDE_DEPTH} levels). {@link #forHost} gathers the options for one host as ssh does: the
 * file is read top to bottom, each section's condition is tested when it is reached (a {@code Match
 * host} sees the {@code HostName} obtained so far), and the first value obtained for each keyword
 * wins ({@code IdentityFile} accumulates). If any {@code Match} line names {@code final}, or the
 * first reading set {@code CanonicalizeHostname} to {@code yes} or {@code always}, the file is read
 * a second, final time, as ssh does, against the host name the first reading settled on; Sanssh
 * itself canonicalizes no host name, so that name is never rewritten. Keywords are not checked
 * here: the caller decides which it understands.
 */
public final class OpenSshConfig {
    /** How deep {@code Include} may nest, as in OpenSSH. */
    public static final int MAX_INCLUDE_DEPTH = 16;

    private final List<ConfigParser.Entry> entries;
    private final List<String> warnings;
    private final boolean finalPassRequested;

    private OpenSshConfig(List<ConfigParser.Entry> entries, List<String> warnings) {
        this.entries = entries;
        this.warnings = warnings;
        this.finalPassRequested = requestsFinalPass(entries);
    }

    /** Whether a {@code Match} line names {@code final}, in any file, even one included where it never applies. */
    private static boolean requestsFinalPass(List<ConfigParser.Entry> list) {
        for (ConfigParser.Entry entry : list) {
            if (entry instanceof ConfigParser.Section s && s.condition() instanceof ConfigCondition.Match m
                    && m.requestsFinalPass()) {
                return true;
            }
            if (entry instanceof ConfigParser.Included inc && inc.files().stream().anyMatch(OpenSshConfig::requestsFinalPass)) {
                return true;
            }
        }
        return false;
    }

    /** An empty configuration (as {@code ssh -F none}). */
    public static OpenSshConfig empty() {
        return new OpenSshConfig(List.of(), List.of());
    }

    /** Reads and parses {@code file}, with includes relative to the user's {@code ~/.ssh}. */
    public static OpenSshConfig read(Path file) throws IOException {
        return read(file, Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads and parses {@code file}, with {@code ~} in {@code Include} meaning {@code home} and
     * relative includes under {@code home/.ssh}.
     *
     * @throws OpenSshConfigException for a line ssh would refuse, naming its file and line
     * @throws IOException if the file or an included one exists but cannot be read
     */
    public static OpenSshConfig read(Path file, Path home) throws IOException {
        ConfigParser p = new ConfigParser(home);
        List<ConfigParser.Entry> entries = p.parse(Files.readString(file, StandardCharsets.UTF_8), file, 0);
        return new OpenSshConfig(entries, p.warnings());
    }

    /**
     * Parses configuration text, with includes relative to the user's {@code ~/.ssh}.
     *
     * @throws OpenSshConfigException for a line ssh would refuse, naming the line
     * @throws UncheckedIOException if an included file exists but cannot be read
     */
    public static OpenSshConfig parse(String text) {
        return parse(text, Path.of(System.getProperty("user.home")));
    }

    /** Like {@link #parse(String)}, with includes resolved against {@code home} as in {@link #read(Path, Path)}. */
    public static OpenSshConfig parse(String text, Path home) {
        ConfigParser p = new ConfigParser(home);
        try {
            return new OpenSshConfig(p.parse(text, null, 0), p.warnings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the parser could not honour, one line each naming its file and line: {@code Match}
     * sections with criteria Sanssh does not evaluate (those sections never apply).
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The options that apply to {@code alias} (the host as typed, before {@code HostName}) when no
     * user was given on the command line: {@code Match user} then sees the {@code User} obtained so
     * far, else the local user.
     */
    public HostConfig forHost(String alias) {
        return forHost(alias, null);
    }

    /**
     * The options that apply to {@code alias} for {@code user} as given on the command line
     * ({@code -l}, {@code user@host}, {@code -o User=}), or {@code null}: first value per keyword,
     * {@code IdentityFile} values in order. When a final pass is due (see the class comment), its
     * values come after the first pass's, and its {@code HostName} lines are ignored: the host
     * name is fixed by then, as in ssh.
     */
    public HostConfig forHost(String alias, String user) {
        Evaluation e = new Evaluation(alias, user, System.getProperty("user.name"));
        e.run(entries, true);
        if (finalPassRequested || e.canonicalizes()) {
            e.finalPass = true;
            e.run(entries, true);
        }
        return new HostConfig(alias, e.values);
    }

    /**
     * The passes over the entries for one host: the values obtained so far decide later {@code Match}
     * lines, and the final pass adds to the first pass's values.
     */
    private static final class Evaluation {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final String alias;
        final String commandLineUser;
        final String localUser;
        boolean finalPass;

        Evaluation(String alias, String commandLineUser, String localUser) {
            this.alias = alias;
            this.commandLineUser = commandLineUser;
            this.localUser = localUser;
        }

        /** Applies {@code list}; {@code enabled} false when it was included from a section that does not apply. */
        void run(List<ConfigParser.Entry> list, boolean enabled) {
            boolean active = enabled;
            for (ConfigParser.Entry entry : list) {
                if (entry instanceof ConfigParser.Section s) {
                    active = enabled && s.condition().matches(target());
                } else if (entry instanceof ConfigParser.Option o) {
                    if (active && !(finalPass && o.keyword().equals("hostname"))) {
                        List<String> v = values.computeIfAbsent(o.keyword(), k -> new ArrayList<>());
                        if (v.isEmpty() || o.keyword().equals("identityfile")) {
                            v.add(o.value());
                        }
                    }
                } else if (entry instanceof ConfigParser.Included inc) {
                    for (List<ConfigParser.Entry> file : inc.files()) {
                        run(file, active);
                    }
                }
            }
        }

        ConfigCondition.Target target() {
            List<String> hostName = values.get("hostname");
            String host = hostName == null ? alias : hostName.get(0).replace("%h", alias);
            List<String> user = values.get("user");
            String remoteUser = commandLineUser != null ? commandLineUser : user != null ? user.get(0) : localUser;
            return new ConfigCondition.Target(alias, host, remoteUser, localUser, finalPass);
        }

        /** Whether the values so far ask ssh to canonicalize the host name, which makes it read the file again. */
        boolean canonicalizes() {
            List<String> v = values.get("canonicalizehostname");
            return v != null && (v.get(0).equalsIgnoreCase("yes") || v.get(0).equalsIgnoreCase("always"));
        }
    }
}
