package io.sanssh.engine.event;

import io.sanssh.spec.wire.DisconnectReason;

/**
 * Why a connection ended: who ended it, the SSH reason code, and a description.
 *
 * @param origin who ended it
 * @param reasonCode the SSH_MSG_DISCONNECT reason code sent or received (RFC 4253 §11.1); for a
 *     lost connection, {@link DisconnectReason#CONNECTION_LOST}
 * @param message a human-readable description
 */
public record DisconnectCause(Origin origin, int reasonCode, String message) {

    /** Who ended the connection. */
    public enum Origin {
        /** The peer broke the protocol; we sent DISCONNECT with {@link #reasonCode}. */
        PEER_FAULT,
        /** The peer sent DISCONNECT. */
        PEER_DISCONNECTED,
        /** Our application asked to disconnect. */
        LOCAL_REQUEST,
        /** One of our timers (key exchange, authentication, idle, keep-alive) ran out. */
        TIMEOUT,
        /** The byte stream ended or failed under us (reported by the driver). */
        CONNECTION_LOST
    }

    /** The reason as an enum, or {@code null} for a code outside RFC 4250's table. */
    public DisconnectReason reason() {
        return DisconnectReason.fromCode(reasonCode);
    }

    /** A cause for a peer fault answered with {@code reason}. */
    public static DisconnectCause peerFault(DisconnectReason reason, String message) {
        return new DisconnectCause(Origin.PEER_FAULT, reason.code(), message);
    }
}
