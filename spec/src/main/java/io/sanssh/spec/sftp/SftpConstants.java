package io.sanssh.spec.sftp;

/**
 * The numbers of SFTP version 3 (draft-ietf-secsh-filexfer-02) and of OpenSSH's SFTP extensions
 * (OpenSSH {@code PROTOCOL} §4): packet types, status codes, open flags, attribute flags.
 *
 * <p>Values are raw wire values. Status codes and flags are kept as {@code int} everywhere in this
 * package so that a value the draft does not define still round-trips.
 */
public final class SftpConstants {
    private SftpConstants() {
    }

    /** The protocol version this package speaks (draft-ietf-secsh-filexfer-02 §4). */
    public static final int VERSION = 3;

    // Packet types, draft §3.

    public static final int SSH_FXP_INIT = 1;
    public static final int SSH_FXP_VERSION = 2;
    public static final int SSH_FXP_OPEN = 3;
    public static final int SSH_FXP_CLOSE = 4;
    public static final int SSH_FXP_READ = 5;
    public static final int SSH_FXP_WRITE = 6;
    public static final int SSH_FXP_LSTAT = 7;
    public static final int SSH_FXP_FSTAT = 8;
    public static final int SSH_FXP_SETSTAT = 9;
    public static final int SSH_FXP_FSETSTAT = 10;
    public static final int SSH_FXP_OPENDIR = 11;
    public static final int SSH_FXP_READDIR = 12;
    public static final int SSH_FXP_REMOVE = 13;
    public static final int SSH_FXP_MKDIR = 14;
    public static final int SSH_FXP_RMDIR = 15;
    public static final int SSH_FXP_REALPATH = 16;
    public static final int SSH_FXP_STAT = 17;
    public static final int SSH_FXP_RENAME = 18;
    public static final int SSH_FXP_READLINK = 19;
    public static final int SSH_FXP_SYMLINK = 20;
    public static final int SSH_FXP_STATUS = 101;
    public static final int SSH_FXP_HANDLE = 102;
    public static final int SSH_FXP_DATA = 103;
    public static final int SSH_FXP_NAME = 104;
    public static final int SSH_FXP_ATTRS = 105;
    public static final int SSH_FXP_EXTENDED = 200;
    public static final int SSH_FXP_EXTENDED_REPLY = 201;

    // Status codes, draft §7.

    public static final int SSH_FX_OK = 0;
    public static final int SSH_FX_EOF = 1;
    public static final int SSH_FX_NO_SUCH_FILE = 2;
    public static final int SSH_FX_PERMISSION_DENIED = 3;
    public static final int SSH_FX_FAILURE = 4;
    public static final int SSH_FX_BAD_MESSAGE = 5;
    public static final int SSH_FX_NO_CONNECTION = 6;
    public static final int SSH_FX_CONNECTION_LOST = 7;
    public static final int SSH_FX_OP_UNSUPPORTED = 8;

    // Open flags (pflags), draft §6.3.

    public static final int SSH_FXF_READ = 0x00000001;
    public static final int SSH_FXF_WRITE = 0x00000002;
    public static final int SSH_FXF_APPEND = 0x00000004;
    public static final int SSH_FXF_CREAT = 0x00000008;
    public static final int SSH_FXF_TRUNC = 0x00000010;
    public static final int SSH_FXF_EXCL = 0x00000020;

    // Attribute flags, draft §5. No other bit is defined in version 3.

    public static final int SSH_FILEXFER_ATTR_SIZE = 0x00000001;
    public static final int SSH_FILEXFER_ATTR_UIDGID = 0x00000002;
    public static final int SSH_FILEXFER_ATTR_PERMISSIONS = 0x00000004;
    public static final int SSH_FILEXFER_ATTR_ACMODTIME = 0x00000008;
    public static final int SSH_FILEXFER_ATTR_EXTENDED = 0x80000000;

    /** Every attribute flag version 3 defines; any other bit makes the encoding unreadable. */
    public static final int SSH_FILEXFER_ATTR_KNOWN = SSH_FILEXFER_ATTR_SIZE | SSH_FILEXFER_ATTR_UIDGID
            | SSH_FILEXFER_ATTR_PERMISSIONS | SSH_FILEXFER_ATTR_ACMODTIME | SSH_FILEXFER_ATTR_EXTENDED;

    // statvfs f_flag bits, OpenSSH PROTOCOL §4.4.

    public static final long SSH_FXE_STATVFS_ST_RDONLY = 0x1;
    public static final long SSH_FXE_STATVFS_ST_NOSUID = 0x2;

