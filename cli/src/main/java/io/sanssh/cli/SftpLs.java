package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SftpEntry;
import io.sanssh.drivers.api.SftpException;
import io.sanssh.engine.sftp.SftpLongName;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@code ls} command of {@code sanssh sftp}, as OpenSSH's sftp shows it: {@code ls [-1afhlnrSt] [PATH]}.
 * A directory lists its entries (names starting with '.' only with {@code -a}), prefixed with
 * PATH when one was given; any other file lists just itself, as given. {@code -l} makes the long
 * lines from the attributes, with owner and group names from users-groups-by-id, when the server
 * offers that extension (as OpenSSH 9's sftp does), else shows the server's long lines for
 * directory entries; a single file's line is always made here, and so are all lines of
 * {@code -n} and {@code -h} (sizes with unit suffixes). Short names go in columns
 * ({@link SftpLsLayout}), or one a line with {@code -1}; the last of {@code -1}, {@code -l} and
 * {@code -n} counts. Sorted by name, or by
 * modification time ({@code -t}, newest first) or size ({@code -S}, largest first); {@code -f}
 * keeps the server's order and {@code -r} reverses.
 */
final class SftpLs {
    private static final long SIX_MONTHS_SECONDS = 365L * 24 * 3600 / 2;
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH);

    private final SftpClient sftp;
    private final PrintStream out;
    private final Map<Long, String> users = new HashMap<>();
    private final Map<Long, String> groups = new HashMap<>();
    private boolean longFormat;
    private boolean oneColumn;
    private boolean numeric;
    private boolean human;
    private boolean all;
    private boolean reverse;
    private char sort = 'n';
    private String given;
    /** The longest absolute path a pattern matched: the measure of the columns of its matches. */
    private int absoluteLongest;

    SftpLs(SftpClient sftp, PrintStream out) {
        this.sftp = sftp;
        this.out = out;
    }

    /**
     * Runs {@code ls} with its arguments; {@code cwd} is the remote working directory and
     * {@code resolve} makes a path the user typed absolute; a path that {@code isPattern} is
     * expanded over {@code tree} and its matches listed as typed (the one directory it matches,
     * by its entries).
     */
    void run(List<String> args, String cwd, UnaryOperator<String> resolve, Predicate<String> isPattern,
            SftpGlob.Tree tree) throws SftpShell.Failure, IOException {
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && given == null) {
                flags(a);
            } else if (given == null) {
                given = a;
            } else {
                throw new SftpShell.Failure("ls: takes one path, not '" + a + "' too");
            }
        }
        if (given != null && isPattern.test(given)) {
            List<String> matches = SftpGlob.expand(given, tree);
            if (matches.isEmpty()) {
                throw new SftpShell.Failure("Can't ls: \"" + resolve.apply(given) + "\" not found");
            }
            List<SftpEntry> found = new ArrayList<>();
            absoluteLongest = 0;
            for (String m : matches) {
                String absolute = resolve.apply(m);
                SftpEntry match = new SftpEntry(m, "", sftp.lstat(absolute));
                found.add(match);
                // OpenSSH measures its columns by the absolute paths, a directory's with its '/'
                absoluteLongest = Math.max(absoluteLongest, absolute.length() + (match.isDirectory() ? 1 : 0));
            }
            if (found.size() == 1 && found.get(0).isDirectory()) {
                given = matches.get(0);
            } else {
                print(found, true);
                return;
            }
        }
        String path = given == null ? cwd : resolve.apply(given);
        if (given != null) {
            SftpAttributes attrs;
            try {
                attrs = sftp.stat(path);
            } catch (SftpException e) {
                if (e.code() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
                throw new SftpShell.Failure("Can't ls: \"" + path + "\" not found");
            }
            if (!attrs.isDirectory()) {
                if (longFormat) {
                    lookUpNames(List.of(attrs));
                    out.println(longLine(given, attrs));
                } else {
                    shortNames(List.of(given), path.length());
                }
                return;
            }
        }
        List<SftpEntry> entries = new ArrayList<>(sftp.list(path));
        if (!all) {
            entries.removeIf(e -> e.name().startsWith("."));
        }
        print(entries, false);
    }

    /** Sorts and prints {@code entries}: a directory's, or a pattern's matches ({@code matched}, named as typed). */
    private void print(List<SftpEntry> entries, boolean matched) {
        Comparator<SftpEntry> order = switch (sort) {
            case 't' -> Comparator.comparingLong((SftpEntry e) -> e.attrs().mtime().orElse(0)).reversed();
            case 'S' -> Comparator.comparingLong(SftpEntry::size).reversed();
            default -> null;
        };
        if (sort != 'f') {
            order = order == null ? Comparator.comparing(SftpEntry::name)
                    : order.thenComparing(SftpEntry::name);
            entries.sort(reverse ? order.reversed() : order);
        } else if (reverse) {
            Collections.reverse(entries);
        }
        // OpenSSH's sftp makes the lines itself for -n, -h, matches and a server that names owners
        boolean makeLines = longFormat
                && (numeric || human || matched || sftp.offers(SftpConstants.EXT_USERS_GROUPS_BY_ID));
        if (makeLines) {
            lookUpNames(entries.stream().map(SftpEntry::attrs).toList());
        }
        String prefix = matched || given == null ? "" : given + (given.endsWith("/") ? "" : "/");
        List<String> names = new ArrayList<>();
        for (SftpEntry e : entries) {
            String name = matched ? e.name() + (e.isDirectory() ? "/" : "") : prefix + e.name();
            if (!longFormat) {
                names.add(name);
            } else {
                out.println(makeLines || e.longName().isEmpty() ? longLine(name, e.attrs()) : e.longName());
            }
        }
        if (!longFormat) {
            shortNames(names, matched ? absoluteLongest
                    : prefix.length() + SftpLsLayout.longest(entries.stream().map(SftpEntry::name).toList()));
        }
    }

    /** Prints short names one a line ({@code -1}) or in columns as wide as {@code longest} says. */
    private void shortNames(List<String> names, int longest) {
        if (oneColumn) {
            names.forEach(out::println);
        } else {
            SftpLsLayout.columns(names, longest, out);
        }
    }

    private void flags(String word) throws SftpShell.Failure {
        for (char c : word.substring(1).toCharArray()) {
            switch (c) {
                case 'l', 'n', '1' -> {
                    longFormat = c != '1';
                    oneColumn = c == '1';
                    numeric = c == 'n';
                }
                case 'h' -> human = true;
                case 'a' -> all = true;
                case 'r' -> reverse = true;
                case 't', 'S', 'f' -> sort = c;
                default -> throw new SftpShell.Failure("ls: Invalid flag -" + c);
            }
        }
    }

    /** Asks the server (users-groups-by-id, when offered) for the names of the owners and groups in {@code attrs}. */
    private void lookUpNames(List<SftpAttributes> attrs) {
        if (!sftp.offers(SftpConstants.EXT_USERS_GROUPS_BY_ID)) {
            return;
        }
        List<Long> uids = attrs.stream().filter(a -> a.uid().isPresent()).map(a -> a.uid().getAsLong()).distinct()
                .toList();
        List<Long> gids = attrs.stream().filter(a -> a.gid().isPresent()).map(a -> a.gid().getAsLong()).distinct()
                .toList();
        try {
            var names = sftp.usersGroupsById(uids, gids);
            for (int i = 0; i < uids.size() && i < names.usernames().size(); i++) {
                users.put(uids.get(i), names.usernames().get(i));
            }
            for (int i = 0; i < gids.size() && i < names.groupnames().size(); i++) {
                groups.put(gids.get(i), names.groupnames().get(i));
            }
        } catch (IOException unknown) {
            // the numbers then, as OpenSSH's sftp shows them
        }
    }

    /**
     * An {@code ls -l} line made here from the attributes, laid out as OpenSSH's sftp makes it:
     * the link count, which version 3 does not carry, as {@code ?}; owner and group by name when
     * known, else by number; the time in the local zone, with the year instead of the time of day
     * beyond six months or in the future.
     */
    private String longLine(String name, SftpAttributes a) {
        String owner = a.uid().isPresent() ? nameOr(users, a.uid().getAsLong()) : "?";
        String group = a.gid().isPresent() ? nameOr(groups, a.gid().getAsLong()) : "?";
        String date = "";
        if (a.mtime().isPresent()) {
            long mtime = a.mtime().getAsLong();
            long now = System.currentTimeMillis() / 1000;
            boolean recent = now - SIX_MONTHS_SECONDS < mtime && now >= mtime;
            date = (recent ? RECENT : OLD).format(Instant.ofEpochSecond(mtime).atZone(ZoneId.systemDefault()));
        }
        long bytes = a.size().orElse(0);
        String size = human ? SftpLsLayout.humanSize(bytes) : Long.toUnsignedString(bytes);
        return String.format(Locale.ROOT, "%s    ? %-8s %-8s %8s %s %s", SftpLongName.modeString(a.permissions().orElse(0)),
                owner, group, size, date, name);
    }

    private static String nameOr(Map<Long, String> names, long id) {
        String n = names.get(id);
        return n == null || n.isEmpty() ? Long.toString(id) : n;
    }
}
