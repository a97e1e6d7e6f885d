package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpAttributes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * SFTP attributes (draft-ietf-secsh-filexfer-02 §5) to and from {@code java.nio.file}: size,
 * uid/gid, the POSIX mode with its file-type bits, access and modification times.
 *
 * <p>Reading prefers the "unix" attribute view (Linux and macOS JDKs), which has everything;
 * without it the POSIX view gives the permission bits and names but no numeric ids, and the basic
 * view only size, type and times. Writing applies each attribute present: the size by truncating
 * or extending, ids and mode through the "unix" view (the POSIX view for the mode otherwise),
 * times through the basic view.
 */
final class NioAttributes {
    private static final long S_IFREG = 0100000;
    private static final long S_IFDIR = 0040000;
    private static final long S_IFLNK = 0120000;
    private static final long UINT32_MAX = 0xffffffffL;

    private NioAttributes() {
    }

    static LinkOption[] options(boolean follow) {
        return follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }

    /** The attributes of {@code p}; of a final link itself unless {@code follow}. */
    static SftpAttributes read(Path p, boolean follow) throws SftpStatusException {
        LinkOption[] lo = options(follow);
        try {
            try {
                Map<String, Object> m = Files.readAttributes(p, "unix:size,uid,gid,mode,lastAccessTime,lastModifiedTime", lo);
                return SftpAttributes.builder()
                        .size((Long) m.get("size"))
                        .owner(((Integer) m.get("uid")) & UINT32_MAX, ((Integer) m.get("gid")) & UINT32_MAX)
                        .permissions(((Integer) m.get("mode")) & UINT32_MAX)
                        .times(seconds((FileTime) m.get("lastAccessTime")), seconds((FileTime) m.get("lastModifiedTime")))
                        .build();
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, lo);
                long mode = typeBits(a);
                try {
                    mode |= modeBits(Files.readAttributes(p, PosixFileAttributes.class, lo).permissions());
                } catch (UnsupportedOperationException noPosixView) {
                    mode |= a.isDirectory() ? 0755 : 0644;
                }
                return SftpAttributes.builder().size(a.size()).permissions(mode)
                        .times(seconds(a.lastAccessTime()), seconds(a.lastModifiedTime())).build();
            }
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    /** The owner and group names of {@code p} (for long names), or nulls when unknown. */
    static String[] names(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new String[] {a.owner().getName(), a.group().getName()};
        } catch (IOException | UnsupportedOperationException e) {
            return new String[] {null, null};
        }
    }

    /** Applies every attribute present in {@code attrs} to {@code p}; to a final link itself unless {@code follow}. */
    static void write(Path p, SftpAttributes attrs, boolean follow) throws SftpStatusException {
        LinkOption[] lo = options(follow);
        try {
            if (attrs.size().isPresent()) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    resize(ch, attrs.size().getAsLong());
                }
            }
            if (attrs.uid().isPresent()) {
                try {
                    Files.setAttribute(p, "unix:uid", (int) attrs.uid().getAsLong(), lo);
                    Files.setAttribute(p, "unix:gid", (int) attrs.gid().getAsLong(), lo);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    throw NioErrors.unsupported();
                }
            }
            if (attrs.permissions().isPresent()) {
                int mode = (int) (attrs.permissions().getAsLong() & 07777);
                try {
                    Files.setAttribute(p, "unix:mode", mode, lo);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    try {
                        Files.setPosixFilePermissions(p, permissions(mode));
                    } catch (UnsupportedOperationException e2) {
                        throw NioErrors.unsupported();
                    }
                }
            }
            if (attrs.mtime().isPresent()) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, lo).setTimes(
                        FileTime.from(attrs.mtime().getAsLong(), TimeUnit.SECONDS),
                        FileTime.from(attrs.atime().getAsLong(), TimeUnit.SECONDS), null);
            }
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    /** Truncates or extends the file behind {@code ch} to {@code size} bytes (SETSTAT's size, like truncate(2)). */
    static void resize(FileChannel ch, long size) throws IOException {
        long now = ch.size();
        if (size < now) {
            ch.truncate(size);
        } else if (size > now) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }

    /** The file attribute that creates a file or directory with the permission bits of {@code attrs}, if any. */
    static FileAttribute<?>[] creation(Path dir, SftpAttributes attrs) {
        if (attrs.permissions().isEmpty()
                || !dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(permissions((int) attrs.permissions().getAsLong()))};
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    private static long modeBits(Set<PosixFilePermission> perms) {
        long m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1L << (8 - p.ordinal());
        }
        return m;
    }

    private static long typeBits(BasicFileAttributes a) {
        return a.isSymbolicLink() ? S_IFLNK : a.isDirectory() ? S_IFDIR : a.isRegularFile() ? S_IFREG : 0;
    }

    private static long seconds(FileTime t) {
        return Math.max(0, Math.min(UINT32_MAX, t.to(TimeUnit.SECONDS)));
    }
}
