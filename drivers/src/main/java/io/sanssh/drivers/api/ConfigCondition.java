package io.sanssh.drivers.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The condition on a {@code Host} or {@code Match} line of an OpenSSH client configuration
 * (ssh_config(5)): whether the lines after it, up to the next {@code Host} or {@code Match}, apply.
 *
 * <p>The file may be read twice for one host (see {@link OpenSshConfig#forHost}): a first pass, and
 * a final pass when a {@code Match} line anywhere names {@code final} (or the first pass enabled
 * {@code CanonicalizeHostname}). {@code Host} patterns are tested against the host as typed in the
 * first pass and against the host name the first pass settled on ({@code HostName}, {@code %h}
 * expanded, else the host as typed) in the final pass, as ssh does.
 *
 * <p>{@code Match} criteria must all hold: {@code all}; {@code host} (the target host name: the
 * first {@code HostName} obtained so far, {@code %h} expanded, else the host as typed);
 * {@code originalhost} (the host as typed); {@code user} (the remote user: from the command line,
 * else the first {@code User} obtained so far, else the local user); {@code localuser};
 * {@code final} (true only in the final pass); {@code canonical} (true only in the pass after
 * host name canonicalization, which in ssh is the final pass: Sanssh rewrites no host name, so
 * {@code canonical} and {@code final} hold in the same pass, and neither holds when there is no
 * final pass, as ssh behaves with {@code CanonicalizeHostname no}). Each criterion may be negated
 * with {@code !}; each argument is a comma-separated pattern list. Host names compare
 * case-insensitively, user names exactly, as ssh does.
 *
 * <p>Criteria ssh defines that Sanssh cannot evaluate ({@code exec}, which would run a command,
 * and {@code localnetwork}, {@code tagged}, {@code version}, {@code sessiontype}, {@code command})
 * make their section never apply, with a warning: an ssh user keeps a working connection from the
 * sections Sanssh can decide, rather than none. A word that is no criterion at all is an error, as
 * in ssh.
 */
sealed interface ConfigCondition {

    /**
     * What a condition is tested against, for one connection at one point of the file.
     *
     * @param finalPass whether this is the final pass (then {@code host} is the first pass's result)
     */
    record Target(String originalHost, String host, String user, String localUser, boolean finalPass) {
    }

    /** Whether the lines after this condition apply to {@code target}. */
    boolean matches(Target target);

    /**
     * {@code Host pattern...}: any pattern matches and no negated one does, the host as typed in
     * the first pass, the first pass's host name in the final pass.
     */
    record Host(List<String> patterns) implements ConfigCondition {
        @Override
        public boolean matches(Target target) {
            return ConfigCondition.matches(patterns, target.finalPass() ? target.host() : target.originalHost(), true);
        }
    }

    /**
     * A {@code Match} line: every criterion holds. An unsupported criterion makes it never match.
     *
     * @param requestsFinalPass whether the line names {@code final} (negated or not, whatever the
     *     other criteria): then ssh reads the file a second time, even if the line never matches
     */
    record Match(List<Criterion> criteria, boolean unsupported, boolean requestsFinalPass) implements ConfigCondition {
        @Override
        public boolean matches(Target target) {
            if (unsupported) {
                return false;
            }
            for (Criterion c : criteria) {
                if (c.holds(target) == c.negated()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One {@code Match} criterion: {@code keyword} (lowercase) with its pattern list, maybe negated. */
    record Criterion(String keyword, boolean negated, List<String> patterns) {
        boolean holds(Target t) {
            return switch (keyword) {
                case "all" -> true;
                case "final", "canonical" -> t.finalPass();
                case "host" -> ConfigCondition.matches(patterns, t.host(), true);
                case "originalhost" -> ConfigCondition.matches(patterns, t.originalHost(), true);
                case "user" -> ConfigCondition.matches(patterns, t.user(), false);
                case "localuser" -> ConfigCondition.matches(patterns, t.localUser(), false);
                default -> throw new IllegalStateException("not an evaluated criterion: " + keyword);
            };
        }
    }

    /** Criteria that take a pattern list and are evaluated. */
    List<String> EVALUATED = List.of("host", "originalhost", "user", "localuser");
    /** Criteria with an argument that ssh_config(5) defines and Sanssh does not evaluate. */
    List<String> NOT_EVALUATED = List.of("exec", "localnetwork", "tagged", "version", "sessiontype", "command");

    /**
     * Parses the words after {@code Match}.
     *
     * @param warn receives one message if the line uses a criterion that is not evaluated
     * @throws IllegalArgumentException (message without the line) for an unknown criterion, a
     *     missing argument, or {@code all} not alone and not right after one {@code canonical} or
     *     {@code final}
     */
    static Match parseMatch(List<String> words, Consumer<String> warn) {
        List<Criterion> criteria = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean negated = word.startsWith("!");
            String keyword = (negated ? word.substring(1) : word).toLowerCase(Locale.ROOT);
            if (keyword.equals("all")) {
                boolean onlyAfterPass = skipped.isEmpty() && criteria.size() <= 1 && criteria.stream()
                        .allMatch(c -> c.keyword().equals("canonical") || c.keyword().equals("final"));
                if (!onlyAfterPass || i != words.size() - 1) {
                    throw new IllegalArgumentException("'all' cannot be combined with other Match criteria");
                }
                criteria.add(new Criterion("all", negated, List.of()));
            } else if (keyword.equals("canonical") || keyword.equals("final")) {
                criteria.add(new Criterion(keyword, negated, List.of()));
            } else {
                if (!EVALUATED.contains(keyword) && !NOT_EVALUATED.contains(keyword)) {
                    throw new IllegalArgumentException("unsupported Match criterion '" + word + "'");
                }
                if (i + 1 == words.size()) {
                    throw new IllegalArgumentException("Match " + keyword + " needs an argument");
                }
                String argument = words.get(++i);
                if (EVALUATED.contains(keyword)) {
                    criteria.add(new Criterion(keyword, negated, List.of(argument.split(",", -1))));
                } else {
                    skipped.add(keyword);
                }
            }
        }
        if (!skipped.isEmpty()) {
            warn.accept("Match " + String.join(" ", words) + ": " + String.join(", ", skipped)
                    + " not supported by Sanssh; this section never applies");
        }
        boolean finalPass = criteria.stream().anyMatch(c -> c.keyword().equals("final"));
        return new Match(List.copyOf(criteria), !skipped.isEmpty(), finalPass);
    }

    /**
     * ssh_config(5) PATTERNS: {@code value} matches when one pattern matches it and no negated
     * pattern ({@code !pattern}) does; {@code *} is any run of characters, {@code ?} any one.
     */
    static boolean matches(List<String> patterns, String value, boolean ignoreCase) {
        boolean any = false;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = negated ? p.substring(1) : p;
            if (glob(ignoreCase ? glob.toLowerCase(Locale.ROOT) : glob, 0, v, 0)) {
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
