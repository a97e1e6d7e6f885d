package io.sanssh.engine.transport;

/**
 * The layer above the transport (user authentication, then the connection protocol): receives
 * the messages the transport does not handle itself, and learns when the first key exchange is
 * done. Called on the engine thread, from inside {@code receive} or {@code onTimeout}.
 */
public interface TransportListener {
    /**
     * A message of number 5-6 or 50-255 arrived. {@code payload[off]} is the message number; the
     * array is borrowed for the call only. Throwing {@code SshFormatException} tears the connection
     * down with its reason.
     */
    void onMessage(byte[] payload, int off, int len);

    /**
     * As {@link #onMessage(byte[], int, int)}; {@code owned} says the array is the listener's to
     * keep (nobody else holds it), so bulk data may be taken as a range of it without a copy. The
     * transport calls this one; the default ignores {@code owned}.
     */
    default void onMessage(byte[] payload, int off, int len, boolean owned) {
        onMessage(payload, off, len);
    }

    /** The first key exchange completed; services may now be requested. Called once. */
    default void onTransportReady() {
    }

    /** Our key exchange started or ended: application credit is zero while it runs. */
    default void onKexActiveChanged(boolean active) {
    }

    /** A timer the transport does not own (keep-alive, idle, auth timeout) expired. */
    default void onTimer(io.sanssh.engine.timer.TimerKind kind) {
    }

    /** Any packet arrived (keep-alive and idle accounting); called before it is handled. */
    default void onPacketReceived() {
    }
}
