package io.sanssh.drivers.api;

import io.sanssh.spec.sftp.SftpAttributes;

/**
 * One entry of a remote directory listing (a READDIR NAME entry, draft-ietf-secsh-filexfer-02
 * §7): the file name, the server's {@code ls -l} style line, and the attributes.
 *
 * @param name the file name, without its directory
 * @param longName the server's long listing line (OpenSSH: {@code ls -l} format); may be empty
 * @param attrs the attributes the server sent with the entry
 */
public record SftpEntry(String name, String longName, SftpAttributes attrs) {
    /** Whether the attributes say this is a directory. */
    public boolean isDirectory() {
        return attrs.isDirectory();
    }

    /** Whether the attributes say this is a symbolic link. */
    public boolean isSymbolicLink() {
        return attrs.isSymbolicLink();
    }

    /** Whether the attributes say this is a regular file. */
    public boolean isRegularFile() {
        return attrs.isRegularFile();
    }

    /** The size in bytes, or -1 when the server did not say. */
    public long size() {
        return attrs.size().orElse(-1);
    }
}
