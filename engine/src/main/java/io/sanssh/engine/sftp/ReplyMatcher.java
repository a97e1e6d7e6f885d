package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedReplyData;
import io.sanssh.spec.sftp.SftpExtendedRequest;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.SshFormatException;

/**
 * Which reply each request may get, and the completion a reply makes: the answer table of
 * draft-ietf-secsh-filexfer-02 §6-§7 and OpenSSH PROTOCOL §4.3-§4.12 in one place.
 *
 * <p>Any request may be answered by STATUS. A non-OK STATUS is a failure; STATUS OK is a success
 * only for the requests that answer with a status alone. Any other mismatch (DATA for a STAT, OK
 * for an OPEN, an EXTENDED_REPLY whose data does not fit the extension) is the server breaking the
 * protocol, reported as {@link SshFormatException}: the session cannot trust the stream after it.
 */
final class ReplyMatcher {
    private ReplyMatcher() {
    }

    /** The reply types a request expects besides STATUS. */
    private enum Expect {
        STATUS_ONLY, HANDLE, DATA, NAME, ATTRS, EXTENDED_REPLY, ANYTHING
    }

    /** The completion {@code reply} makes for {@code request}; throws {@link SshFormatException} for a mismatch. */
    static SftpCompletion match(int id, SftpRequest request, SftpReply reply) {
        Expect expect = expect(request);
        if (reply instanceof SftpReply.Status s) {
            if (!s.isOk()) {
                return new SftpCompletion.Failed(id, request, SftpFailure.ofStatus(request, s));
            }
            if (expect == Expect.STATUS_ONLY || expect == Expect.ANYTHING) {
                return new SftpCompletion.Succeeded(id, request, reply, null);
            }
            throw mismatch(id, request, reply);
        }
        boolean fits = switch (expect) {
            case STATUS_ONLY -> false;
            case HANDLE -> reply instanceof SftpReply.Handle;
            case DATA -> reply instanceof SftpReply.Data;
            case NAME -> reply instanceof SftpReply.Name;
            case ATTRS -> reply instanceof SftpReply.Attrs;
            case EXTENDED_REPLY -> reply instanceof SftpReply.ExtendedReply;
            case ANYTHING -> !(reply instanceof SftpReply.Version);
        };
        if (!fits) {
            throw mismatch(id, request, reply);
        }
        SftpExtendedReplyData data = null;
        if (reply instanceof SftpReply.ExtendedReply x && request instanceof SftpExtended e) {
            data = decodeExtended(e.request(), x);
        }
        return new SftpCompletion.Succeeded(id, request, reply, data);
    }

    private static Expect expect(SftpRequest request) {
        if (request instanceof SftpPathRequest p) {
            if (p instanceof SftpPathRequest.Open || p instanceof SftpPathRequest.Opendir) {
                return Expect.HANDLE;
            }
            if (p instanceof SftpPathRequest.Stat || p instanceof SftpPathRequest.Lstat) {
                return Expect.ATTRS;
            }
            if (p instanceof SftpPathRequest.Realpath || p instanceof SftpPathRequest.Readlink) {
                return Expect.NAME;
            }
            return Expect.STATUS_ONLY;
        }
        if (request instanceof SftpHandleRequest h) {
            if (h instanceof SftpHandleRequest.Read) {
                return Expect.DATA;
            }
            if (h instanceof SftpHandleRequest.Readdir) {
                return Expect.NAME;
            }
            if (h instanceof SftpHandleRequest.Fstat) {
                return Expect.ATTRS;
            }
            return Expect.STATUS_ONLY;
        }
        if (request instanceof SftpExtended e) {
            SftpExtendedRequest x = e.request();
            if (x instanceof SftpExtendedRequest.Statvfs || x instanceof SftpExtendedRequest.Fstatvfs
                    || x instanceof SftpExtendedRequest.Limits || x instanceof SftpExtendedRequest.UsersGroupsById) {
                return Expect.EXTENDED_REPLY;
            }
            if (x instanceof SftpExtendedRequest.ExpandPath || x instanceof SftpExtendedRequest.HomeDirectory) {
                return Expect.NAME;
            }
            if (x instanceof SftpExtendedRequest.Unknown) {
                return Expect.ANYTHING;
            }
            return Expect.STATUS_ONLY;
        }
        throw new IllegalArgumentException("not a request that gets a reply: " + request);
    }

    /** Decodes the data of an EXTENDED_REPLY for the extensions whose format is known; null for others. */
    private static SftpExtendedReplyData decodeExtended(SftpExtendedRequest request, SftpReply.ExtendedReply reply) {
        if (request instanceof SftpExtendedRequest.Statvfs || request instanceof SftpExtendedRequest.Fstatvfs) {
            return SftpExtendedReplyData.StatvfsReply.decode(reply.data());
        }
        if (request instanceof SftpExtendedRequest.Limits) {
            return SftpExtendedReplyData.LimitsReply.decode(reply.data());
        }
        if (request instanceof SftpExtendedRequest.UsersGroupsById) {
            return SftpExtendedReplyData.UsersGroupsByIdReply.decode(reply.data());
        }
        return null;
    }

    private static SshFormatException mismatch(int id, SftpRequest request, SftpReply reply) {
        String got = reply instanceof SftpReply.Status ? "SSH_FX_OK without the data it asks for"
                : SftpConstants.packetTypeName(reply.type());
        return new SshFormatException("the server answered " + SftpFailure.describeRequest(id, request)
                + " with " + got);
    }
}
