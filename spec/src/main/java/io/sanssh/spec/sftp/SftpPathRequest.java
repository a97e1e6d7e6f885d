package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_LSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_MKDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_OPEN;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_OPENDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READLINK;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_REALPATH;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_REMOVE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_RENAME;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_RMDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_SETSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_STAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_SYMLINK;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * The requests of draft-ietf-secsh-filexfer-02 §6 that name a file by path.
 *
 * <p>Paths are {@link Bytes}: the draft's paths are byte strings, and OpenSSH hands them to the
 * file system unchanged. Use {@link Bytes#utf8(String)} to build one from text (§6.2: servers
 * interpret them relative to the user's directory unless absolute).
 */
public sealed interface SftpPathRequest extends SftpRequest {

    /** The request id the reply echoes (draft §6.1). */
    int id();

    /**
     * {@code SSH_FXP_OPEN} (§6.3): opens or creates a file; answered by HANDLE or STATUS.
     *
     * @param pflags {@code SSH_FXF_*} bits, raw
     * @param attrs initial attributes when the file is created (usually just permissions)
     */
    record Open(int id, Bytes filename, int pflags, SftpAttributes attrs) implements SftpPathRequest {
        /** Checks for nulls. */
        public Open {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public int type() {
            return SSH_FXP_OPEN;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(filename).writeInt(pflags);
            attrs.encode(w);
        }

        static Open decode(int id, SshReader r) {
            Bytes filename = r.readString();
            int pflags = r.readInt();
            return new Open(id, filename, pflags, SftpAttributes.decode(r));
        }
    }

    /** {@code SSH_FXP_LSTAT} (§6.8): attributes without following a final symbolic link; ATTRS or STATUS. */
    record Lstat(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Lstat {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_LSTAT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /** {@code SSH_FXP_STAT} (§6.8): attributes, following symbolic links; ATTRS or STATUS. */
    record Stat(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Stat {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_STAT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /** {@code SSH_FXP_SETSTAT} (§6.9): changes the attributes present in {@code attrs}; STATUS. */
    record Setstat(int id, Bytes path, SftpAttributes attrs) implements SftpPathRequest {
        /** Checks for nulls. */
        public Setstat {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public int type() {
            return SSH_FXP_SETSTAT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
            attrs.encode(w);
        }
    }

    /** {@code SSH_FXP_OPENDIR} (§6.7): opens a directory for READDIR; HANDLE or STATUS. */
    record Opendir(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Opendir {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_OPENDIR;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /** {@code SSH_FXP_REMOVE} (§6.5): removes a file (not a directory); STATUS. */
    record Remove(int id, Bytes filename) implements SftpPathRequest {
        /** Checks for nulls. */
        public Remove {
            Objects.requireNonNull(filename, "filename");
        }

        @Override
        public int type() {
            return SSH_FXP_REMOVE;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(filename);
        }
    }

    /** {@code SSH_FXP_MKDIR} (§6.6): creates a directory with {@code attrs}; STATUS. */
    record Mkdir(int id, Bytes path, SftpAttributes attrs) implements SftpPathRequest {
        /** Checks for nulls. */
        public Mkdir {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public int type() {
            return SSH_FXP_MKDIR;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
            attrs.encode(w);
        }
    }

    /** {@code SSH_FXP_RMDIR} (§6.6): removes an empty directory; STATUS. */
    record Rmdir(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Rmdir {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_RMDIR;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /** {@code SSH_FXP_REALPATH} (§6.11): canonicalises a path; NAME with one entry, or STATUS. */
    record Realpath(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Realpath {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_REALPATH;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /**
     * {@code SSH_FXP_RENAME} (§6.5): renames; the draft's rename fails if {@code newPath} exists
     * (OpenSSH's {@code posix-rename@openssh.com} replaces it instead). STATUS.
     */
    record Rename(int id, Bytes oldPath, Bytes newPath) implements SftpPathRequest {
        /** Checks for nulls. */
        public Rename {
            Objects.requireNonNull(oldPath, "oldPath");
            Objects.requireNonNull(newPath, "newPath");
        }

        @Override
        public int type() {
            return SSH_FXP_RENAME;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(oldPath).writeString(newPath);
        }
    }

    /** {@code SSH_FXP_READLINK} (§6.10): the target of a symbolic link; NAME with one entry, or STATUS. */
    record Readlink(int id, Bytes path) implements SftpPathRequest {
        /** Checks for nulls. */
        public Readlink {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int type() {
            return SSH_FXP_READLINK;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(path);
        }
    }

    /**
     * {@code SSH_FXP_SYMLINK} (§6.10) as OpenSSH speaks it; STATUS.
     *
     * <p>Fields are named by their wire order <em>as OpenSSH reads them</em>: first the target the
     * new link points to, then the path of the link to create (OpenSSH PROTOCOL §4.1). The draft
     * specifies the reverse ({@code linkpath} first); OpenSSH's sftp-server reversed the arguments
     * early and kept them for compatibility, and most servers followed. A client that talks to a
     * server known to follow the draft must swap the two.
     *
     * @param targetPath first on the wire: what the link points to
     * @param linkPath second on the wire: the link to create
     */
    record Symlink(int id, Bytes targetPath, Bytes linkPath) implements SftpPathRequest {
        /** Checks for nulls. */
        public Symlink {
            Objects.requireNonNull(targetPath, "targetPath");
            Objects.requireNonNull(linkPath, "linkPath");
        }

        @Override
        public int type() {
            return SSH_FXP_SYMLINK;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(targetPath).writeString(linkPath);
        }
    }
}
