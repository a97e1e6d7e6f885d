package io.sanssh.spec.message;

/**
 * Every SSH message number, in one table (RFC 4250 §4.1, RFC 4253, 4252, 4254, 4256, 4419, 5656,
 * 8308).
 *
 * <p>Two ranges are context-dependent: 30-49 belong to the key exchange method in use (ECDH and
 * classic DH share 30/31; group exchange uses 30-34), and 60-79 to the user authentication method
 * in use (60 is PK_OK, PASSWD_CHANGEREQ or INFO_REQUEST). Decoders of those ranges take the
 * method as an argument.
 */
public final class MessageNumbers {
    private MessageNumbers() {
    }

    // Transport layer generic (1-19), RFC 4253 §12, RFC 8308
    public static final int DISCONNECT = 1;
    public static final int IGNORE = 2;
    public static final int UNIMPLEMENTED = 3;
    public static final int DEBUG = 4;
    public static final int SERVICE_REQUEST = 5;
    public static final int SERVICE_ACCEPT = 6;
    public static final int EXT_INFO = 7;
    public static final int NEWCOMPRESS = 8;

    // Algorithm negotiation (20-29)
    public static final int KEXINIT = 20;
    public static final int NEWKEYS = 21;

    // Key exchange method specific (30-49)
    public static final int KEXDH_INIT = 30;
    public static final int KEXDH_REPLY = 31;
    public static final int KEX_ECDH_INIT = 30;
    public static final int KEX_ECDH_REPLY = 31;
    public static final int KEX_HYBRID_INIT = 30;
    public static final int KEX_HYBRID_REPLY = 31;
    public static final int KEX_DH_GEX_REQUEST_OLD = 30;
    public static final int KEX_DH_GEX_GROUP = 31;
    public static final int KEX_DH_GEX_INIT = 32;
    public static final int KEX_DH_GEX_REPLY = 33;
    public static final int KEX_DH_GEX_REQUEST = 34;

    // User authentication generic (50-59), RFC 4252 §6
    public static final int USERAUTH_REQUEST = 50;
    public static final int USERAUTH_FAILURE = 51;
    public static final int USERAUTH_SUCCESS = 52;
    public static final int USERAUTH_BANNER = 53;

    // User authentication method specific (60-79)
    public static final int USERAUTH_PK_OK = 60;
    public static final int USERAUTH_PASSWD_CHANGEREQ = 60;
    public static final int USERAUTH_INFO_REQUEST = 60;
    public static final int USERAUTH_INFO_RESPONSE = 61;

    // Connection protocol generic (80-89), RFC 4254 §9
    public static final int GLOBAL_REQUEST = 80;
    public static final int REQUEST_SUCCESS = 81;
    public static final int REQUEST_FAILURE = 82;

    // Channel related (90-127)
    public static final int CHANNEL_OPEN = 90;
    public static final int CHANNEL_OPEN_CONFIRMATION = 91;
    public static final int CHANNEL_OPEN_FAILURE = 92;
    public static final int CHANNEL_WINDOW_ADJUST = 93;
    public static final int CHANNEL_DATA = 94;
    public static final int CHANNEL_EXTENDED_DATA = 95;
    public static final int CHANNEL_EOF = 96;
    public static final int CHANNEL_CLOSE = 97;
    public static final int CHANNEL_REQUEST = 98;
    public static final int CHANNEL_SUCCESS = 99;
    public static final int CHANNEL_FAILURE = 100;

    // Local extensions (192-255), OpenSSH PROTOCOL §1.9
    public static final int PING = 192;
    public static final int PONG = 193;

    /** Whether {@code n} is a transport layer message (1-49), allowed before authentication. */
    public static boolean isTransport(int n) {
        return n >= 1 && n <= 49;
    }

    /** Whether {@code n} is a key exchange message (20-49): the only ones a strict KEX allows. */
    public static boolean isKex(int n) {
        return n >= 20 && n <= 49;
    }

    /** Whether {@code n} belongs to user authentication (50-79). */
    public static boolean isUserAuth(int n) {
        return n >= 50 && n <= 79;
    }

    /** Whether {@code n} belongs to the connection protocol (80-127). */
    public static boolean isConnection(int n) {
        return n >= 80 && n <= 127;
    }

    /**
     * Whether RFC 4253 §7.1 lets a party send message {@code n} after its own KEXINIT and before its
     * own NEWKEYS (non-strict KEX): transport generic messages except SERVICE_REQUEST/ACCEPT and
     * EXT_INFO, plus the key exchange messages themselves.
     */
    public static boolean allowedDuringKex(int n) {
        return n == DISCONNECT || n == IGNORE || n == UNIMPLEMENTED || n == DEBUG || isKex(n);
    }

    /** A readable name for logs; context-dependent numbers give all their meanings. */
    public static String name(int n) {
        return switch (n) {
            case DISCONNECT -> "DISCONNECT";
            case IGNORE -> "IGNORE";
            case UNIMPLEMENTED -> "UNIMPLEMENTED";
            case DEBUG -> "DEBUG";
            case SERVICE_REQUEST -> "SERVICE_REQUEST";
            case SERVICE_ACCEPT -> "SERVICE_ACCEPT";
            case EXT_INFO -> "EXT_INFO";
            case NEWCOMPRESS -> "NEWCOMPRESS";
            case KEXINIT -> "KEXINIT";
            case NEWKEYS -> "NEWKEYS";
            case 30 -> "KEX_INIT(30)";
            case 31 -> "KEX_REPLY(31)";
            case KEX_DH_GEX_INIT -> "KEX_DH_GEX_INIT";
            case KEX_DH_GEX_REPLY -> "KEX_DH_GEX_REPLY";
            case KEX_DH_GEX_REQUEST -> "KEX_DH_GEX_REQUEST";
            case USERAUTH_REQUEST -> "USERAUTH_REQUEST";
            case USERAUTH_FAILURE -> "USERAUTH_FAILURE";
            case USERAUTH_SUCCESS -> "USERAUTH_SUCCESS";
            case USERAUTH_BANNER -> "USERAUTH_BANNER";
            case 60 -> "USERAUTH_60(PK_OK|PASSWD_CHANGEREQ|INFO_REQUEST)";
            case USERAUTH_INFO_RESPONSE -> "USERAUTH_INFO_RESPONSE";
            case GLOBAL_REQUEST -> "GLOBAL_REQUEST";
            case REQUEST_SUCCESS -> "REQUEST_SUCCESS";
            case REQUEST_FAILURE -> "REQUEST_FAILURE";
            case CHANNEL_OPEN -> "CHANNEL_OPEN";
            case CHANNEL_OPEN_CONFIRMATION -> "CHANNEL_OPEN_CONFIRMATION";
            case CHANNEL_OPEN_FAILURE -> "CHANNEL_OPEN_FAILURE";
            case CHANNEL_WINDOW_ADJUST -> "CHANNEL_WINDOW_ADJUST";
            case CHANNEL_DATA -> "CHANNEL_DATA";
            case CHANNEL_EXTENDED_DATA -> "CHANNEL_EXTENDED_DATA";
            case CHANNEL_EOF -> "CHANNEL_EOF";
            case CHANNEL_CLOSE -> "CHANNEL_CLOSE";
            case CHANNEL_REQUEST -> "CHANNEL_REQUEST";
            case CHANNEL_SUCCESS -> "CHANNEL_SUCCESS";
            case CHANNEL_FAILURE -> "CHANNEL_FAILURE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "MSG_" + n;
        };
    }
}
