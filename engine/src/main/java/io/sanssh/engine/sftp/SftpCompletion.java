package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpExtendedReplyData;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one request: what {@link SftpClientSession#pollCompletion()} returns, or what an
 * {@link SftpCompletionHandler} receives. There is exactly one per request, and only after the
 * server's reply arrived (or the client failed the request itself, see {@link SftpFailure}), so
 * a completion never means "sent", only "answered".
 */
public sealed interface SftpCompletion {

    /** The id of the request. */
    int requestId();

    /** The request as it was sent. */
    SftpRequest request();

    /** Whether the request succeeded. */
    boolean succeeded();

    /** The failure; throws {@link IllegalStateException} for a success. */
    SftpFailure failure();

    /**
     * The server answered with the reply the request asks for: HANDLE, DATA, NAME, ATTRS,
     * EXTENDED_REPLY, or STATUS with {@code SSH_FX_OK} for the requests that answer only with a
     * status.
     *
     * @param reply the reply as received
     * @param extendedData for an OpenSSH extension that answers EXTENDED_REPLY (statvfs, fstatvfs,
     *                     limits, users-groups-by-id), the decoded data; otherwise null
     */
    record Succeeded(int requestId, SftpRequest request, SftpReply reply, SftpExtendedReplyData extendedData)
            implements SftpCompletion {
        /** Checks for nulls. */
        public Succeeded {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public SftpFailure failure() {
            throw new IllegalStateException(SftpFailure.describeRequest(requestId, request) + " succeeded");
        }

        /** The handle of a HANDLE reply (OPEN, OPENDIR). */
        public Bytes handle() {
            return as(SftpReply.Handle.class).handle();
        }

        /** The bytes of a DATA reply (READ). */
        public Bytes data() {
            return as(SftpReply.Data.class).data();
        }

        /** The attributes of an ATTRS reply (STAT, LSTAT, FSTAT). */
        public SftpAttributes attrs() {
            return as(SftpReply.Attrs.class).attrs();
        }

        /** The entries of a NAME reply (READDIR, REALPATH, READLINK, expand-path, home-directory). */
        public List<SftpReply.NameEntry> names() {
            return as(SftpReply.Name.class).entries();
        }

        /** The file name of the first NAME entry: the answer of REALPATH, READLINK, expand-path, home-directory. */
        public Bytes firstName() {
            List<SftpReply.NameEntry> e = names();
            if (e.isEmpty()) {
                throw new IllegalStateException("the NAME reply has no entries");
            }
            return e.get(0).filename();
        }

        /** The decoded EXTENDED_REPLY data as {@code type}; throws if it is something else. */
        public <T extends SftpExtendedReplyData> T extended(Class<T> type) {
            if (!type.isInstance(extendedData)) {
                throw new IllegalStateException("the reply carries " + extendedData + ", not " + type.getSimpleName());
            }
            return type.cast(extendedData);
        }

        private <T extends SftpReply> T as(Class<T> type) {
            if (!type.isInstance(reply)) {
                throw new IllegalStateException("the reply is " + reply.getClass().getSimpleName() + ", not "
                        + type.getSimpleName());
            }
            return type.cast(reply);
        }
    }

    /**
     * The request failed: a non-OK STATUS from the server ({@code SSH_FX_EOF} included, the normal
     * end of READ and READDIR), or a failure the client decided (see {@link SftpFailure}).
     */
    record Failed(int requestId, SftpRequest request, SftpFailure failure) implements SftpCompletion {
        /** Checks for nulls. */
        public Failed {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }
}
