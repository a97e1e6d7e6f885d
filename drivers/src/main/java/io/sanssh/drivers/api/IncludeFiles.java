package io.sanssh.drivers.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files one argument of ssh_config(5) {@code Include} names: {@code ~} is the home directory,
 * a relative path is relative to {@code ~/.ssh} (where a user configuration's includes live), and
 * glob(7) wildcards ({@code *}, {@code ?}, {@code [...]}) are expanded one path component at a
 * time, never across {@code /}, and not to names starting with a dot unless the pattern does.
 * Matches are returned in lexical order; a pattern that matches nothing gives no file, as in ssh.
 */
final class IncludeFiles {
    private IncludeFiles() {
    }

    /** The regular files {@code pattern} names, in lexical order. */
    static List<Path> expand(String pattern, Path home) throws IOException {
        Path path;
        if (pattern.equals("~")) {
            path = home;
        } else if (pattern.startsWith("~/")) {
            path = home.resolve(pattern.substring(2));
        } else {
            path = Path.of(pattern);
            if (!path.isAbsolute()) {
                path = home.resolve(".ssh").resolve(path);
            }
        }
        List<Path> found = new ArrayList<>();
        found.add(path.getRoot());
        for (Path name : path) {
            String component = name.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : found) {
                if (!hasWildcard(component)) {
                    next.add(dir.resolve(component));
                } else if (Files.isDirectory(dir)) {
                    next.addAll(matching(dir, component));
                }
            }
            found = next;
        }
        found.removeIf(p -> !Files.isRegularFile(p));
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }

    private static boolean hasWildcard(String component) {
        return component.indexOf('*') >= 0 || component.indexOf('?') >= 0 || component.indexOf('[') >= 0;
    }

    private static List<Path> matching(Path dir, String component) throws IOException {
        // Java's glob syntax adds {a,b} groups and backslash escapes, which glob(7) lacks: quote them.
        String quoted = component.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + quoted);
        boolean dotOk = component.startsWith(".");
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Path name = e.getFileName();
                if ((dotOk || !name.toString().startsWith(".")) && m.matches(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
