package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpStatusException;
import io.sanssh.spec.sftp.SftpConstants;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Maps the file system's exceptions to SFTP status codes the way OpenSSH's sftp-server maps
 * errno: ENOENT and ENOTDIR are "no such file", EACCES and EPERM "permission denied", anything
 * else "failure". Messages are the generic ones: the exception's own text holds real paths,
 * which would tell the client where the root lies.
 */
final class NioErrors {
    private NioErrors() {
    }

    /** The status for {@code e}. */
    static SftpStatusException map(IOException e) {
        int code = SftpConstants.SSH_FX_FAILURE;
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            code = SftpConstants.SSH_FX_NO_SUCH_FILE;
        } else if (e instanceof AccessDeniedException) {
            code = SftpConstants.SSH_FX_PERMISSION_DENIED;
        } else if (e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException
                || e instanceof NotLinkException) {
            code = SftpConstants.SSH_FX_FAILURE;
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            if (reason.startsWith("Not a directory")) {
                code = SftpConstants.SSH_FX_NO_SUCH_FILE;
            } else if (reason.startsWith("Operation not permitted")) {
                code = SftpConstants.SSH_FX_PERMISSION_DENIED;
            }
        }
        return new SftpStatusException(code, detail(e, code));
    }

    /** The status for an operation the file system does not implement. */
    static SftpStatusException unsupported() {
        return new SftpStatusException(SftpConstants.SSH_FX_OP_UNSUPPORTED);
    }

    /** The status for a write refused because the backend is read-only. */
    static SftpStatusException readOnly() {
        return new SftpStatusException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied (read-only)");
    }

    /** The status for a refused change of a read-only file system. */
    static SftpStatusException map(ReadOnlyFileSystemException e) {
        return readOnly();
    }

    private static String detail(IOException e, int code) {
        String base = SftpStatusException.defaultMessage(code);
        if (e instanceof FileAlreadyExistsException) {
            return base + " (file exists)";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return base + " (directory not empty)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && code == SftpConstants.SSH_FX_FAILURE) {
            return base + " (" + f.getReason() + ")";
        }
        return base;
    }
}
