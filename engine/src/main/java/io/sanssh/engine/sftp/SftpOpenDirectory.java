package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpReply;
import java.util.List;

/**
 * A directory an {@link SftpFileSystemBackend} opened for listing: what a directory handle stands
 * for (draft-ietf-secsh-filexfer-02 §6.7). The session calls it on the engine thread only, and
 * calls {@link #close()} exactly once: on CLOSE, or when the session ends.
 */
public interface SftpOpenDirectory {
    /**
     * The next entries (READDIR): one or more names relative to the directory with their
     * attributes (those of the entry itself, not of a link's target) and an {@code ls -l} style
     * long name ({@link SftpLongName} makes one); an empty list at the end.
     */
    List<SftpReply.NameEntry> next() throws SftpStatusException;

    /** Releases the directory. */
    void close() throws SftpStatusException;
}
