package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpFileSystemBackend;
import io.sanssh.engine.sftp.SftpOpenDirectory;
import io.sanssh.engine.sftp.SftpOpenFile;
import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link SftpFileSystemBackend} over a directory of any {@code java.nio.file.FileSystem},
 * confined to it: the client sees the directory as "/", and no path, "..", or symbolic link (made
 * by the client or found on disk) reaches anything outside it ({@link ConfinedPaths}). Optionally
 * read-only: every change is refused with {@code SSH_FX_PERMISSION_DENIED}.
 *
 * <p>Offers OpenSSH's posix-rename, statvfs, fstatvfs, hardlink, fsync, lsetstat, expand-path,
 * copy-data and home-directory extensions. Attributes map both ways through the "unix" view
 * where the JDK has it ({@link NioAttributes}). Errors map to status codes as OpenSSH maps errno
 * ({@link NioErrors}), with messages that never show real paths.
 *
 * <p>This class does I/O, so it lives in the drivers module; the server session calls it on the
 * engine thread, one call at a time.
 */
public final class NioFileSystemBackend implements SftpFileSystemBackend {
    private static final Set<String> EXTENSIONS = Set.of(SftpConstants.EXT_POSIX_RENAME, SftpConstants.EXT_STATVFS,
            SftpConstants.EXT_FSTATVFS, SftpConstants.EXT_HARDLINK, SftpConstants.EXT_FSYNC, SftpConstants.EXT_LSETSTAT,
            SftpConstants.EXT_EXPAND_PATH, SftpConstants.EXT_COPY_DATA, SftpConstants.EXT_HOME_DIRECTORY);

    private final ConfinedPaths paths;
    private final boolean readOnly;

    /** A read-write backend confined to {@code root}, with home "/". */
    public NioFileSystemBackend(Path root) throws IOException {
        this(root, false, "/");
    }

    /**
     * A backend confined to {@code root} (which must be a directory), refusing every change when
     * {@code readOnly}; relative client paths start at virtual directory {@code home}.
     */
    public NioFileSystemBackend(Path root, boolean readOnly, String home) throws IOException {
        this.paths = new ConfinedPaths(root, home);
        this.readOnly = readOnly;
    }

    /** The real root directory. */
    public Path root() {
        return paths.root();
    }

    /** Whether every change is refused. */
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    void requireWritable() throws SftpStatusException {
        if (readOnly) {
            throw NioErrors.readOnly();
        }
    }

