package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;

/**
 * A file system operation of an {@link SftpFileSystemBackend} failed with an SFTP status: the
 * server session answers the request with STATUS carrying {@link #code()} and the message
 * (draft-ietf-secsh-filexfer-02 §7). Backends map their own errors to the nearest code:
 * a missing file to {@code SSH_FX_NO_SUCH_FILE}, a refusal to {@code SSH_FX_PERMISSION_DENIED},
 * an operation they do not implement to {@code SSH_FX_OP_UNSUPPORTED}, anything else to
 * {@code SSH_FX_FAILURE}.
 */
public final class SftpStatusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** A failure with {@code code} and a message for the client. */
    public SftpStatusException(int code, String message) {
        super(message);
        if (code == SftpConstants.SSH_FX_OK) {
            throw new IllegalArgumentException("SSH_FX_OK is not a failure");
        }
        this.code = code;
    }

    /** A failure with {@code code} and the message OpenSSH's sftp-server uses for it. */
    public SftpStatusException(int code) {
        this(code, defaultMessage(code));
    }

    /** The {@code SSH_FX_*} code. */
    public int code() {
        return code;
    }

    /** The message OpenSSH's sftp-server sends with {@code code}, e.g. "No such file". */
    public static String defaultMessage(int code) {
        return switch (code) {
            case SftpConstants.SSH_FX_OK -> "Success";
            case SftpConstants.SSH_FX_EOF -> "End of file";
            case SftpConstants.SSH_FX_NO_SUCH_FILE -> "No such file";
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> "Permission denied";
            case SftpConstants.SSH_FX_FAILURE -> "Failure";
            case SftpConstants.SSH_FX_BAD_MESSAGE -> "Bad message";
            case SftpConstants.SSH_FX_NO_CONNECTION -> "No connection";
            case SftpConstants.SSH_FX_CONNECTION_LOST -> "Connection lost";
            case SftpConstants.SSH_FX_OP_UNSUPPORTED -> "Operation unsupported";
            default -> "Unknown error";
        };
    }
}
