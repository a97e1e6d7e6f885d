package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import java.nio.ByteBuffer;

/**
 * A file an {@link SftpFileSystemBackend} opened for the server session: what a file handle
 * stands for (draft-ietf-secsh-filexfer-02 §6.3). The session calls it on the engine thread only,
 * and calls {@link #close()} exactly once: on CLOSE, or when the session ends.
 */
public interface SftpOpenFile {
    /**
     * Reads from {@code offset} into {@code dst} (from its position) and returns how many bytes,
     * or -1 at or past the end of the file (READ, §6.4). Fewer bytes than room is fine.
     */
    int read(long offset, ByteBuffer dst) throws SftpStatusException;

    /**
     * Writes all of {@code src} at {@code offset} (WRITE, §6.4); a handle opened with APPEND ignores
     * the offset. {@code src} is borrowed for the call only: its array takes the next WRITE after.
     */
    void write(long offset, ByteBuffer src) throws SftpStatusException;

    /** The file's attributes (FSTAT, §6.8). */
    SftpAttributes stat() throws SftpStatusException;

    /** Changes the attributes present in {@code attrs} (FSETSTAT, §6.9). */
    void setstat(SftpAttributes attrs) throws SftpStatusException;

    /** Flushes the file to stable storage ({@code fsync@openssh.com}). */
    default void fsync() throws SftpStatusException {
        throw new SftpStatusException(SftpConstants.SSH_FX_OP_UNSUPPORTED);
    }

    /** Statistics of the file system holding the file ({@code fstatvfs@openssh.com}). */
    default StatvfsReply statvfs() throws SftpStatusException {
        throw new SftpStatusException(SftpConstants.SSH_FX_OP_UNSUPPORTED);
    }

    /** Releases the file; a failure is reported to the client as the CLOSE's status. */
    void close() throws SftpStatusException;
}