    // Extension names, OpenSSH PROTOCOL §4.3-§4.12.

    public static final String EXT_POSIX_RENAME = "posix-rename@openssh.com";
    public static final String EXT_STATVFS = "statvfs@openssh.com";
    public static final String EXT_FSTATVFS = "fstatvfs@openssh.com";
    public static final String EXT_HARDLINK = "hardlink@openssh.com";
    public static final String EXT_FSYNC = "fsync@openssh.com";
    public static final String EXT_LSETSTAT = "lsetstat@openssh.com";
    public static final String EXT_LIMITS = "limits@openssh.com";
    public static final String EXT_EXPAND_PATH = "expand-path@openssh.com";
    public static final String EXT_COPY_DATA = "copy-data";
    public static final String EXT_HOME_DIRECTORY = "home-directory";
    public static final String EXT_USERS_GROUPS_BY_ID = "users-groups-by-id@openssh.com";

    /**
     * The name of a packet type for messages and logs, e.g. {@code "SSH_FXP_OPEN"}; a type the
     * draft does not define gives {@code "SSH_FXP_" + type}.
     */
    public static String packetTypeName(int type) {
        return switch (type) {
            case SSH_FXP_INIT -> "SSH_FXP_INIT";
            case SSH_FXP_VERSION -> "SSH_FXP_VERSION";
            case SSH_FXP_OPEN -> "SSH_FXP_OPEN";
            case SSH_FXP_CLOSE -> "SSH_FXP_CLOSE";
            case SSH_FXP_READ -> "SSH_FXP_READ";
            case SSH_FXP_WRITE -> "SSH_FXP_WRITE";
            case SSH_FXP_LSTAT -> "SSH_FXP_LSTAT";
            case SSH_FXP_FSTAT -> "SSH_FXP_FSTAT";
            case SSH_FXP_SETSTAT -> "SSH_FXP_SETSTAT";
            case SSH_FXP_FSETSTAT -> "SSH_FXP_FSETSTAT";
            case SSH_FXP_OPENDIR -> "SSH_FXP_OPENDIR";
            case SSH_FXP_READDIR -> "SSH_FXP_READDIR";
            case SSH_FXP_REMOVE -> "SSH_FXP_REMOVE";
            case SSH_FXP_MKDIR -> "SSH_FXP_MKDIR";
            case SSH_FXP_RMDIR -> "SSH_FXP_RMDIR";
            case SSH_FXP_REALPATH -> "SSH_FXP_REALPATH";
            case SSH_FXP_STAT -> "SSH_FXP_STAT";
            case SSH_FXP_RENAME -> "SSH_FXP_RENAME";
            case SSH_FXP_READLINK -> "SSH_FXP_READLINK";
            case SSH_FXP_SYMLINK -> "SSH_FXP_SYMLINK";
            case SSH_FXP_STATUS -> "SSH_FXP_STATUS";
            case SSH_FXP_HANDLE -> "SSH_FXP_HANDLE";
            case SSH_FXP_DATA -> "SSH_FXP_DATA";
            case SSH_FXP_NAME -> "SSH_FXP_NAME";
            case SSH_FXP_ATTRS -> "SSH_FXP_ATTRS";
            case SSH_FXP_EXTENDED -> "SSH_FXP_EXTENDED";
            case SSH_FXP_EXTENDED_REPLY -> "SSH_FXP_EXTENDED_REPLY";
            default -> "SSH_FXP_" + type;
        };
    }

    /**
     * The name of a status code, e.g. {@code "SSH_FX_NO_SUCH_FILE"}; a code the draft does not
     * define gives {@code "SSH_FX_" + unsigned code}.
     */
    public static String statusName(int code) {
        return switch (code) {
            case SSH_FX_OK -> "SSH_FX_OK";
            case SSH_FX_EOF -> "SSH_FX_EOF";
            case SSH_FX_NO_SUCH_FILE -> "SSH_FX_NO_SUCH_FILE";
            case SSH_FX_PERMISSION_DENIED -> "SSH_FX_PERMISSION_DENIED";
            case SSH_FX_FAILURE -> "SSH_FX_FAILURE";
            case SSH_FX_BAD_MESSAGE -> "SSH_FX_BAD_MESSAGE";
            case SSH_FX_NO_CONNECTION -> "SSH_FX_NO_CONNECTION";
            case SSH_FX_CONNECTION_LOST -> "SSH_FX_CONNECTION_LOST";
            case SSH_FX_OP_UNSUPPORTED -> "SSH_FX_OP_UNSUPPORTED";
            default -> "SSH_FX_" + Integer.toUnsignedString(code);
        };
    }
}
