package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.spec.sftp.SftpAttributes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code get [-afpPrR] REMOTE [LOCAL]} and {@code put [-afpPrR] LOCAL [REMOTE]} commands of
 * {@code sanssh sftp}, as OpenSSH's sftp runs them. The source may be a glob pattern; the target
 * is, for one source and a target that is not an existing directory, the target itself; else the
 * source's name in the target directory; without a target, the source's name in the working
 * directory. Several sources need a target directory. A directory is copied only with
 * {@code -r} ({@link SftpTreeTransfer}). {@code Fetching}/{@code Uploading} lines are shown in
 * interactive mode only, as OpenSSH's sftp is quiet about them with {@code -b}.
 */
final class SftpTransfers {
    private final SftpClient sftp;
    private final SftpShell shell;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean batch;
    private final SftpProgressBar bar;

    SftpTransfers(SftpClient sftp, SftpShell shell, PrintStream out, PrintStream err, boolean batch,
            SftpProgressBar bar) {
        this.sftp = sftp;
        this.shell = shell;
        this.out = out;
        this.err = err;
        this.batch = batch;
        this.bar = bar;
    }

    /** Runs {@code get} with its arguments. */
    void get(List<String> args) throws SftpShell.Failure, IOException {
        int first = flagCount(args);
        SftpFileCopy copy = new SftpFileCopy(sftp, flags("get", args.subList(0, first)), bar);
        List<String> p = args.subList(first, args.size());
        String pattern = SftpShell.arg(p, 0, "get", "a remote path");
        List<String> matches = shell.isPattern(pattern) ? SftpGlob.expand(pattern, shell.remoteTree())
                : shell.remoteTree().exists(pattern) ? List.of(pattern) : List.of();
        if (matches.isEmpty()) {
            throw new SftpShell.Failure("File \"" + shell.remote(pattern) + "\" not found.");
        }
        Path target = p.size() > 1 ? shell.local(p.get(1)) : null;
        boolean intoDirectory = target != null && Files.isDirectory(target);
        if (matches.size() > 1 && target != null && !intoDirectory) {
            throw new SftpShell.Failure("Multiple source paths, but destination \"" + target + "\" is not a directory");
        }
        boolean ok = true;
        for (String m : matches) {
            String remote = shell.remote(m);
            String name = SftpShell.baseName(remote);
            Path local = target == null ? shell.local(name) : intoDirectory ? target.resolve(name) : target;
            SftpAttributes attrs = sftp.stat(remote);
            if (attrs.isDirectory() && !copy.flags().recursive()) {
                err.println("sanssh: Cannot download non-regular file: " + remote);
                ok = false;
                continue;
            }
            if (!batch) {
                out.println("Fetching " + remote + (attrs.isDirectory() ? "/" : "") + " to " + shell.shown(local));
            }
            if (attrs.isDirectory()) {
                ok &= new SftpTreeTransfer(sftp, out, err, copy).download(remote, attrs, local);
            } else {
                copy.download(remote, attrs, local);
            }
        }
        if (!ok) {
            throw SftpShell.Failure.reported();
        }
    }

    /** Runs {@code put} with its arguments. */
    void put(List<String> args) throws SftpShell.Failure, IOException {
        int first = flagCount(args);
        SftpFileCopy copy = new SftpFileCopy(sftp, flags("put", args.subList(0, first)), bar);
        List<String> p = args.subList(first, args.size());
        String pattern = SftpShell.arg(p, 0, "put", "a local path");
        boolean glob = shell.isPattern(pattern);
        List<String> matches = glob ? SftpGlob.expand(pattern, shell.localTree())
                : shell.localTree().exists(pattern) ? List.of(pattern) : List.of();
        if (matches.isEmpty()) {
            throw new SftpShell.Failure(glob ? "File \"" + pattern + "\" not found."
                    : "stat " + pattern + ": No such file or directory");
        }
        String target = p.size() > 1 ? shell.remote(p.get(1)) : null;
        boolean intoDirectory = target != null && remoteIsDirectory(target);
        if (matches.size() > 1 && target != null && !intoDirectory) {
            throw new SftpShell.Failure("Multiple paths match, but destination \"" + target + "\" is not a directory");
        }
        boolean ok = true;
        for (String m : matches) {
            Path local = shell.local(m);
            String name = local.getFileName().toString();
            String remote = target == null ? shell.remote(name)
                    : intoDirectory ? SftpShell.child(target, name) : target;
            boolean directory = Files.isDirectory(local);
            if (directory ? !copy.flags().recursive() : !Files.isRegularFile(local)) {
                err.println("sanssh: skipping non-regular file " + m);
                ok = false;
                continue;
            }
            String shown = directory && !m.endsWith("/") ? m + "/" : m;
            if (!batch) {
                out.println("Uploading " + shown + " to " + remote);
            }
            if (directory) {
                ok &= new SftpTreeTransfer(sftp, out, err, copy).upload(local, shown, remote);
            } else {
                copy.upload(local, remote);
            }
        }
        if (!ok) {
            throw SftpShell.Failure.reported(); // after the other matches, as OpenSSH's sftp does
        }
    }

    private boolean remoteIsDirectory(String path) {
        try {
            return sftp.stat(path).isDirectory();
        } catch (IOException absent) {
            return false;
        }
    }

    /** How many of the leading words are flags ({@code -x}; {@code --} ends them and counts). */
    private static int flagCount(List<String> args) {
        int n = 0;
        while (n < args.size() && args.get(n).startsWith("-") && args.get(n).length() > 1) {
            if (args.get(n++).equals("--")) {
                break;
            }
        }
        return n;
    }

    private static SftpFileCopy.Flags flags(String cmd, List<String> words) throws SftpShell.Failure {
        boolean resume = false;
        boolean fsync = false;
        boolean preserve = false;
        boolean recursive = false;
        for (String w : words) {
            for (char c : w.equals("--") ? new char[0] : w.substring(1).toCharArray()) {
                switch (c) {
                    case 'a' -> resume = true;
                    case 'f' -> fsync = true;
                    case 'p', 'P' -> preserve = true;
                    case 'r', 'R' -> recursive = true;
                    default -> throw new SftpShell.Failure(cmd + ": Invalid flag -" + c);
                }
            }
        }
        return new SftpFileCopy.Flags(resume, fsync, preserve, recursive);
    }
}
