package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpOpenFile;
import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A file open for an SFTP handle: a {@link FileChannel} and the real path it was opened at
 * (for FSTAT's owner, mode and times, which a channel does not give, and for fstatvfs).
 */
final class NioOpenFile implements SftpOpenFile {
    private final NioFileSystemBackend backend;
    private final FileChannel channel;
    private final Path path;
    private final boolean append;

    NioOpenFile(NioFileSystemBackend backend, FileChannel channel, Path path, boolean append) {
        this.backend = backend;
        this.channel = channel;
        this.path = path;
        this.append = append;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws SftpStatusException {
        if (offset < 0) {
            return -1;
        }
        try {
            int total = 0;
            // fill the buffer where the file allows: fewer, larger replies
            while (dst.hasRemaining()) {
                int n = channel.read(dst, offset + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total == 0 && dst.hasRemaining() ? -1 : total;
        } catch (NonReadableChannelException e) {
            throw new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied (not open for reading)");
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws SftpStatusException {
        if (offset < 0) {
            throw new SftpStatusException(SftpConstants.SSH_FX_BAD_MESSAGE, "Bad message (offset beyond 2^63)");
        }
        try {
            if (append) {
                while (src.hasRemaining()) {
                    channel.write(src);
                }
            } else {
                long at = offset;
                while (src.hasRemaining()) {
                    at += channel.write(src, at);
                }
            }
        } catch (NonWritableChannelException e) {
            throw new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied (not open for writing)");
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public SftpAttributes stat() throws SftpStatusException {
        SftpAttributes a = NioAttributes.read(path, true);
        try {
            long size = channel.size();
            return new SftpAttributes(OptionalLong.of(size), a.uid(), a.gid(), a.permissions(), a.atime(),
                    a.mtime(), a.extended());
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public void setstat(SftpAttributes attrs) throws SftpStatusException {
        backend.requireWritable();
        if (attrs.size().isPresent()) {
            try {
                NioAttributes.resize(channel, attrs.size().getAsLong());
            } catch (NonWritableChannelException e) {
                throw new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED);
            } catch (IOException e) {
                throw NioErrors.map(e);
            }
        }
        NioAttributes.write(path, new SftpAttributes(OptionalLong.empty(), attrs.uid(), attrs.gid(),
                attrs.permissions(), attrs.atime(), attrs.mtime(), attrs.extended()), true);
    }

    @Override
    public void fsync() throws SftpStatusException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }

    @Override
    public StatvfsReply statvfs() throws SftpStatusException {
        return backend.statvfsOf(path);
    }

    @Override
    public void close() throws SftpStatusException {
        try {
            channel.close();
        } catch (IOException e) {
            throw NioErrors.map(e);
        }
    }
}
