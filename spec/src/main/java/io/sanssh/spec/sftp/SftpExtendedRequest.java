package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The typed data of an {@link SftpExtended} request: OpenSSH's extensions (PROTOCOL §4.3-§4.12),
 * and {@link Unknown} for any other name.
 *
 * <p>A client should send one only when the server's VERSION announced its name (PROTOCOL §4.2);
 * the reply each expects is in each record's description.
 */
public sealed interface SftpExtendedRequest {

    /** The names that have their own record; {@link Unknown} refuses them. */
    Set<String> KNOWN_NAMES = Set.of(SftpConstants.EXT_POSIX_RENAME, SftpConstants.EXT_STATVFS,
            SftpConstants.EXT_FSTATVFS, SftpConstants.EXT_HARDLINK, SftpConstants.EXT_FSYNC,
            SftpConstants.EXT_LSETSTAT, SftpConstants.EXT_LIMITS, SftpConstants.EXT_EXPAND_PATH,
            SftpConstants.EXT_COPY_DATA, SftpConstants.EXT_HOME_DIRECTORY, SftpConstants.EXT_USERS_GROUPS_BY_ID);

    /** The {@code extended-request} name sent on the wire. */
    String name();

    /** Writes the data that follows the name. */
    void encodeData(SshWriter w);

    /** {@code posix-rename@openssh.com} (§4.3): POSIX rename(2), replacing {@code newPath}; STATUS. */
    record PosixRename(Bytes oldPath, Bytes newPath) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public PosixRename {
            Objects.requireNonNull(oldPath, "oldPath");
            Objects.requireNonNull(newPath, "newPath");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_POSIX_RENAME;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(oldPath).writeString(newPath);
        }
    }

    /** {@code statvfs@openssh.com} (§4.4): file system statistics by path; EXTENDED_REPLY with {@link SftpExtendedReplyData.StatvfsReply}, or STATUS. */
    record Statvfs(Bytes path) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public Statvfs {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_STATVFS;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(path);
        }
    }

    /** {@code fstatvfs@openssh.com} (§4.4): file system statistics by open handle; as {@link Statvfs}. */
    record Fstatvfs(Bytes handle) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public Fstatvfs {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_FSTATVFS;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(handle);
        }
    }

    /** {@code hardlink@openssh.com} (§4.5): link(2) {@code newPath} to the file at {@code oldPath}; STATUS. */
    record Hardlink(Bytes oldPath, Bytes newPath) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public Hardlink {
            Objects.requireNonNull(oldPath, "oldPath");
            Objects.requireNonNull(newPath, "newPath");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_HARDLINK;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(oldPath).writeString(newPath);
        }
    }

    /** {@code fsync@openssh.com} (§4.6): fsync(2) an open file; STATUS. */
    record Fsync(Bytes handle) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public Fsync {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_FSYNC;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(handle);
        }
    }

    /** {@code lsetstat@openssh.com} (§4.7): SETSTAT without following a final symbolic link; STATUS. */
    record Lsetstat(Bytes path, SftpAttributes attrs) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public Lsetstat {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_LSETSTAT;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(path);
            attrs.encode(w);
        }
    }

    /** {@code limits@openssh.com} (§4.8): the server's size limits; EXTENDED_REPLY with {@link SftpExtendedReplyData.LimitsReply}. */
    record Limits() implements SftpExtendedRequest {
        @Override
        public String name() {
            return SftpConstants.EXT_LIMITS;
        }

        @Override
        public void encodeData(SshWriter w) {
            // no data
        }
    }

    /** {@code expand-path@openssh.com} (§4.9): REALPATH with tilde expansion; NAME with one entry, or STATUS. */
    record ExpandPath(Bytes path) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public ExpandPath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_EXPAND_PATH;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(path);
        }
    }

    /**
     * {@code copy-data} (§4.10): the server copies {@code readLength} bytes (0: to end of file)
     * from one open handle to another; STATUS. Offsets and length are raw uint64 bits.
     */
    record CopyData(Bytes readHandle, long readOffset, long readLength, Bytes writeHandle, long writeOffset)
            implements SftpExtendedRequest {
        /** Checks for nulls. */
        public CopyData {
            Objects.requireNonNull(readHandle, "readHandle");
            Objects.requireNonNull(writeHandle, "writeHandle");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_COPY_DATA;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeString(readHandle).writeUint64(readOffset).writeUint64(readLength)
                    .writeString(writeHandle).writeUint64(writeOffset);
        }
    }

    /**
     * {@code home-directory} (§4.11): a user's home directory; NAME with one entry, or STATUS.
     * The extension says an empty name means the current user, but OpenSSH 9.2p1 answers
     * {@code SSH_FX_FAILURE} to it (recorded in this package's golden transcript).
     */
    record HomeDirectory(String username) implements SftpExtendedRequest {
        /** Checks for nulls. */
        public HomeDirectory {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public String name() {
            return SftpConstants.EXT_HOME_DIRECTORY;
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeUtf8(username);
        }
    }

    /**
     * {@code users-groups-by-id@openssh.com} (§4.12): names for numeric ids, each list a string of
     * uint32s; EXTENDED_REPLY with {@link SftpExtendedReplyData.UsersGroupsByIdReply} in the same order.
     */
    record UsersGroupsById(List<Long> uids, List<Long> gids) implements SftpExtendedRequest {
        /** Copies the lists and checks that every id is a uint32. */
        public UsersGroupsById {
            uids = List.copyOf(uids);
            gids = List.copyOf(gids);
            for (List<Long> ids : List.of(uids, gids)) {
                for (long id : ids) {
                    if (id < 0 || id > 0xffffffffL) {
                        throw new IllegalArgumentException("id is not a uint32: " + id);
                    }
                }
            }
        }

        @Override
        public String name() {
            return SftpConstants.EXT_USERS_GROUPS_BY_ID;
        }

        @Override
        public void encodeData(SshWriter w) {
            SftpExtended.writeIdList(w, uids);
            SftpExtended.writeIdList(w, gids);
        }
    }

    /**
     * Any other extension: the name and the rest of the packet as raw bytes. A server that does
     * not implement it answers {@code SSH_FX_OP_UNSUPPORTED}.
     */
    record Unknown(String name, Bytes data) implements SftpExtendedRequest {
        /** Refuses a name that has its own record: it would not decode back to this one. */
        public Unknown {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
            if (KNOWN_NAMES.contains(name)) {
                throw new IllegalArgumentException(name + " has its own record");
            }
        }

        @Override
        public void encodeData(SshWriter w) {
            w.writeRaw(data);
        }
    }
}
