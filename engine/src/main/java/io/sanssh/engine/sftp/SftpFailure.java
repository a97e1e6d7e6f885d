package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import java.util.Objects;

/**
 * Why a request did not succeed: the {@code SSH_FX_*} status code and message, and which request
 * it was. Either the server said so in a STATUS reply ({@link #fromServer()}), or the client
 * decided without asking: the server does not offer the extension ({@code SSH_FX_OP_UNSUPPORTED}),
 * or the session ended before the reply came ({@code SSH_FX_CONNECTION_LOST}).
 *
 * @param code an {@code SSH_FX_*} code, raw uint32 bits (draft-ietf-secsh-filexfer-02 §7)
 * @param message the server's message, or the client's explanation; never null
 * @param requestId the id of the failed request
 * @param request the failed request as it was (or would have been) sent
 * @param fromServer whether the server sent this status; false for a failure the client made
 */
public record SftpFailure(int code, String message, int requestId, SftpRequest request, boolean fromServer) {

    /** Checks for nulls. */
    public SftpFailure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(request, "request");
    }

    /** The failure a server's non-OK STATUS reply to {@code request} stands for. */
    public static SftpFailure ofStatus(SftpRequest request, SftpReply.Status status) {
        String msg = status.message() == null ? "" : status.message();
        return new SftpFailure(status.code(), msg, status.id(), request, true);
    }

    /** A failure the client decided on its own, with {@code code} and an explanation. */
    public static SftpFailure local(int requestId, SftpRequest request, int code, String message) {
        return new SftpFailure(code, message, requestId, request, false);
    }

    /** Whether the code is {@code SSH_FX_EOF}: the normal end of READ and READDIR (draft §6.4, §6.7). */
    public boolean isEof() {
        return code == SftpConstants.SSH_FX_EOF;
    }

    /** The name of the failed request, e.g. {@code "SSH_FXP_WRITE #17"} or {@code "fsync@openssh.com #9"}. */
    public String requestName() {
        return describeRequest(requestId, request);
    }

    /**
     * One line naming the request, the code and the message, e.g.
     * {@code "SSH_FXP_WRITE #17 at offset 65536 failed: SSH_FX_PERMISSION_DENIED (server): Permission denied"}.
     */
    public String describe() {
        return requestName() + " failed: " + SftpConstants.statusName(code) + (fromServer ? " (server)" : " (client)")
                + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A short human name for a request: its type or extension name, its id, and its offset if it has one. */
    static String describeRequest(int id, SftpRequest request) {
        String name = request instanceof SftpExtended e ? e.requestName()
                : SftpConstants.packetTypeName(request.type());
        String where = "";
        if (request instanceof SftpHandleRequest.Read r) {
            where = " at offset " + Long.toUnsignedString(r.offset()) + " (" + r.length() + " bytes)";
        } else if (request instanceof SftpHandleRequest.Write w) {
            where = " at offset " + Long.toUnsignedString(w.offset()) + " (" + w.data().length() + " bytes)";
        }
        return name + " #" + Integer.toUnsignedString(id) + where;
    }
}
