package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The file system an {@link SftpServerSession} serves: every operation of
 * draft-ietf-secsh-filexfer-02 §6 and of OpenSSH's extensions (PROTOCOL §4.3-§4.12), each
 * returning its result or throwing {@link SftpStatusException} with the status to answer.
 *
 * <p>The engine does no I/O: a backend that touches a real file system lives in the drivers
 * module. The session calls a backend on the engine thread only, one call at a time, and a call
 * should return promptly (the session answers requests in order).
 *
 * <p>Paths are the client's byte strings, uninterpreted (§6.2): relative paths are relative to
 * the user's default directory, and confining them (to a root, say) is the backend's job. Open
 * files and directories are objects ({@link SftpOpenFile}, {@link SftpOpenDirectory}); the
 * session's handle table maps the client's handles to them. Extension methods have defaults
 * that answer {@code SSH_FX_OP_UNSUPPORTED}; {@link #extensions()} says which ones a backend
 * implements, and only those are announced in VERSION.
 */
public interface SftpFileSystemBackend {

    /**
     * The OpenSSH extensions this backend implements, by name ({@code SftpConstants.EXT_*});
     * {@code limits@openssh.com} is answered by the session itself and need not be listed.
     */
    Set<String> extensions();

    /** OPEN (§6.3) with {@code SSH_FXF_*} flags; {@code attrs} apply to a file it creates. */
    SftpOpenFile open(Bytes path, int pflags, SftpAttributes attrs) throws SftpStatusException;

    /** OPENDIR (§6.7). */
    SftpOpenDirectory openDirectory(Bytes path) throws SftpStatusException;

    /** STAT (§6.8), following symbolic links. */
    SftpAttributes stat(Bytes path) throws SftpStatusException;

    /** LSTAT (§6.8), not following a final symbolic link. */
    SftpAttributes lstat(Bytes path) throws SftpStatusException;

    /** SETSTAT (§6.9): changes the attributes present in {@code attrs}. */
    void setstat(Bytes path, SftpAttributes attrs) throws SftpStatusException;

    /** REMOVE (§6.5) a file. */
    void remove(Bytes path) throws SftpStatusException;

    /** MKDIR (§6.6). */
    void mkdir(Bytes path, SftpAttributes attrs) throws SftpStatusException;

    /** RMDIR (§6.6) an empty directory. */
    void rmdir(Bytes path) throws SftpStatusException;

    /** REALPATH (§6.11): the canonical absolute path, as the client should see it. */
    Bytes realpath(Bytes path) throws SftpStatusException;

    /** RENAME (§6.5): fails if {@code newPath} exists. */
    void rename(Bytes oldPath, Bytes newPath) throws SftpStatusException;

    /** READLINK (§6.10): a symbolic link's target, as the client should see it. */
    Bytes readlink(Bytes path) throws SftpStatusException;

    /** SYMLINK (§6.10): creates {@code linkPath} pointing to {@code targetPath}. */
    void symlink(Bytes targetPath, Bytes linkPath) throws SftpStatusException;

    /** {@code posix-rename@openssh.com}: rename replacing {@code newPath}. */
    default void posixRename(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code hardlink@openssh.com}: a hard link {@code newPath} to the file {@code oldPath}. */
    default void hardlink(Bytes oldPath, Bytes newPath) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code lsetstat@openssh.com}: SETSTAT not following a final symbolic link. */
    default void lsetstat(Bytes path, SftpAttributes attrs) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code statvfs@openssh.com}: statistics of the file system holding {@code path}. */
    default StatvfsReply statvfs(Bytes path) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code expand-path@openssh.com}: {@link #realpath} after expanding a leading {@code ~} or {@code ~user}. */
    default Bytes expandPath(Bytes path) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code home-directory}: the home directory of {@code username} (empty: the session's user). */
    default Bytes homeDirectory(String username) throws SftpStatusException {
        throw unsupported();
    }

    /** {@code users-groups-by-id@openssh.com}: a name per id, in order, "" for an unknown id. */
    default UsersGroupsByIdReply usersGroupsById(List<Long> uids, List<Long> gids) throws SftpStatusException {
        throw unsupported();
    }

    /**
     * {@code copy-data}: copies {@code length} bytes (0: up to the end of the file) from
     * {@code from} at {@code readOffset} to {@code to} at {@code writeOffset}. The default copies
     * through {@link SftpOpenFile#read} and {@link SftpOpenFile#write} in 64 KiB pieces; a backend
     * may do better. The session has already checked that the two handles are open files.
     */
    default void copyData(SftpOpenFile from, long readOffset, long length, SftpOpenFile to, long writeOffset)
            throws SftpStatusException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long done = 0;
        while (length == 0 || done < length) {
            buf.clear();
            if (length != 0) {
                buf.limit((int) Math.min(buf.capacity(), length - done));
            }
            int n = from.read(readOffset + done, buf);
            if (n < 0) {
                break;
            }
            buf.flip();
            to.write(writeOffset + done, buf);
            done += n;
        }
    }

    /** The exception the default methods throw. */
    private static SftpStatusException unsupported() {
        return new SftpStatusException(SftpConstants.SSH_FX_OP_UNSUPPORTED);
    }
}
