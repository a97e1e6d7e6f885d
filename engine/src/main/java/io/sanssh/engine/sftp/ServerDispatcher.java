package io.sanssh.engine.sftp;

import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_EOF;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_FAILURE;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_OK;
import static io.sanssh.spec.sftp.SftpConstants.SSH_FX_OP_UNSUPPORTED;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedRequest;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The server's answer table: one request in, one reply out, through the backend
 * (draft-ietf-secsh-filexfer-02 §6-§8, OpenSSH PROTOCOL §4.3-§4.12). Backend failures become
 * STATUS with their code; a handle that is not open (or of the wrong kind) is
 * {@code SSH_FX_FAILURE}, as OpenSSH answers; an extension not announced is
 * {@code SSH_FX_OP_UNSUPPORTED}.
 */
final class ServerDispatcher {
    /** A DATA packet's bytes before its data: length, type, id, data length (§7). */
    private static final int DATA_HEADER = 4 + 1 + 4 + 4;
    private final SftpFileSystemBackend backend;
    private final HandleTable handles;
    private final Set<String> offered;
    private final LimitsReply limits;

    ServerDispatcher(SftpFileSystemBackend backend, HandleTable handles, Set<String> offered, LimitsReply limits) {
        this.backend = backend;
        this.handles = handles;
        this.offered = offered;
        this.limits = limits;
    }

