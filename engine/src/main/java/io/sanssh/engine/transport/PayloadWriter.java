package io.sanssh.engine.transport;

/**
 * Encodes one message payload of a length known in advance straight into the outbound buffer, so
 * that a hot path (channel data) builds no array of its own per packet. See {@link
 * Transport#sendPayload(int, int, PayloadWriter, OutboundQueue.Origin)}.
 */
public interface PayloadWriter {
    /**
     * Writes the whole payload, message number first, at {@code dst[off]}: exactly the length the
     * caller announced. Called once per message, synchronously, before the send call returns.
     */
    void writePayload(byte[] dst, int off);
}
