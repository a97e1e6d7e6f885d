package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.spec.sftp.SftpAttributes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command interpreter of {@code sanssh sftp}: OpenSSH sftp's commands over an
 * {@link SftpClient}, with a remote and a local working directory. A line starting with
 * {@code -} ignores the command's failure; {@code @} does not echo it in batch mode.
 */
final class SftpShell {
    static final String COMMANDS = String.join("\n",
            "Commands:",
            "  get [-afpr] REMOTE [LOCAL]  download (-a: resume from the local file's size, -f: fsync,",
            "                              -p: keep modes and times, -r: directories with their contents)",
            "  put [-afpr] LOCAL [REMOTE]  upload (-a: resume from the remote file's size, -f: fsync",
            "                              on the server, -p: keep modes and times, -r: recursively)",
            "  ls [-1afhlnrSt] [PATH]      list a remote directory, or show one file, in columns (-1: one",
            "                              a line, -l: long format, -n: numeric ids, -h: sizes as 1.5K,",
            "                              -a: also names starting with '.', -t/-S: by time/size,",
            "                              -f: unsorted, -r: reverse)",
            "  Paths of get, put, ls and rm may hold wildcards (*, ?, [...], [!...]) in any component;",
            "  '*' does not match a leading '.'; quote or escape (\\*) a wildcard to take it literally.",
            "  Several matches of get/put go into the directory LOCAL/REMOTE.",
            "  cd PATH | lcd PATH          change the remote | local directory",
            "  pwd | lpwd                  print the remote | local directory",
            "  mkdir PATH | rmdir PATH     make | remove a remote directory",
            "  rm PATH                     remove a remote file (every match of a pattern)",
            "  rename OLD NEW              rename a remote file",
            "  ln [-s] OLD NEW             link NEW to OLD (-s: symbolic)",
            "  chmod MODE PATH             change permissions (octal)",
            "  df [PATH]                   file system usage",
            "  help | ?                    this list",
            "  quit | bye | exit           end the session",
            "");

