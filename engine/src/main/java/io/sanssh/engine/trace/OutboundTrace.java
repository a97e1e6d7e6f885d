package io.sanssh.engine.trace;

/**
 * An optional sink for the outbound-queue actions of one engine, named as the actions of the
 * TLA+ model in {@code tla/} so that a recorded trace can be checked against it. When no sink is
 * installed the engine uses {@link #NONE}, whose calls the JIT removes.
 *
 * <p>Every method receives the queue's state after the action, as the model's variables.
 */
public interface OutboundTrace {
    /** The sink that records nothing. */
    OutboundTrace NONE = new OutboundTrace() {
    };

    /** Our identification line ({@code length} bytes, not a packet) was queued, before any packet. */
    default void identificationQueued(int length, QueueState after) {
    }

    /** An application message (channel data, requests) was accepted. */
    default void appWrite(int messageNumber, QueueState after) {
    }

    /** An internally generated message (KEX, reply, window adjust, DISCONNECT…) was queued. */
    default void internalQueued(int messageNumber, QueueState after) {
    }

    /** A message was encrypted onto the wire with sequence number {@code seq}. */
    default void encrypted(int messageNumber, int seq, QueueState after) {
    }

    /** {@code n} bytes left through {@code transmit}. */
    default void transmitted(int n, QueueState after) {
    }

    /** Our key exchange started (we queued KEXINIT). */
    default void kexStarted(QueueState after) {
    }

    /** Our key exchange ended on the outbound side (we queued NEWKEYS and switched keys). */
    default void kexEnded(boolean sequenceReset, QueueState after) {
    }

    /** Input processing paused ({@code wantsRead} became false) or resumed. */
    default void inputPaused(boolean paused, QueueState after) {
    }

    /**
     * The model's variables at one instant.
     *
     * @param held messages in the plaintext FIFO
     * @param wirePackets whole or partly sent packets in the ciphertext queue
     * @param wireBytes ciphertext bytes not yet transmitted
     * @param seqNext the sequence number the next encrypted packet gets
     * @param kexActive whether our key exchange runs (between our KEXINIT and our NEWKEYS)
     */
    record QueueState(int held, int wirePackets, long wireBytes, int seqNext, boolean kexActive) {
    }
}
