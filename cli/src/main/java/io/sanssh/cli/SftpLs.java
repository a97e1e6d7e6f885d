package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SftpEntry;
import io.sanssh.engine.sftp.SftpLongName;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code ls} command of {@code sanssh sftp}, as OpenSSH's sftp shows it: {@code ls [-1alrSt] [PATH]}.
 * A directory lists its entries (names starting with '.' only with {@code -a}), prefixed with
 * PATH when one was given; any other file lists just itself, as given. {@code -l} shows the
 * server's long lines for directory entries and makes one from the attributes for a single file
 * (owner and group by name when the server offers users-groups-by-id). Sorted by name, or by
 * modification time ({@code -t}, newest first) or size ({@code -S}, largest first); {@code -f}
 * keeps the server's order and {@code -r} reverses.
 */
final class SftpLs {
    private final SftpClient sftp;
    private final PrintStream out;
    private boolean longFormat;
    private boolean all;
    private boolean reverse;
    private char sort = 'n';
    private String given;

    SftpLs(SftpClient sftp, PrintStream out) {
        this.sftp = sftp;
        this.out = out;
    }

    /**
     * Runs {@code ls} with its arguments; {@code cwd} is the remote working directory and
     * {@code resolve} makes a path the user typed absolute.
     */
    void run(List<String> args, String cwd, UnaryOperator<String> resolve) throws SftpShell.Failure, IOException {
        for (String a : args) {
            if (a.startsWith("-") && a.length() > 1 && given == null) {
                flags(a);
            } else if (given == null) {
                given = a;
            } else {
                throw new SftpShell.Failure("ls: takes one path, not '" + a + "' too");
            }
        }
        String path = given == null ? cwd : resolve.apply(given);
        if (given != null) {
            SftpAttributes attrs = sftp.stat(path);
            if ((attrs.permissions().orElse(0) & 0170000) != 0040000) {
                out.println(longFormat ? longLine(given, attrs) : given);
                return;
            }
        }
        List<SftpEntry> entries = new ArrayList<>(sftp.list(path));
        if (!all) {
            entries.removeIf(e -> e.name().startsWith("."));
        }
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
            java.util.Collections.reverse(entries);
        }
        for (SftpEntry e : entries) {
            String name = given == null ? e.name() : given + (given.endsWith("/") ? "" : "/") + e.name();
            if (!longFormat) {
                out.println(name);
            } else {
                out.println(e.longName().isEmpty() ? longLine(e.name(), e.attrs()) : e.longName());
            }
        }
    }

    private void flags(String word) throws SftpShell.Failure {
        for (char c : word.substring(1).toCharArray()) {
            switch (c) {
                case 'l' -> longFormat = true;
                case 'a' -> all = true;
                case 'r' -> reverse = true;
                case 't', 'S', 'f' -> sort = c;
                case '1' -> {
                    // one name a line: the only layout here
                }
                default -> throw new SftpShell.Failure("ls: invalid flag -" + c + " (flags: -1alrSt, -f)");
            }
        }
    }

    /** An {@code ls -l} line made here from the attributes, the server not having sent one. */
    private String longLine(String name, SftpAttributes attrs) {
        String owner = null;
        String group = null;
        if (sftp.offers(SftpConstants.EXT_USERS_GROUPS_BY_ID) && attrs.uid().isPresent() && attrs.gid().isPresent()) {
            try {
                var names = sftp.usersGroupsById(List.of(attrs.uid().getAsLong()), List.of(attrs.gid().getAsLong()));
                owner = names.usernames().get(0).isEmpty() ? null : names.usernames().get(0);
                group = names.groupnames().get(0).isEmpty() ? null : names.groupnames().get(0);
            } catch (IOException unknown) {
                // the numbers then, as OpenSSH's sftp shows them
            }
        }
        return SftpLongName.format(Bytes.utf8(name), attrs, owner, group, System.currentTimeMillis() / 1000).toUtf8();
    }
}