    @Override
    public SftpOpenFile open(Bytes path, int pflags, SftpAttributes attrs) throws SftpStatusException {
        int changes = SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_APPEND | SftpConstants.SSH_FXF_CREAT
                | SftpConstants.SSH_FXF_TRUNC;
        if ((pflags & changes) != 0) {
            requireWritable();
        }
        Path p = paths.resolve(path, true);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new SftpStatusException(SftpConstants.SSH_FX_FAILURE, "Failure (is a directory)");
        }
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        boolean write = (pflags & (SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_APPEND)) != 0;
        boolean append = (pflags & SftpConstants.SSH_FXF_APPEND) != 0;
        if ((pflags & SftpConstants.SSH_FXF_READ) != 0 || !write) {
            opts.add(StandardOpenOption.READ);
        }
        if (write) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (append) {
            opts.add(StandardOpenOption.APPEND);
        }
        if ((pflags & SftpConstants.SSH_FXF_CREAT) != 0) {
            opts.add((pflags & SftpConstants.SSH_FXF_EXCL) != 0 ? StandardOpenOption.CREATE_NEW
                    : StandardOpenOption.CREATE);
        }
        if ((pflags & SftpConstants.SSH_FXF_TRUNC) != 0) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel ch = FileChannel.open(p, opts, NioAttributes.creation(p, attrs));
            return new NioOpenFile(this, ch, p, append);
        } catch (IOException e) {
            throw NioErrors.map(e);
        } catch (UnsupportedOperationException e) {
            throw NioErrors.unsupported();
        }
    }

    @Override
    public SftpOpenDirectory openDirectory(Bytes path) throws SftpStatusException {
        Path p = paths.resolve(path, true);
        try {
            return new NioOpenDirectory(Files.newDirectoryStream(p));
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public SftpAttributes stat(Bytes path) throws SftpStatusException {
        return NioAttributes.read(paths.resolve(path, true), false);
    }

    @Override
    public SftpAttributes lstat(Bytes path) throws SftpStatusException {
        return NioAttributes.read(paths.resolve(path, false), false);
    }

    @Override
    public void setstat(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        requireWritable();
        NioAttributes.write(paths.resolve(path, true), attrs, false);
    }

    @Override
    public void lsetstat(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        requireWritable();
        NioAttributes.write(paths.resolve(path, false), attrs, false);
    }

    @Override
    public void remove(Bytes path) throws SftpStatusException {
        requireWritable();
        Path p = paths.resolve(path, false);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new SftpStatusException(SftpConstants.SSH_FX_FAILURE, "Failure (is a directory)");
        }
        delete(p);
    }

    @Override
    public void mkdir(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        requireWritable();
        Path p = paths.resolve(path, false);
        try {
            Files.createDirectory(p, NioAttributes.creation(p, attrs));
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public void rmdir(Bytes path) throws SftpStatusException {
        requireWritable();
        Path p = paths.resolve(path, false);
        if (paths.isRoot(p)) {
            throw ConfinedPaths.escape();
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            // a file here is ENOTDIR, which OpenSSH too reports as "no such file"
            throw new SftpStatusException(SftpConstants.SSH_FX_NO_SUCH_FILE);
        }
        delete(p);
    }

    private static void delete(Path p) throws SftpStatusException {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public Bytes realpath(Bytes path) throws SftpStatusException {
        Path p = paths.resolve(path, true);
        Path real = ConfinedPaths.existsNoFollow(p) ? paths.realInside(p) : p;
        return Bytes.utf8(paths.toVirtual(real));
    }

    @Override
    public void rename(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        move(oldPath, newPath, false);
    }

    @Override
    public void posixRename(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        move(oldPath, newPath, true);
    }

    private void move(Bytes oldPath, Bytes newPath, boolean replace) throws SftpStatusException {
        requireWritable();
        Path from = paths.resolve(oldPath, false);
        Path to = paths.resolve(newPath, false);
        if (paths.isRoot(from) || paths.isRoot(to)) {
            throw ConfinedPaths.escape();
        }
        if (!ConfinedPaths.existsNoFollow(from)) {
            throw new SftpStatusException(SftpConstants.SSH_FX_NO_SUCH_FILE);
        }
        if (!replace && ConfinedPaths.existsNoFollow(to)) {
            throw new SftpStatusException(SftpConstants.SSH_FX_FAILURE, "Failure (file exists)");
        }
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(from, to);
            }
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public Bytes readlink(Bytes path) throws SftpStatusException {
        Path p = paths.resolve(path, false);
        Path target;
        try {
            target = Files.readSymbolicLink(p);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
        if (target.isAbsolute()) {
            if (!target.normalize().startsWith(paths.root())) {
                throw ConfinedPaths.escape();
            }
            return Bytes.utf8(paths.toVirtual(target.normalize()));
        }
        return Bytes.utf8(target.toString());
    }

    @Override
    public void symlink(Bytes targetPath, Bytes linkPath) throws SftpStatusException {
        requireWritable();
        List<String> linkComps = paths.components(linkPath);
        Path link = paths.resolve(linkComps, false);
        String t = targetPath.toUtf8();
        Path target;
        if (t.startsWith("/")) {
            // a virtual absolute target becomes the real path inside the root
            target = paths.lexical(ConfinedPaths.normalise(List.of(), t));
        } else {
            // refused now if it climbs out; checked again, on the real tree, whenever it is followed
            ConfinedPaths.normalise(linkComps.subList(0, Math.max(0, linkComps.size() - 1)), t);
            target = link.getFileSystem().getPath(t);
        }
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw NioErrors.map(e);
        } catch (UnsupportedOperationException e) {
            throw NioErrors.unsupported();
        }
    }

    @Override
    public void hardlink(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        requireWritable();
        Path existing = paths.resolve(oldPath, true);
        Path link = paths.resolve(newPath, false);
        try {
            Files.createLink(link, existing);
        } catch (IOException e) {
            throw NioErrors.map(e);
        } catch (UnsupportedOperationException e) {
            throw NioErrors.unsupported();
        }
    }

    @Override
    public StatvfsReply statvfs(Bytes path) throws SftpStatusException {
        return statvfsOf(paths.resolve(path, true));
    }

    /** Statistics of the file store holding {@code p} (unknown counts are 0). */
    StatvfsReply statvfsOf(Path p) throws SftpStatusException {
        try {
            FileStore fs = Files.getFileStore(p);
            long bsize;
            try {
                bsize = fs.getBlockSize();
            } catch (UnsupportedOperationException e) {
                bsize = 4096;
            }
            long flag = fs.isReadOnly() || readOnly ? SftpConstants.SSH_FXE_STATVFS_ST_RDONLY : 0;
            return new StatvfsReply(bsize, bsize, fs.getTotalSpace() / bsize, fs.getUnallocatedSpace() / bsize,
                    fs.getUsableSpace() / bsize, 0, 0, 0, 0, flag, 255);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public Bytes expandPath(Bytes path) throws SftpStatusException {
        String s = path.toUtf8();
        if (s.equals("~") || s.startsWith("~/")) {
            s = paths.home() + (s.length() > 1 ? s.substring(1) : "");
        } else if (s.startsWith("~")) {
            throw new SftpStatusException(SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file (unknown user)");
        }
        return realpath(Bytes.utf8(s));
    }

    /**
     * The home directory of the session's user, asked for by the empty name: a confined server has
     * one user, so any other name is unknown.
     */
    @Override
    public Bytes homeDirectory(String username) throws SftpStatusException {
        if (!username.isEmpty()) {
            throw new SftpStatusException(SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file (unknown user)");
        }
        return Bytes.utf8(paths.home());
    }
}
