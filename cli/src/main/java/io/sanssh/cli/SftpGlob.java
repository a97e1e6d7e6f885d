package io.sanssh.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Glob patterns of {@code sanssh sftp}, as glob(3) expands them for OpenSSH's sftp: {@code *}
 * (any run of characters), {@code ?} (one character) and {@code [...]} (one of a set,
 * {@code [!...]} or {@code [^...]} for none of it, {@code a-z} ranges) in any path component,
 * never across a '/'. A name starting with '.' is matched only by a component pattern starting
 * with '.'. Directories are read through a {@link Tree}, so the same expansion serves remote
 * paths (over SFTP) and local ones.
 */
final class SftpGlob {
    /** The directory tree a pattern is expanded over; paths are in the form the user typed. */
    interface Tree {
        /** The names in directory {@code dir} ("" for the working directory); fails if it is not one. */
        List<String> names(String dir) throws IOException;

        /** Whether {@code path} exists (a dangling symbolic link counts). */
        boolean exists(String path);
    }

    private SftpGlob() {
    }

    /** Whether {@code path} has a wildcard, so that it is expanded instead of taken as it is. */
    static boolean hasWildcards(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }

    /**
     * The paths in {@code tree} that {@code pattern} matches, sorted, in the form typed: relative
     * when the pattern is, with its directory part kept. Empty when nothing matches; directories
     * that cannot be read match nothing.
     */
    static List<String> expand(String pattern, Tree tree) {
        List<String> found = new ArrayList<>();
        found.add(pattern.startsWith("/") ? "/" : "");
        String[] parts = pattern.split("/");
        boolean lastLiteral = false;
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            if (!hasWildcards(part)) {
                found.forEach(p -> next.add(join(p, part)));
                lastLiteral = true;
            } else {
                Pattern regex = regex(part);
                for (String p : found) {
                    try {
                        for (String name : tree.names(p)) {
                            if (matches(part, regex, name)) {
                                next.add(join(p, name));
                            }
                        }
                    } catch (IOException notADirectory) {
                        // matches nothing below it, as glob(3) skips what it cannot read
                    }
                }
                lastLiteral = false;
            }
            found = next;
        }
        if (lastLiteral) {
            found.removeIf(p -> !tree.exists(p));
        }
        found.removeIf(p -> p.isEmpty() || p.equals("/"));
        found.sort(null);
        return found;
    }

    /** Whether {@code name} matches the one-component {@code glob}. */
    static boolean matches(String glob, String name) {
        return matches(glob, regex(glob), name);
    }

    private static boolean matches(String glob, Pattern regex, String name) {
        if (name.equals(".") || name.equals("..")) {
            return false;
        }
        if (name.startsWith(".") && !glob.startsWith(".")) {
            return false;
        }
        return regex.matcher(name).matches();
    }

    /** The regular expression of a one-component glob; a '[' without its ']' is itself. */
    static Pattern regex(String glob) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else if (c == '[' && closing(glob, i) > 0) {
                int end = closing(glob, i);
                int from = i + 1;
                r.append('[');
                if (glob.charAt(from) == '!' || glob.charAt(from) == '^') {
                    r.append('^');
                    from++;
                }
                for (int j = from; j < end; j++) {
                    char s = glob.charAt(j);
                    if (s == '-' && j > from && j + 1 < end || Character.isLetterOrDigit(s)) {
                        r.append(s);
                    } else {
                        r.append('\\').append(s);
                    }
                }
                r.append(']');
                i = end;
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(r.toString(), Pattern.DOTALL);
    }

    /** The index of the ']' closing the set opened at {@code open}, or -1; a ']' first in the set is a member. */
    private static int closing(String glob, int open) {
        int from = open + 1;
        if (from < glob.length() && (glob.charAt(from) == '!' || glob.charAt(from) == '^')) {
            from++;
        }
        if (from < glob.length() && glob.charAt(from) == ']') {
            from++;
        }
        return glob.indexOf(']', from);
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : SftpShell.child(dir, name);
    }
}
