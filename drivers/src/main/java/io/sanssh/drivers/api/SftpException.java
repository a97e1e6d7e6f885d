package io.sanssh.drivers.api;

import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.spec.sftp.SftpConstants;
import java.io.IOException;
import java.util.Objects;

/**
 * An SFTP request failed: which request, the {@code SSH_FX_*} status code and the server's
 * message (draft-ietf-secsh-filexfer-02 §7), or a failure the client decided itself (an extension
 * the server does not offer, the session ending first). Thrown by the blocking methods of
 * {@link SftpClient} and carried by its failed futures.
 */
public class SftpException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient SftpFailure failure;
    private final int code;

    /** The failure of a request, with {@code context} (e.g. the path) in front of its description. */
    public SftpException(String context, SftpFailure failure) {
        super((context == null || context.isEmpty() ? "" : context + ": ") + failure.describe());
        this.failure = Objects.requireNonNull(failure, "failure");
        this.code = failure.code();
    }

    /** The {@code SSH_FX_*} code, e.g. {@link SftpConstants#SSH_FX_NO_SUCH_FILE}. */
    public int code() {
        return code;
    }

    /** The code's name, e.g. {@code "SSH_FX_PERMISSION_DENIED"}. */
    public String statusName() {
        return SftpConstants.statusName(code);
    }

    /** The server's message (or the client's explanation). */
    public String serverMessage() {
        return failure.message();
    }

    /** The failed request's name, e.g. {@code "SSH_FXP_OPEN #3"}. */
    public String requestName() {
        return failure.requestName();
    }

    /** Whether the server sent the status; false when the client decided. */
    public boolean fromServer() {
        return failure.fromServer();
    }

    /** The whole failure record. */
    public SftpFailure failure() {
        return failure;
    }
}
