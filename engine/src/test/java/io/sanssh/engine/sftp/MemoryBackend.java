package io.sanssh.engine.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_CREAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_EXCL;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXF_TRUNC;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_FAILURE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_NO_SUCH_FILE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_OP_UNSUPPORTED;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * A test backend: a flat map of file names to byte arrays, no directories but the root. Reads
 * may be cut short at random (the draft allows it), and failures can be planted: a WRITE at an
 * offset, or the CLOSE.
 */
public final class MemoryBackend implements SftpFileSystemBackend {
    /** The files by name. */
    public final Map<String, byte[]> files = new TreeMap<>();
    private final Random rnd;
    private final double shortReadChance;
    /** WRITEs at offsets this accepts fail with PERMISSION_DENIED "quota exceeded". */
    public LongPredicate failWriteAt = off -> false;
    /** Files never grow past this (WRITE and SETSTAT fail with PERMISSION_DENIED "quota exceeded"). */
    public long maxFileSize = Integer.MAX_VALUE - 8;
    /** When non-zero, CLOSE of a file fails with this code. */
    public int failCloseWith;
    /** How many reads were served short. */
    public int shortReads;

    /** A backend whose reads come back short with {@code shortReadChance}, seeded. */
    public MemoryBackend(long seed, double shortReadChance) {
        this.rnd = new Random(seed);
        this.shortReadChance = shortReadChance;
    }

    private static String name(Bytes path) throws SftpStatusException {
        String p = path.toUtf8();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.contains("/")) {
            throw new SftpStatusException(SSH_FX_NO_SUCH_FILE, "no directories here: " + p);
        }
        return p;
    }

    private byte[] existing(String name) throws SftpStatusException {
        byte[] f = files.get(name);
        if (f == null) {
            throw new SftpStatusException(SSH_FX_NO_SUCH_FILE);
        }
        return f;
    }

    @Override
    public Set<String> extensions() {
        return Set.of(SftpConstants.EXT_POSIX_RENAME, SftpConstants.EXT_FSYNC, SftpConstants.EXT_COPY_DATA);
    }

    @Override
    public SftpOpenFile open(Bytes path, int pflags, SftpAttributes attrs) throws SftpStatusException {
        String name = name(path);
        if (!files.containsKey(name)) {
            if ((pflags & SSH_FXF_CREAT) == 0) {
                throw new SftpStatusException(SSH_FX_NO_SUCH_FILE);
            }
            files.put(name, new byte[0]);
        } else if ((pflags & SSH_FXF_EXCL) != 0) {
            throw new SftpStatusException(SSH_FX_FAILURE, "exists");
        } else if ((pflags & SSH_FXF_TRUNC) != 0) {
            files.put(name, new byte[0]);
        }
        return new SftpOpenFile() {
            @Override
            public int read(long offset, ByteBuffer dst) throws SftpStatusException {
                byte[] f = existing(name);
                if (offset >= f.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), f.length - offset);
                if (n > 1 && rnd.nextDouble() < shortReadChance) {
                    n = 1 + rnd.nextInt(n - 1);
                    shortReads++;
                }
                dst.put(f, (int) offset, n);
                return n;
            }

            @Override
            public void write(long offset, ByteBuffer src) throws SftpStatusException {
                if (failWriteAt.test(offset) || offset < 0 || offset + src.remaining() > maxFileSize) {
                    throw new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "quota exceeded");
                }
                byte[] f = existing(name);
                long end = offset + src.remaining();
                if (end > f.length) {
                    f = Arrays.copyOf(f, (int) end);
                    files.put(name, f);
                }
                src.get(f, (int) offset, src.remaining());
            }

            @Override
            public SftpAttributes stat() throws SftpStatusException {
                return MemoryBackend.this.stat(path);
            }

            @Override
            public void setstat(SftpAttributes attrs) throws SftpStatusException {
                MemoryBackend.this.setstat(path, attrs);
            }

            @Override
            public void fsync() {
            }

            @Override
            public void close() throws SftpStatusException {
                if (failCloseWith != 0) {
                    throw new SftpStatusException(failCloseWith, "deferred write error");
                }
            }
        };
    }

    @Override
    public SftpOpenDirectory openDirectory(Bytes path) throws SftpStatusException {
        if (!name(path).isEmpty() && !name(path).equals(".")) {
            throw new SftpStatusException(SSH_FX_NO_SUCH_FILE);
        }
        List<SftpReply.NameEntry> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Bytes n = Bytes.utf8(e.getKey());
            SftpAttributes a = SftpAttributes.builder().size(e.getValue().length).permissions(0100644).build();
            all.add(new SftpReply.NameEntry(n, SftpLongName.format(n, a, "me", "us", 0), a));
        }
        return new SftpOpenDirectory() {
            private boolean given;

            @Override
            public List<SftpReply.NameEntry> next() {
                List<SftpReply.NameEntry> r = given ? List.of() : all;
                given = true;
                return r;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public SftpAttributes stat(Bytes path) throws SftpStatusException {
        return SftpAttributes.builder().size(existing(name(path)).length).permissions(0100644).build();
    }

    @Override
    public SftpAttributes lstat(Bytes path) throws SftpStatusException {
        return stat(path);
    }

    @Override
    public void setstat(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        String name = name(path);
        byte[] f = existing(name);
        if (attrs.size().isPresent()) {
            long size = attrs.size().getAsLong();
            if (size < 0 || size > maxFileSize) {
                throw new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "quota exceeded");
            }
            files.put(name, Arrays.copyOf(f, (int) attrs.size().getAsLong()));
        }
    }

    @Override
    public void remove(Bytes path) throws SftpStatusException {
        if (files.remove(name(path)) == null) {
            throw new SftpStatusException(SSH_FX_NO_SUCH_FILE);
        }
    }

    @Override
    public void mkdir(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        throw new SftpStatusException(SSH_FX_OP_UNSUPPORTED);
    }

    @Override
    public void rmdir(Bytes path) throws SftpStatusException {
        throw new SftpStatusException(SSH_FX_OP_UNSUPPORTED);
    }

    @Override
    public Bytes realpath(Bytes path) throws SftpStatusException {
        String n = name(path);
        return Bytes.utf8("/" + (n.equals(".") ? "" : n));
    }

    @Override
    public void rename(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        if (files.containsKey(name(newPath))) {
            throw new SftpStatusException(SSH_FX_FAILURE, "target exists");
        }
        posixRename(oldPath, newPath);
    }

    @Override
    public void posixRename(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        byte[] f = existing(name(oldPath));
        files.remove(name(oldPath));
        files.put(name(newPath), f);
    }

    @Override
    public Bytes readlink(Bytes path) throws SftpStatusException {
        throw new SftpStatusException(SSH_FX_OP_UNSUPPORTED);
    }

    @Override
    public void symlink(Bytes targetPath, Bytes linkPath) throws SftpStatusException {
        throw new SftpStatusException(SSH_FX_OP_UNSUPPORTED);
    }

    @Override
    public StatvfsReply statvfs(Bytes path) {
        return new StatvfsReply(4096, 4096, 1000, 500, 400, 100, 50, 40, 1, 0, 255);
    }
}
