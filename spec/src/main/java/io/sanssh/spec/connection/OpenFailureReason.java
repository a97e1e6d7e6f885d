package io.sanssh.spec.connection;

/**
 * The reason codes of {@code SSH_MSG_CHANNEL_OPEN_FAILURE} (RFC 4254 §5.1, registry in RFC 4250
 * §4.3). Peers may send other values (0xFE000000-0xFFFFFFFF are for private use), so
 * {@link ChannelOpenFailure} keeps the raw code and this enum names the known ones.
 */
public enum OpenFailureReason {
    ADMINISTRATIVELY_PROHIBITED(1),
    CONNECT_FAILED(2),
    UNKNOWN_CHANNEL_TYPE(3),
    RESOURCE_SHORTAGE(4);

    private final int code;

    OpenFailureReason(int code) {
        this.code = code;
    }

    /** The wire value of this reason. */
    public long code() {
        return code;
    }

    /**
     * Looks up a reason by its wire value.
     *
     * @return the reason, or {@code null} for a value outside 1..4
     */
    public static OpenFailureReason fromCode(long code) {
        for (OpenFailureReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
