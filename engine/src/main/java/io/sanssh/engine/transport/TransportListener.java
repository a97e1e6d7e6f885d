package io.sanssh.engine.transport;

/**
 * The layer above the transport (user authentication, then the connection protocol): receives
 * the messages the transport does not handle itself, and learns when the first key exchange is
 * done. Called on the engine thread, from inside {@code receive} or {@code onTimeout}.
 */
public interface TransportListener {
    /**
     * A message of number 5-6 or 50-255 arrived. {@code payload[off]} is the message number. If
     * {@code owned}, the array is the listener's to keep (nobody else holds it: a bulk packet opened
     * into an array of its own), so bulk data may be taken as a range of it without a copy;
     * otherwise it is borrowed for the call only. Throwing {@code SshFormatException} tears the
     * connection down with its reason.
     */
    void onMessage(byte[] payload, int off, int len, boolean owned);

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