    /** The reply to {@code request}, which carries an id (not INIT, not an undefined type, not READ: {@link #answerRead}). */
    SftpReply answer(int id, SftpRequest request) {
        try {
            return dispatch(id, request);
        } catch (SftpStatusException e) {
            return status(id, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // a backend bug must not end the session: the client learns that this request failed
            return status(id, SSH_FX_FAILURE, "Failure");
        }
    }

    /**
     * Answers a READ straight into {@code out}: the file is read into the array of the DATA packet
     * itself (a spare of {@code out} when one fits), instead of into a buffer that encoding the
     * reply would copy again. Errors answer STATUS as {@link #answer} does.
     */
    void answerRead(int id, SftpHandleRequest.Read r, PacketOutput out) {
        try {
            SftpOpenFile f = file(r.handle());
            int len = (int) Math.min(r.length(), limits.maxReadLength());
            byte[] packet = out.buffer(DATA_HEADER + len);
            int n = f.read(r.offset(), ByteBuffer.wrap(packet, DATA_HEADER, len));
            if (n < 0) {
                out.add(status(id, SSH_FX_EOF, SftpStatusException.defaultMessage(SSH_FX_EOF)));
                return;
            }
            if (n < len) {
                packet = java.util.Arrays.copyOf(packet, DATA_HEADER + n);
            }
            ByteBuffer.wrap(packet).putInt(DATA_HEADER - 4 + n).put((byte) SftpConstants.SSH_FXP_DATA).putInt(id)
                    .putInt(n);
            out.addEncoded(packet);
        } catch (SftpStatusException e) {
            out.add(status(id, e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            out.add(status(id, SSH_FX_FAILURE, "Failure"));
        }
    }

    private SftpReply dispatch(int id, SftpRequest request) throws SftpStatusException {
        if (request instanceof SftpPathRequest p) {
            return path(id, p);
        }
        if (request instanceof SftpHandleRequest h) {
            return handle(id, h);
        }
        if (request instanceof SftpExtended e) {
            return extended(id, e.request());
        }
        throw new IllegalArgumentException("not a request with an id: " + request);
    }

    private SftpReply path(int id, SftpPathRequest p) throws SftpStatusException {
        if (p instanceof SftpPathRequest.Open r) {
            requireRoom();
            return new SftpReply.Handle(id, handles.add(backend.open(r.filename(), r.pflags(), r.attrs())));
        } else if (p instanceof SftpPathRequest.Opendir r) {
            requireRoom();
            return new SftpReply.Handle(id, handles.add(backend.openDirectory(r.path())));
        } else if (p instanceof SftpPathRequest.Stat r) {
            return new SftpReply.Attrs(id, backend.stat(r.path()));
        } else if (p instanceof SftpPathRequest.Lstat r) {
            return new SftpReply.Attrs(id, backend.lstat(r.path()));
        } else if (p instanceof SftpPathRequest.Setstat r) {
            backend.setstat(r.path(), r.attrs());
        } else if (p instanceof SftpPathRequest.Remove r) {
            backend.remove(r.filename());
        } else if (p instanceof SftpPathRequest.Mkdir r) {
            backend.mkdir(r.path(), r.attrs());
        } else if (p instanceof SftpPathRequest.Rmdir r) {
            backend.rmdir(r.path());
        } else if (p instanceof SftpPathRequest.Realpath r) {
            return oneName(id, backend.realpath(r.path()));
        } else if (p instanceof SftpPathRequest.Rename r) {
            backend.rename(r.oldPath(), r.newPath());
        } else if (p instanceof SftpPathRequest.Readlink r) {
            return oneName(id, backend.readlink(r.path()));
        } else if (p instanceof SftpPathRequest.Symlink r) {
            backend.symlink(r.targetPath(), r.linkPath());
        }
        return ok(id);
    }

    private SftpReply handle(int id, SftpHandleRequest h) throws SftpStatusException {
        if (h instanceof SftpHandleRequest.Close r) {
            Object target = handles.remove(r.handle());
            if (target instanceof SftpOpenFile f) {
                f.close();
            } else if (target instanceof SftpOpenDirectory d) {
                d.close();
            } else {
                throw invalidHandle();
            }
        } else if (h instanceof SftpHandleRequest.Read) {
            throw new IllegalArgumentException("READ is answered by answerRead, into the output itself");
        } else if (h instanceof SftpHandleRequest.Write r) {
            file(r.handle()).write(r.offset(), r.data().asReadOnlyBuffer());
        } else if (h instanceof SftpHandleRequest.Fstat r) {
            return new SftpReply.Attrs(id, file(r.handle()).stat());
        } else if (h instanceof SftpHandleRequest.Fsetstat r) {
            file(r.handle()).setstat(r.attrs());
        } else if (h instanceof SftpHandleRequest.Readdir r) {
            SftpOpenDirectory d = handles.directory(r.handle());
            if (d == null) {
                throw invalidHandle();
            }
            List<SftpReply.NameEntry> entries = d.next();
            if (entries.isEmpty()) {
                return status(id, SSH_FX_EOF, SftpStatusException.defaultMessage(SSH_FX_EOF));
            }
            return new SftpReply.Name(id, entries);
        }
        return ok(id);
    }

    private SftpReply extended(int id, SftpExtendedRequest x) throws SftpStatusException {
        if (!offered.contains(x.name())) {
            return status(id, SSH_FX_OP_UNSUPPORTED, "Unsupported request " + x.name());
        }
        if (x instanceof SftpExtendedRequest.Limits) {
            return limits.toReply(id);
        } else if (x instanceof SftpExtendedRequest.PosixRename r) {
            backend.posixRename(r.oldPath(), r.newPath());
        } else if (x instanceof SftpExtendedRequest.Statvfs r) {
            return backend.statvfs(r.path()).toReply(id);
        } else if (x instanceof SftpExtendedRequest.Fstatvfs r) {
            return file(r.handle()).statvfs().toReply(id);
        } else if (x instanceof SftpExtendedRequest.Hardlink r) {
            backend.hardlink(r.oldPath(), r.newPath());
        } else if (x instanceof SftpExtendedRequest.Fsync r) {
            file(r.handle()).fsync();
        } else if (x instanceof SftpExtendedRequest.Lsetstat r) {
            backend.lsetstat(r.path(), r.attrs());
        } else if (x instanceof SftpExtendedRequest.ExpandPath r) {
            return oneName(id, backend.expandPath(r.path()));
        } else if (x instanceof SftpExtendedRequest.CopyData r) {
            SftpOpenFile from = file(r.readHandle());
            SftpOpenFile to = file(r.writeHandle());
            backend.copyData(from, r.readOffset(), r.readLength(), to, r.writeOffset());
        } else if (x instanceof SftpExtendedRequest.HomeDirectory r) {
            return oneName(id, backend.homeDirectory(r.username()));
        } else if (x instanceof SftpExtendedRequest.UsersGroupsById r) {
            return backend.usersGroupsById(r.uids(), r.gids()).toReply(id);
        } else {
            return status(id, SSH_FX_OP_UNSUPPORTED, "Unsupported request " + x.name());
        }
        return ok(id);
    }

    private SftpOpenFile file(Bytes handle) throws SftpStatusException {
        SftpOpenFile f = handles.file(handle);
        if (f == null) {
            throw invalidHandle();
        }
        return f;
    }

    private void requireRoom() throws SftpStatusException {
        if (!handles.hasRoom()) {
            throw new SftpStatusException(SSH_FX_FAILURE, "Too many open handles (at most " + handles.max() + ")");
        }
    }

    private static SftpStatusException invalidHandle() {
        return new SftpStatusException(SSH_FX_FAILURE, "Invalid handle");
    }

    /** A NAME with one entry as OpenSSH sends for REALPATH and READLINK: the name twice, no attributes. */
    private static SftpReply oneName(int id, Bytes name) {
        return new SftpReply.Name(id, List.of(new SftpReply.NameEntry(name, name, SftpAttributes.EMPTY)));
    }

    private static SftpReply ok(int id) {
        return status(id, SSH_FX_OK, SftpStatusException.defaultMessage(SSH_FX_OK));
    }

    private static SftpReply status(int id, int code, String message) {
        return SftpReply.Status.of(id, code, message == null ? SftpStatusException.defaultMessage(code) : message);
    }
}