    /** A command's failure, with the one-line reason to print (none when it was printed already). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }

        /** A failure whose reasons were printed as they happened, so nothing more is said. */
        static Failure reported() {
            return new Failure(null);
        }
    }

    private final SftpClient sftp;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean batch;
    private final SftpTransfers transfers;
    private String remoteDir;
    /** The words of the current line whose wildcards were quoted or escaped: paths, not patterns. */
    private final Set<String> literal = new HashSet<>();
    private Path localDir = Path.of("").toAbsolutePath();

    SftpShell(SftpClient sftp, PrintStream out, PrintStream err, boolean batch, boolean progress) throws IOException {
        this.sftp = sftp;
        this.out = out;
        this.err = err;
        this.batch = batch;
        this.transfers = new SftpTransfers(sftp, this, out, err, batch, new SftpProgressBar(out, progress));
        this.remoteDir = sftp.realpath(".");
    }

    /** Runs commands until the input ends or {@code quit}; returns the exit status. */
    int run(BufferedReader commands) throws IOException {
        while (true) {
            if (!batch) {
                out.print("sftp> ");
                out.flush();
            }
            String line = commands.readLine();
            if (line == null) {
                return 0;
            }
            String typed = line;
            line = line.strip();
            boolean ignoreErrors = false;
            boolean echo = batch;
            while (!line.isEmpty() && (line.charAt(0) == '-' || line.charAt(0) == '@')) {
                if (line.charAt(0) == '-') {
                    ignoreErrors = true;
                } else {
                    echo = false;
                }
                line = line.substring(1).stripLeading();
            }
            if (echo) {
                out.println("sftp> " + typed); // as typed: blank lines and comments too, as OpenSSH's sftp -b
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words;
            try {
                literal.clear();
                words = split(line, literal);
                if (words.isEmpty()) {
                    continue;
                }
                if (!execute(words)) {
                    return 0;
                }
            } catch (Failure | IOException e) {
                String reason = e instanceof Failure ? e.getMessage() : ExecCommand.oneLine(e.getMessage());
                if (reason != null) {
                    err.println("sanssh: " + reason);
                }
                if (batch && !ignoreErrors) {
                    return 1;
                }
            }
            out.flush();
        }
    }

    /** Runs one command; false to end the session. */
    private boolean execute(List<String> w) throws Failure, IOException {
        String cmd = w.get(0);
        List<String> a = w.subList(1, w.size());
        switch (cmd) {
            case "quit", "bye", "exit" -> {
                return false;
            }
            case "help", "?" -> out.print(COMMANDS);
            case "pwd" -> out.println("Remote working directory: " + remoteDir);
            case "lpwd" -> out.println("Local working directory: " + localDir);
            case "cd" -> cd(arg(a, 0, cmd, "a remote directory"));
            case "lcd" -> {
                Path p = local(arg(a, 0, cmd, "a local directory"));
                if (!Files.isDirectory(p)) {
                    throw new Failure("lcd: " + p + " is not a directory");
                }
                localDir = p.normalize();
            }
            case "get" -> transfers.get(a);
            case "put" -> transfers.put(a);
            case "ls", "dir" -> new SftpLs(sftp, out).run(a, remoteDir, this::remote, this::isPattern, remoteTree());
            case "mkdir" -> sftp.mkdir(remote(arg(a, 0, cmd, "a path")));
            case "rmdir" -> sftp.rmdir(remote(arg(a, 0, cmd, "a path")));
            case "rm" -> rm(arg(a, 0, cmd, "a path"));
            case "rename" -> sftp.rename(remote(arg(a, 0, cmd, "two paths")), remote(arg(a, 1, cmd, "two paths")));
            case "ln", "symlink" -> ln(cmd, a);
            case "chmod" -> chmod(a);
            case "df" -> df(a);
            default -> throw new Failure("invalid command '" + cmd + "' (try help)");
        }
        return true;
    }

    private void cd(String path) throws Failure, IOException {
        String dir = sftp.realpath(remote(path));
        SftpAttributes a = sftp.stat(dir);
        if (a.permissions().isPresent() && !a.isDirectory()) {
            throw new Failure("cd: " + dir + " is not a directory");
        }
        remoteDir = dir;
    }

    private void rm(String path) throws Failure, IOException {
        if (!isPattern(path)) {
            sftp.remove(remote(path));
            return;
        }
        List<String> matches = SftpGlob.expand(path, remoteTree());
        if (matches.isEmpty()) {
            throw new Failure("File \"" + remote(path) + "\" not found.");
        }
        for (String m : matches) {
            if (!batch) {
                out.println("Removing " + remote(m)); // OpenSSH's sftp -b is quiet about it
            }
            sftp.remove(remote(m));
        }
    }

    /** Whether a word is a glob pattern: it has wildcards, none of them quoted or escaped. */
    boolean isPattern(String word) {
        return SftpGlob.hasWildcards(word) && !literal.contains(word);
    }

    /** The remote tree for {@link SftpGlob}, paths relative to the remote working directory. */
    SftpGlob.Tree remoteTree() {
        return new SftpGlob.Tree() {
            @Override
            public List<String> names(String dir) throws IOException {
                return sftp.list(dir.isEmpty() ? remoteDir : remote(dir)).stream().map(e -> e.name()).toList();
            }

            @Override
            public boolean exists(String path) {
                try {
                    sftp.lstat(remote(path));
                    return true;
                } catch (IOException absent) {
                    return false;
                }
            }
        };
    }

    /** The local tree for {@link SftpGlob}, paths relative to the local working directory. */
    SftpGlob.Tree localTree() {
        return new SftpGlob.Tree() {
            @Override
            public List<String> names(String dir) throws IOException {
                try (var s = Files.list(dir.isEmpty() ? localDir : local(dir.endsWith("/") ? dir : dir + "/"))) {
                    return s.map(f -> f.getFileName().toString()).toList();
                }
            }

            @Override
            public boolean exists(String path) {
                return Files.exists(local(path), LinkOption.NOFOLLOW_LINKS);
            }
        };
    }

    private void ln(String cmd, List<String> a) throws Failure, IOException {
        boolean symbolic = cmd.equals("symlink") || (!a.isEmpty() && a.get(0).equals("-s"));
        List<String> p = !a.isEmpty() && a.get(0).equals("-s") ? a.subList(1, a.size()) : a;
        String target = arg(p, 0, cmd, "two paths");
        String link = remote(arg(p, 1, cmd, "two paths"));
        if (symbolic) {
            sftp.symlink(target, link);
        } else {
            sftp.hardlink(remote(target), link);
        }
    }

    private void chmod(List<String> a) throws Failure, IOException {
        String mode = arg(a, 0, "chmod", "a mode and a path");
        String path = remote(arg(a, 1, "chmod", "a mode and a path"));
        int m;
        try {
            m = Integer.parseInt(mode, 8);
        } catch (NumberFormatException e) {
            throw new Failure("chmod: invalid mode '" + mode + "'");
        }
        if (!batch) {
            out.println("Changing mode on " + path); // OpenSSH's sftp -b is quiet about it
        }
        sftp.chmod(path, m);
    }

    private void df(List<String> a) throws IOException {
        var v = sftp.statvfs(a.isEmpty() ? remoteDir : remote(a.get(0)));
        long k = v.frsize() / 1024;
        out.printf("%15s %15s %15s %15s %9s%n", "Size", "Used", "Avail", "(root)", "%Capacity");
        long size = v.blocks() * k;
        long used = (v.blocks() - v.bfree()) * k;
        out.printf("%15d %15d %15d %15d %8d%%%n", size, used, v.bavail() * k, v.bfree() * k,
                size == 0 ? 0 : 100 * used / size);
    }

    // ---------------------------------------------------------------- paths and words

    /** The remote path {@code p} means: absolute, or relative to the remote working directory. */
    String remote(String p) {
        if (p.startsWith("/")) {
            return p;
        }
        return child(remoteDir, p);
    }

    /** {@code name} in the '/'-separated directory {@code dir}: joined with one '/'. */
    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The local path {@code p} means: relative to the local working directory, {@code ~/} for home. */
    Path local(String p) {
        return localDir.resolve(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
    }

    /** {@code local} as a user sees it: relative to the local working directory when it is in it. */
    String shown(Path local) {
        return local.startsWith(localDir) && !local.equals(localDir) ? localDir.relativize(local).toString()
                : local.toString();
    }

    /** The last component of a '/'-separated path, a trailing '/' ignored. */
    static String baseName(String remote) {
        String r = remote.endsWith("/") ? remote.substring(0, remote.length() - 1) : remote;
        return r.substring(r.lastIndexOf('/') + 1);
    }

    /** Word {@code i} of a command's arguments {@code a}, or a failure saying the command needs {@code what}. */
    static String arg(List<String> a, int i, String cmd, String what) throws Failure {
        if (a.size() <= i) {
            throw new Failure(cmd + ": needs " + what);
        }
        return a.get(i);
    }

    /** Splits a command line into words; quotes ('...', "...") and backslash escapes as in a shell. */
    static List<String> split(String line) throws Failure {
        return split(line, new HashSet<>());
    }

    /**
     * Splits a command line into words as {@link #split(String)} does, adding to {@code literal}
     * each word with a quoted or escaped {@code *}, {@code ?} or {@code [}: a path, not a pattern.
     */
    static List<String> split(String line, Set<String> literal) throws Failure {
        List<String> words = new ArrayList<>();
        boolean quotedWildcard = false;
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                    quotedWildcard |= SftpGlob.hasWildcards(line.substring(i, i + 1));
                } else {
                    w.append(c);
                    quotedWildcard |= SftpGlob.hasWildcards(String.valueOf(c));
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                quotedWildcard |= SftpGlob.hasWildcards(line.substring(i, i + 1));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word(w, quotedWildcard, literal));
                    w.setLength(0);
                    inWord = false;
                    quotedWildcard = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new Failure("unterminated quote");
        }
        if (inWord) {
            words.add(word(w, quotedWildcard, literal));
        }
        return words;
    }

    private static String word(StringBuilder w, boolean quotedWildcard, Set<String> literal) {
        String word = w.toString();
        if (quotedWildcard) {
            literal.add(word);
        }
        return word;
    }
}
