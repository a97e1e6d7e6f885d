package io.sanssh.spec.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_CLOSE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_FSETSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_FSTAT;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READ;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_READDIR;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FXP_WRITE;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * The requests of draft-ietf-secsh-filexfer-02 §6 that act on an open handle, as returned by a
 * {@link SftpReply.Handle} reply to OPEN or OPENDIR.
 *
 * <p>A handle is an opaque byte string chosen by the server (§6.3: at most 256 bytes; not
 * enforced here, a client just echoes what it was given).
 */
public sealed interface SftpHandleRequest extends SftpRequest {

    /** The request id the reply echoes (draft §6.1). */
    int id();

    /** The handle this request acts on. */
    Bytes handle();

    /** {@code SSH_FXP_CLOSE} (§6.3): closes a file or directory handle; STATUS. */
    record Close(int id, Bytes handle) implements SftpHandleRequest {
        /** Checks for nulls. */
        public Close {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public int type() {
            return SSH_FXP_CLOSE;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle);
        }
    }

    /**
     * {@code SSH_FXP_READ} (§6.4): up to {@code length} bytes from {@code offset}; DATA (possibly
     * shorter), or STATUS with {@code SSH_FX_EOF} at the end of the file.
     *
     * @param offset the file offset, raw uint64 bits
     * @param length the most bytes to return, a uint32 (OpenSSH serves at most its
     *               {@code max-read-length}, {@link SftpExtendedReplyData.LimitsReply})
     */
    record Read(int id, Bytes handle, long offset, long length) implements SftpHandleRequest {
        /** Checks for nulls and that {@code length} is a uint32. */
        public Read {
            Objects.requireNonNull(handle, "handle");
            if (length < 0 || length > 0xffffffffL) {
                throw new IllegalArgumentException("length is not a uint32: " + length);
            }
        }

        @Override
        public int type() {
            return SSH_FXP_READ;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle).writeUint64(offset).writeUint32(length);
        }
    }

    /**
     * {@code SSH_FXP_WRITE} (§6.4): writes {@code data} at {@code offset}; STATUS.
     *
     * @param offset the file offset, raw uint64 bits (ignored by servers for APPEND handles)
     */
    record Write(int id, Bytes handle, long offset, Bytes data) implements SftpHandleRequest {
        /** Checks for nulls. */
        public Write {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int type() {
            return SSH_FXP_WRITE;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle).writeUint64(offset).writeString(data);
        }
    }

    /** {@code SSH_FXP_FSTAT} (§6.8): the attributes of an open file; ATTRS or STATUS. */
    record Fstat(int id, Bytes handle) implements SftpHandleRequest {
        /** Checks for nulls. */
        public Fstat {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public int type() {
            return SSH_FXP_FSTAT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle);
        }
    }

    /** {@code SSH_FXP_FSETSTAT} (§6.9): changes the attributes of an open file; STATUS. */
    record Fsetstat(int id, Bytes handle, SftpAttributes attrs) implements SftpHandleRequest {
        /** Checks for nulls. */
        public Fsetstat {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(attrs, "attrs");
        }

        @Override
        public int type() {
            return SSH_FXP_FSETSTAT;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle);
            attrs.encode(w);
        }
    }

    /**
     * {@code SSH_FXP_READDIR} (§6.7): the next entries of an open directory; NAME with one or
     * more entries, or STATUS with {@code SSH_FX_EOF} when there are no more.
     */
    record Readdir(int id, Bytes handle) implements SftpHandleRequest {
        /** Checks for nulls. */
        public Readdir {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public int type() {
            return SSH_FXP_READDIR;
        }

        @Override
        public void encodeBody(SshWriter w) {
            w.writeInt(id).writeString(handle);
        }
    }
}
