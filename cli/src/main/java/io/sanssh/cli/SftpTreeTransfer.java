package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SftpEntry;
import io.sanssh.spec.sftp.SftpAttributes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code get -r} and {@code put -r} of {@code sanssh sftp}: a directory copied with everything in
 * it, as OpenSSH's sftp copies it. Each directory is announced ({@code Retrieving REMOTE} /
 * {@code Entering LOCAL}, in batch mode too), made on the receiving side unless it is there
 * already (then the copy goes into it), and walked in the order the sender's directory lists its
 * entries. Symbolic links and special files are skipped with a note, which is no failure. A file
 * or directory that cannot be copied is reported and the walk goes on; the command then fails.
 */
final class SftpTreeTransfer {
    private final SftpClient sftp;
    private final PrintStream out;
    private final PrintStream err;
    private final SftpFileCopy copy;

    SftpTreeTransfer(SftpClient sftp, PrintStream out, PrintStream err, SftpFileCopy copy) {
        this.sftp = sftp;
        this.out = out;
        this.err = err;
        this.copy = copy;
    }

    /**
     * Copies the remote directory {@code remote} (attributes {@code attrs}) to the local
     * {@code local}; returns whether everything was copied.
     */
    boolean download(String remote, SftpAttributes attrs, Path local) {
        String dir = remote.length() > 1 && remote.endsWith("/") ? remote.substring(0, remote.length() - 1) : remote;
        out.println("Retrieving " + dir);
        try {
            long mode = attrs.permissions().orElse(0755) & 0777;
            try {
                Files.createDirectory(local, PosixFilePermissions.asFileAttribute(SftpFileCopy.permissions(mode)));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(local);
            }
        } catch (FileAlreadyExistsException there) {
            // copied into: a file there makes each entry fail instead, as with OpenSSH's sftp
        } catch (IOException e) {
            return report("mkdir " + local + ": " + reason(e));
        }
        boolean ok = true;
        try {
            for (SftpEntry e : sftp.list(dir)) {
                String child = SftpShell.child(dir, e.name());
                if (e.name().equals(".") || e.name().equals("..")) {
                    continue;
                } else if (!safeName(e.name())) {
                    ok = report("download \"" + dir + "\": server sent a suspect name, skipped: " + e.name());
                } else if (e.isDirectory()) {
                    ok &= download(child, e.attrs(), local.resolve(e.name()));
                } else if (!e.isRegularFile()) {
                    note("download \"" + child + "\": not a regular file");
                } else {
                    try {
                        copy.download(child, e.attrs(), local.resolve(e.name()));
                    } catch (IOException failed) {
                        ok = report("Download of file " + child + " to " + local.resolve(e.name()) + " failed: "
                                + reason(failed));
                    }
                }
            }
            if (copy.flags().preserve()) {
                copy.preserveLocal(local, attrs);
            }
        } catch (IOException e) {
            return report(dir + ": " + reason(e));
        }
        return ok;
    }

    /**
     * Copies the local directory {@code local}, which the user calls {@code shown}, to the remote
     * {@code remote}; returns whether everything was copied.
     */
    boolean upload(Path local, String shown, String remote) {
        out.println("Entering " + shown);
        try {
            long mode = SftpFileCopy.localMode(local);
            sftp.mkdir(remote, mode < 0 ? SftpAttributes.EMPTY : SftpAttributes.ofPermissions(mode & 0777));
        } catch (IOException cannot) {
            try {
                if (!sftp.stat(remote).isDirectory()) {
                    return report("\"" + remote + "\" exists but is not a directory");
                }
            } catch (IOException absent) {
                return report("mkdir " + remote + ": " + reason(cannot));
            }
        }
        boolean ok = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
            for (Path child : entries) {
                String name = child.getFileName().toString();
                String childShown = SftpShell.child(shown, name);
                String target = SftpShell.child(remote, name);
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    ok &= upload(child, childShown, target);
                } else if (!Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    note(name + ": not a regular file");
                } else {
                    try {
                        copy.upload(child, target);
                    } catch (IOException failed) {
                        ok = report("Upload of file " + childShown + " to " + target + " failed: " + reason(failed));
                    }
                }
            }
            if (copy.flags().preserve()) {
                copy.preserveRemote(remote, local);
            }
        } catch (IOException e) {
            return report(shown + ": " + reason(e));
        }
        return ok;
    }

    /**
     * Whether a name the server listed can be a local file name: one path component, so that no
     * server can make a recursive download write outside the target directory.
     */
    static boolean safeName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    private void note(String message) {
        err.println("sanssh: " + message);
    }

    /** Prints a failure; returns false, for the caller's result. */
    private boolean report(String message) {
        note(message);
        return false;
    }

    private static String reason(IOException e) {
        return ExecCommand.oneLine(String.valueOf(e.getMessage()));
    }
}
