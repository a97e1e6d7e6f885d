package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
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
            "  get [-a] REMOTE [LOCAL]     download (-a: resume from the local file's size)",
            "  put [-a] LOCAL [REMOTE]     upload (-a: resume from the remote file's size)",
            "  ls [-1alrSt] [PATH]         list a remote directory, or show one file (-l: long format,",
            "                              -a: also names starting with '.', -t/-S: by time/size, -r: reverse)",
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

    /** A command's failure, with the one-line reason to print. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private final SftpClient sftp;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean batch;
    private final boolean progress;
    private String remoteDir;
    /** The words of the current line whose wildcards were quoted or escaped: paths, not patterns. */
    private final Set<String> literal = new HashSet<>();
    private Path localDir = Path.of("").toAbsolutePath();

    SftpShell(SftpClient sftp, PrintStream out, PrintStream err, boolean batch, boolean progress) throws IOException {
        this.sftp = sftp;
        this.out = out;
        this.err = err;
        this.batch = batch;
        this.progress = progress;
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
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
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
                out.println("sftp> " + line);
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
                err.println("sanssh: " + reason);
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
            case "get" -> get(a);
            case "put" -> put(a);
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
        if (a.permissions().isPresent() && (a.permissions().getAsLong() & 0170000) != 0040000) {
            throw new Failure("cd: " + dir + " is not a directory");
        }
        remoteDir = dir;
    }

    private void get(List<String> a) throws Failure, IOException {
        boolean resume = !a.isEmpty() && a.get(0).equals("-a");
        List<String> p = resume ? a.subList(1, a.size()) : a;
        String pattern = arg(p, 0, "get", "a remote path");
        if (isPattern(pattern)) {
            getAll(pattern, p.size() > 1 ? local(p.get(1)) : localDir, resume);
            return;
        }
        get(remote(pattern), p.size() > 1 ? local(p.get(1)) : null, resume);
    }

    /** Downloads every match of {@code pattern}, each under its own name in {@code target} (a directory). */
    private void getAll(String pattern, Path target, boolean resume) throws Failure, IOException {
        List<String> matches = SftpGlob.expand(pattern, remoteTree());
        if (matches.isEmpty()) {
            throw new Failure("File \"" + remote(pattern) + "\" not found.");
        }
        if (matches.size() > 1 && !Files.isDirectory(target)) {
            throw new Failure("Multiple source paths, but destination \"" + target + "\" is not a directory");
        }
        String skipped = null;
        for (String m : matches) {
            String remote = remote(m);
            if (sftp.stat(remote).isDirectory()) {
                skipped = "Cannot download non-regular file: " + remote;
                err.println("sanssh: " + skipped);
                continue;
            }
            get(remote, target, resume);
        }
        if (skipped != null) {
            throw new Failure(skipped);
        }
    }

    private void get(String remote, Path to, boolean resume) throws IOException {
        Path local = to != null ? to : localDir.resolve(baseName(remote));
        if (Files.isDirectory(local)) {
            local = local.resolve(baseName(remote));
        }
        out.println("Fetching " + remote + " to " + local);
        TransferListener bar = bar(baseName(remote));
        if (resume) {
            sftp.getResume(remote, local, bar);
        } else {
            sftp.get(remote, local, TransferOptions.defaults(), bar);
        }
        endBar();
    }

    private void put(List<String> a) throws Failure, IOException {
        boolean resume = !a.isEmpty() && a.get(0).equals("-a");
        List<String> p = resume ? a.subList(1, a.size()) : a;
        String pattern = arg(p, 0, "put", "a local path");
        if (isPattern(pattern)) {
            putAll(pattern, p.size() > 1 ? remote(p.get(1)) : remoteDir, resume);
            return;
        }
        Path local = local(pattern);
        put(local, p.size() > 1 ? remote(p.get(1)) : remote(local.getFileName().toString()), resume);
    }

    /** Uploads every local match of {@code pattern}, each under its own name in {@code target} (a remote directory). */
    private void putAll(String pattern, String target, boolean resume) throws Failure, IOException {
        List<String> matches = SftpGlob.expand(pattern, localTree());
        if (matches.isEmpty()) {
            throw new Failure("File \"" + pattern + "\" not found.");
        }
        boolean targetIsDirectory;
        try {
            targetIsDirectory = sftp.stat(target).isDirectory();
        } catch (IOException absent) {
            targetIsDirectory = false;
        }
        if (matches.size() > 1 && !targetIsDirectory) {
            throw new Failure("Multiple paths match, but destination \"" + target + "\" is not a directory");
        }
        String skipped = null;
        for (String m : matches) {
            if (Files.isRegularFile(local(m))) {
                put(local(m), target, resume);
            } else {
                skipped = "skipping non-regular file " + m;
                err.println("sanssh: " + skipped);
            }
        }
        if (skipped != null) {
            throw new Failure(skipped); // the command fails once the others are done, as in OpenSSH's sftp
        }
    }

    private void put(Path local, String to, boolean resume) throws Failure, IOException {
        if (!Files.isRegularFile(local)) {
            throw new Failure("put: " + local + " is not a regular file");
        }
        String remote = to;
        try {
            if (sftp.stat(remote).permissions().orElse(0) >> 12 == 04) {
                remote = remote + "/" + local.getFileName();
            }
        } catch (IOException absent) {
            // a new file
        }
        out.println("Uploading " + local + " to " + remote);
        TransferListener bar = bar(local.getFileName().toString());
        if (resume) {
            sftp.putResume(local, remote, bar);
        } else {
            sftp.put(local, remote, TransferOptions.defaults(), bar);
        }
        endBar();
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
    private boolean isPattern(String word) {
        return SftpGlob.hasWildcards(word) && !literal.contains(word);
    }

    /** The remote tree for {@link SftpGlob}, paths relative to the remote working directory. */
    private SftpGlob.Tree remoteTree() {
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
    private SftpGlob.Tree localTree() {
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
        out.println("Changing mode on " + path);
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

    // ---------------------------------------------------------------- progress

    private long started;

    private TransferListener bar(String name) {
        if (!progress) {
            return TransferListener.NONE;
        }
        started = System.nanoTime();
        return new TransferListener() {
            private long last;

            @Override
            public void progress(long done, long total) {
                long now = System.nanoTime();
                if (now - last < 200_000_000L && done != total) {
                    return;
                }
                last = now;
                double secs = Math.max(1e-3, (now - started) / 1e9);
                String pct = total > 0 ? (100 * done / total) + "%" : "";
                out.printf("\r%-30.30s %5s %10s %10s/s", name, pct, human(done), human((long) (done / secs)));
                out.flush();
            }
        };
    }

    private void endBar() {
        if (progress) {
            out.println();
        }
    }

    private static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        int u = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format("%.1f%sB", n / (double) (1L << (10 * u)), "KMGTPE".charAt(u - 1));
    }

    // ---------------------------------------------------------------- paths and words

    private String remote(String p) {
        if (p.startsWith("/")) {
            return p;
        }
        return remoteDir.endsWith("/") ? remoteDir + p : remoteDir + "/" + p;
    }

    private Path local(String p) {
        return localDir.resolve(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
    }

    private static String baseName(String remote) {
        String r = remote.endsWith("/") ? remote.substring(0, remote.length() - 1) : remote;
        return r.substring(r.lastIndexOf('/') + 1);
    }

    private static String arg(List<String> a, int i, String cmd, String what) throws Failure {
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
