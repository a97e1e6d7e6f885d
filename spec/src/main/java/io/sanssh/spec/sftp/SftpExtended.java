package io.sanssh.spec.sftp;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SSH_FXP_EXTENDED} (draft-ietf-secsh-filexfer-02 §8): {@code uint32 id, string
 * extended-request, ...}, with the request-specific data decoded into a typed
 * {@link SftpExtendedRequest} chosen by the request name.
 *
 * <p>A server answers with STATUS, with {@code SSH_FXP_EXTENDED_REPLY}
 * ({@link SftpReply.ExtendedReply}, whose data the requester decodes with
 * {@link SftpExtendedReplyData}), or for expand-path and home-directory with NAME. A server that
 * does not know the name answers {@code SSH_FX_OP_UNSUPPORTED}.
 *
 * <p>A request with a known name whose data does not match that request's format is a format
 * error, not an {@link SftpExtendedRequest.Unknown}: the name promises the format.
 *
 * @param id the request id the reply echoes
 * @param request the typed request; its {@link SftpExtendedRequest#name() name} is the wire name
 */
public record SftpExtended(int id, SftpExtendedRequest request) implements SftpRequest {

    /** Checks for nulls. */
    public SftpExtended {
        Objects.requireNonNull(request, "request");
    }

    /** The {@code extended-request} name on the wire, e.g. {@code "posix-rename@openssh.com"}. */
    public String requestName() {
        return request.name();
    }

    @Override
    public int type() {
        return SftpConstants.SSH_FXP_EXTENDED;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(id).writeUtf8(request.name());
        request.encodeData(w);
    }

    /**
     * Reads the request name and its data, which must fill the rest of the packet (the caller
     * checks the end). The dispatch table of OpenSSH PROTOCOL §4.3-§4.12.
     */
    static SftpExtended decode(int id, SshReader r) {
        String name = r.readUtf8();
        SftpExtendedRequest request = switch (name) {
            case SftpConstants.EXT_POSIX_RENAME ->
                    new SftpExtendedRequest.PosixRename(r.readString(), r.readString());
            case SftpConstants.EXT_STATVFS -> new SftpExtendedRequest.Statvfs(r.readString());
            case SftpConstants.EXT_FSTATVFS -> new SftpExtendedRequest.Fstatvfs(r.readString());
            case SftpConstants.EXT_HARDLINK -> new SftpExtendedRequest.Hardlink(r.readString(), r.readString());
            case SftpConstants.EXT_FSYNC -> new SftpExtendedRequest.Fsync(r.readString());
            case SftpConstants.EXT_LSETSTAT ->
                    new SftpExtendedRequest.Lsetstat(r.readString(), SftpAttributes.decode(r));
            case SftpConstants.EXT_LIMITS -> new SftpExtendedRequest.Limits();
            case SftpConstants.EXT_EXPAND_PATH -> new SftpExtendedRequest.ExpandPath(r.readString());
            case SftpConstants.EXT_COPY_DATA -> {
                Bytes readHandle = r.readString();
                long readOffset = r.readUint64();
                long readLength = r.readUint64();
                Bytes writeHandle = r.readString();
                yield new SftpExtendedRequest.CopyData(readHandle, readOffset, readLength, writeHandle,
                        r.readUint64());
            }
            case SftpConstants.EXT_HOME_DIRECTORY -> new SftpExtendedRequest.HomeDirectory(r.readUtf8());
            case SftpConstants.EXT_USERS_GROUPS_BY_ID -> {
                List<Long> uids = readIdList(r, "uids");
                yield new SftpExtendedRequest.UsersGroupsById(uids, readIdList(r, "gids"));
            }
            default -> new SftpExtendedRequest.Unknown(name, r.readRemaining());
        };
        return new SftpExtended(id, request);
    }

    /** Writes ids as one string holding a uint32 per id (PROTOCOL §4.12). */
    static void writeIdList(SshWriter w, List<Long> ids) {
        w.writeInt(ids.size() * 4);
        for (long id : ids) {
            w.writeUint32(id);
        }
    }

    /** Reads a string that must hold a whole number of uint32 ids. */
    private static List<Long> readIdList(SshReader r, String what) {
        byte[] b = r.readStringBytes();
        if (b.length % 4 != 0) {
            throw new SshFormatException("users-groups-by-id " + what + " is " + b.length
                    + " bytes, not a whole number of uint32");
        }
        SshReader ids = new SshReader(b);
        List<Long> out = new ArrayList<>(b.length / 4);
        while (ids.hasRemaining()) {
            out.add(ids.readUint32());
        }
        return List.copyOf(out);
    }
}
