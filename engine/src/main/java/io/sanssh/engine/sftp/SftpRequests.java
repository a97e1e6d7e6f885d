package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedRequest;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Every request a version 3 client can send, and OpenSSH's extensions, as factories for
 * {@link SftpClientSession#send}: the session supplies the id. For example
 * {@code session.send(SftpRequests.stat(Bytes.utf8("dir/file")))}.
 *
 * <p>Paths and handles are byte strings (draft-ietf-secsh-filexfer-02 §6.2); use
 * {@link Bytes#utf8(String)} for text paths. Each factory names the reply its request gets; the
 * extension factories (OpenSSH PROTOCOL §4.3-§4.12) are sent only if the server announced the
 * extension, otherwise they complete with {@code SSH_FX_OP_UNSUPPORTED} without being sent.
 */
public final class SftpRequests {
    private SftpRequests() {
    }

    /** OPEN (§6.3) with {@code SSH_FXF_*} flags and initial attributes; HANDLE. */
    public static IntFunction<SftpRequest> open(Bytes path, int pflags, SftpAttributes attrs) {
        return id -> new SftpPathRequest.Open(id, path, pflags, attrs);
    }

    /** OPEN for reading only; HANDLE. */
    public static IntFunction<SftpRequest> openForRead(Bytes path) {
        return open(path, SftpConstants.SSH_FXF_READ, SftpAttributes.EMPTY);
    }

    /** CLOSE (§6.3) of a file or directory handle; STATUS. */
    public static IntFunction<SftpRequest> close(Bytes handle) {
        return id -> new SftpHandleRequest.Close(id, handle);
    }

    /** READ (§6.4) of up to {@code length} bytes at {@code offset}; DATA, or EOF. */
    public static IntFunction<SftpRequest> read(Bytes handle, long offset, long length) {
        return id -> new SftpHandleRequest.Read(id, handle, offset, length);
    }

    /** WRITE (§6.4) of {@code data} at {@code offset}; STATUS. */
    public static IntFunction<SftpRequest> write(Bytes handle, long offset, Bytes data) {
        return id -> new SftpHandleRequest.Write(id, handle, offset, data);
    }

    /** LSTAT (§6.8): attributes, not following a final link; ATTRS. */
    public static IntFunction<SftpRequest> lstat(Bytes path) {
        return id -> new SftpPathRequest.Lstat(id, path);
    }

    /** FSTAT (§6.8): attributes of an open file; ATTRS. */
    public static IntFunction<SftpRequest> fstat(Bytes handle) {
        return id -> new SftpHandleRequest.Fstat(id, handle);
    }

    /** STAT (§6.8): attributes, following links; ATTRS. */
    public static IntFunction<SftpRequest> stat(Bytes path) {
        return id -> new SftpPathRequest.Stat(id, path);
    }

    /** SETSTAT (§6.9): change the attributes present in {@code attrs}; STATUS. */
    public static IntFunction<SftpRequest> setstat(Bytes path, SftpAttributes attrs) {
        return id -> new SftpPathRequest.Setstat(id, path, attrs);
    }

    /** FSETSTAT (§6.9) on an open file; STATUS. */
    public static IntFunction<SftpRequest> fsetstat(Bytes handle, SftpAttributes attrs) {
        return id -> new SftpHandleRequest.Fsetstat(id, handle, attrs);
    }

    /** OPENDIR (§6.7); HANDLE. */
    public static IntFunction<SftpRequest> opendir(Bytes path) {
        return id -> new SftpPathRequest.Opendir(id, path);
    }

    /** READDIR (§6.7): the next entries; NAME, or EOF when there are no more. */
    public static IntFunction<SftpRequest> readdir(Bytes handle) {
        return id -> new SftpHandleRequest.Readdir(id, handle);
    }

    /** REMOVE (§6.5) a file; STATUS. */
    public static IntFunction<SftpRequest> remove(Bytes path) {
        return id -> new SftpPathRequest.Remove(id, path);
    }

    /** MKDIR (§6.6) with attributes; STATUS. */
    public static IntFunction<SftpRequest> mkdir(Bytes path, SftpAttributes attrs) {
        return id -> new SftpPathRequest.Mkdir(id, path, attrs);
    }

    /** RMDIR (§6.6) an empty directory; STATUS. */
    public static IntFunction<SftpRequest> rmdir(Bytes path) {
        return id -> new SftpPathRequest.Rmdir(id, path);
    }

    /** REALPATH (§6.11): the canonical absolute path; NAME with one entry. */
    public static IntFunction<SftpRequest> realpath(Bytes path) {
        return id -> new SftpPathRequest.Realpath(id, path);
    }

    /** RENAME (§6.5), failing if {@code newPath} exists; STATUS. */
    public static IntFunction<SftpRequest> rename(Bytes oldPath, Bytes newPath) {
        return id -> new SftpPathRequest.Rename(id, oldPath, newPath);
    }

    /** READLINK (§6.10): a link's target; NAME with one entry. */
    public static IntFunction<SftpRequest> readlink(Bytes path) {
        return id -> new SftpPathRequest.Readlink(id, path);
    }

    /** SYMLINK (§6.10) in OpenSSH's argument order: a link at {@code linkPath} pointing to {@code targetPath}; STATUS. */
    public static IntFunction<SftpRequest> symlink(Bytes targetPath, Bytes linkPath) {
        return id -> new SftpPathRequest.Symlink(id, targetPath, linkPath);
    }

    /** Any extension request; sent only if the server announced its name. */
    public static IntFunction<SftpRequest> extended(SftpExtendedRequest request) {
        return id -> new SftpExtended(id, request);
    }

    /** {@code posix-rename@openssh.com}: rename replacing {@code newPath}; STATUS. */
    public static IntFunction<SftpRequest> posixRename(Bytes oldPath, Bytes newPath) {
        return extended(new SftpExtendedRequest.PosixRename(oldPath, newPath));
    }

    /** {@code statvfs@openssh.com}: file system statistics; EXTENDED_REPLY (decoded as StatvfsReply). */
    public static IntFunction<SftpRequest> statvfs(Bytes path) {
        return extended(new SftpExtendedRequest.Statvfs(path));
    }

    /** {@code fstatvfs@openssh.com}: statistics by handle; EXTENDED_REPLY (decoded as StatvfsReply). */
    public static IntFunction<SftpRequest> fstatvfs(Bytes handle) {
        return extended(new SftpExtendedRequest.Fstatvfs(handle));
    }

    /** {@code hardlink@openssh.com}: a hard link {@code newPath} to {@code oldPath}; STATUS. */
    public static IntFunction<SftpRequest> hardlink(Bytes oldPath, Bytes newPath) {
        return extended(new SftpExtendedRequest.Hardlink(oldPath, newPath));
    }

    /** {@code fsync@openssh.com}: flush an open file to stable storage; STATUS. */
    public static IntFunction<SftpRequest> fsync(Bytes handle) {
        return extended(new SftpExtendedRequest.Fsync(handle));
    }

    /** {@code lsetstat@openssh.com}: SETSTAT not following a final link; STATUS. */
    public static IntFunction<SftpRequest> lsetstat(Bytes path, SftpAttributes attrs) {
        return extended(new SftpExtendedRequest.Lsetstat(path, attrs));
    }

    /** {@code limits@openssh.com}: the server's limits, which the session also records; EXTENDED_REPLY. */
    public static IntFunction<SftpRequest> limits() {
        return extended(new SftpExtendedRequest.Limits());
    }

    /** {@code expand-path@openssh.com}: REALPATH with {@code ~} expansion; NAME with one entry. */
    public static IntFunction<SftpRequest> expandPath(Bytes path) {
        return extended(new SftpExtendedRequest.ExpandPath(path));
    }

    /** {@code copy-data}: server-side copy between two open handles ({@code readLength} 0: to EOF); STATUS. */
    public static IntFunction<SftpRequest> copyData(Bytes readHandle, long readOffset, long readLength,
                                                    Bytes writeHandle, long writeOffset) {
        return extended(new SftpExtendedRequest.CopyData(readHandle, readOffset, readLength, writeHandle, writeOffset));
    }

    /** {@code home-directory}: a user's home directory; NAME with one entry. */
    public static IntFunction<SftpRequest> homeDirectory(String username) {
        return extended(new SftpExtendedRequest.HomeDirectory(username));
    }

    /** {@code users-groups-by-id@openssh.com}: names for numeric ids; EXTENDED_REPLY (decoded). */
    public static IntFunction<SftpRequest> usersGroupsById(List<Long> uids, List<Long> gids) {
        return extended(new SftpExtendedRequest.UsersGroupsById(uids, gids));
    }
}
