package io.sanssh.spec.wire;

/**
 * Malformed or unacceptable input from the peer: the typed error every decoder throws.
 *
 * <p>It carries the {@link DisconnectReason} the engine must send when it tears the connection
 * down because of it (usually {@link DisconnectReason#PROTOCOL_ERROR}). Decoders throw nothing
 * else for bad input: no {@code IndexOutOfBoundsException}, no {@code NegativeArraySizeException}.
 */
public final class SshFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DisconnectReason reason;

    /** A protocol error with the given description. */
    public SshFormatException(String message) {
        this(DisconnectReason.PROTOCOL_ERROR, message);
    }

    /** An error that should be answered with {@code reason}. */
    public SshFormatException(DisconnectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The disconnect reason to send to the peer. */
    public DisconnectReason reason() {
        return reason;
    }
}
