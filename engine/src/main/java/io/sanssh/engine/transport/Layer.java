package io.sanssh.engine.transport;

import io.sanssh.engine.timer.TimerKind;

/**
 * A protocol layer on top of the {@link Transport}: user authentication (RFC 4252) or the
 * connection protocol (RFC 4254). {@code SshConnection} routes each incoming message to the layer
 * whose range it falls in, and forwards transport notifications to every layer.
 *
 * <p>All methods run on the engine thread. A layer reports a peer fault by throwing {@code
 * SshFormatException} with the disconnect reason (the transport queues DISCONNECT and closes), and
 * sends through {@link Transport#send} with {@link OutboundQueue.Origin#INTERNAL} for replies,
 * adjusts and echoes, and {@link OutboundQueue.Origin#APPLICATION} for what the application asked
 * to send.
 */
public interface Layer {
    /**
     * A message for this layer arrived; {@code payload[off]} is its number. The array is borrowed
     * for the call only, unless {@code owned}: then it is the layer's to keep (a bulk packet opened
     * into an array of its own), and its data may be taken as a range of it without a copy.
     */
    void onMessage(byte[] payload, int off, int len, boolean owned);

    /** The first key exchange completed. */
    default void onTransportReady() {
    }

    /** Our key exchange started ({@code true}) or ended: application credit is zero while it runs. */
    default void onKexActiveChanged(boolean active) {
    }

    /** A timer of the shared table that belongs to this layer expired. */
    default void onTimer(TimerKind kind) {
    }
}
