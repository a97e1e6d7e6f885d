package io.sanssh.spec.wire;

/**
 * The reason codes of {@code SSH_MSG_DISCONNECT} (RFC 4253 §11.1, RFC 4250 §4.2.2).
 *
 * <p>Every peer fault the engine detects maps to one of these; it is sent to the peer in the
 * DISCONNECT message and carried in the typed error the application sees.
 */
public enum DisconnectReason {
    HOST_NOT_ALLOWED_TO_CONNECT(1),
    PROTOCOL_ERROR(2),
    KEY_EXCHANGE_FAILED(3),
    RESERVED(4),
    MAC_ERROR(5),
    COMPRESSION_ERROR(6),
    SERVICE_NOT_AVAILABLE(7),
    PROTOCOL_VERSION_NOT_SUPPORTED(8),
    HOST_KEY_NOT_VERIFIABLE(9),
    CONNECTION_LOST(10),
    BY_APPLICATION(11),
    TOO_MANY_CONNECTIONS(12),
    AUTH_CANCELLED_BY_USER(13),
    NO_MORE_AUTH_METHODS_AVAILABLE(14),
    ILLEGAL_USER_NAME(15);

    private final int code;

    DisconnectReason(int code) {
        this.code = code;
    }

    /** The wire value of this reason. */
    public int code() {
        return code;
    }

    /**
     * Looks up a reason by its wire value.
     *
     * @return the reason, or {@code null} for a value outside 1..15 (a peer may send private codes)
     */
    public static DisconnectReason fromCode(int code) {
        for (DisconnectReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
