package io.sanssh.cli;

import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SftpException;
import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One file or directory's transfer for {@code sanssh sftp}'s get and put, with the flags of those
 * commands ({@link Flags}), and modes as OpenSSH's sftp treats them: a file a download creates
 * gets the remote file's permission bits, and a file an upload creates the local one's, each
 * reduced by the receiving side's umask; {@code -p} then copies the exact permissions and the
 * access and modification times. {@code -a} resumes only a shorter target: a download onto a
 * longer local file fails, and so does an upload onto a remote file that is missing or not shorter.
 */
final class SftpFileCopy {
    /**
     * The flags of get and put.
     *
     * @param resume {@code -a}: continue from the size the target already has
     * @param fsync {@code -f}: flush the file to disk once written (fsync@openssh.com for put)
     * @param preserve {@code -p}/{@code -P}: copy permissions and times too
     * @param recursive {@code -r}/{@code -R}: copy directories with everything in them
     */
    record Flags(boolean resume, boolean fsync, boolean preserve, boolean recursive) {
    }

    private static final List<PosixFilePermission> BITS = List.of(PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ);

    private final SftpClient sftp;
    private final Flags flags;
    private final SftpProgressBar bar;

    SftpFileCopy(SftpClient sftp, Flags flags, SftpProgressBar bar) {
        this.sftp = sftp;
        this.flags = flags;
        this.bar = bar;
    }

    /** The flags this copy runs with. */
    Flags flags() {
        return flags;
    }

    /** Downloads the regular file {@code remote}, whose attributes are {@code attrs}, to {@code local}. */
    void download(String remote, SftpAttributes attrs, Path local) throws IOException {
        if (attrs.permissions().isPresent() && !Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
            try {
                // created with the remote mode, which the local umask reduces (as open(2) does)
                Files.createFile(local, PosixFilePermissions.asFileAttribute(permissions(attrs.permissions().getAsLong())));
            } catch (FileAlreadyExistsException | UnsupportedOperationException raced) {
                // the transfer opens it as it is
            }
        }
        TransferListener listener = bar.start(SftpShell.baseName(remote));
        if (flags.resume()) {
            if (Files.exists(local) && Files.size(local) > attrs.size().orElse(Long.MAX_VALUE)) {
                throw new IOException("Unable to resume download of \"" + remote + "\": local file is larger than remote");
            }
            sftp.getResume(remote, local, listener);
        } else {
            sftp.get(remote, local, TransferOptions.defaults(), listener);
        }
        bar.end();
        if (flags.fsync()) {
            try (FileChannel c = FileChannel.open(local, StandardOpenOption.WRITE)) {
                c.force(true);
            }
        }
        if (flags.preserve()) {
            preserveLocal(local, attrs);
        }
    }

    /** Uploads the regular file {@code local} to {@code remote}. */
    void upload(Path local, String remote) throws IOException {
        TransferListener listener = bar.start(local.getFileName().toString());
        if (flags.resume()) {
            long have = remoteSize(remote);
            if (have < 0) {
                throw new IOException("stat remote: No such file or directory"); // OpenSSH's sftp resumes only what is there
            }
            if (have >= Files.size(local)) {
                throw new IOException("resume \"" + local.getFileName() + "\": destination file same size or larger");
            }
            sftp.putResume(local, remote, listener);
        } else {
            TransferOptions options = TransferOptions.defaults().withFsync(flags.fsync());
            long mode = localMode(local);
            sftp.put(local, remote, mode < 0 ? options : options.withPermissions(mode & 0777), listener);
        }
        bar.end();
        if (flags.preserve()) {
            preserveRemote(remote, local);
        }
    }

    /** The size of {@code remote}, or -1 when there is no such file. */
    private long remoteSize(String remote) throws IOException {
        try {
            return sftp.stat(remote).size().orElse(0);
        } catch (SftpException e) {
            if (e.code() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
            return -1;
        }
    }

    /** With {@code -p}: gives the local file or directory {@code local} the permissions and times in {@code attrs}. */
    void preserveLocal(Path local, SftpAttributes attrs) throws IOException {
        if (attrs.permissions().isPresent() && localMode(local) >= 0) {
            Files.setPosixFilePermissions(local, permissions(attrs.permissions().getAsLong()));
        }
        if (attrs.mtime().isPresent()) {
            FileTime mtime = FileTime.from(attrs.mtime().getAsLong(), TimeUnit.SECONDS);
            FileTime atime = attrs.atime().isPresent() ? FileTime.from(attrs.atime().getAsLong(), TimeUnit.SECONDS) : mtime;
            Files.getFileAttributeView(local, BasicFileAttributeView.class).setTimes(mtime, atime, null);
        }
    }

    /** With {@code -p}: gives {@code remote} the permissions and times of the local {@code local} (SETSTAT). */
    void preserveRemote(String remote, Path local) throws IOException {
        BasicFileAttributes a = Files.readAttributes(local, BasicFileAttributes.class);
        SftpAttributes.Builder b = SftpAttributes.builder()
                .times(a.lastAccessTime().to(TimeUnit.SECONDS), a.lastModifiedTime().to(TimeUnit.SECONDS));
        long mode = localMode(local);
        sftp.setstat(remote, (mode < 0 ? b : b.permissions(mode)).build());
    }

    /** The permission bits of the local {@code path}, or -1 where the file system has none. */
    static long localMode(Path path) throws IOException {
        try {
            return mode(Files.getPosixFilePermissions(path));
        } catch (UnsupportedOperationException notPosix) {
            return -1;
        }
    }

    /** The rwx bits (0777) of {@code mode} as Java's permission set. */
    static Set<PosixFilePermission> permissions(long mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.size(); i++) {
            if ((mode & (1L << i)) != 0) {
                s.add(BITS.get(i));
            }
        }
        return s;
    }

    private static long mode(Set<PosixFilePermission> permissions) {
        long m = 0;
        for (int i = 0; i < BITS.size(); i++) {
            if (permissions.contains(BITS.get(i))) {
                m |= 1L << i;
            }
        }
        return m;
    }
}
