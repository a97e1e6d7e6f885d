package io.sanssh.engine.transport.packet;

/**
 * Encrypts outgoing packets for one direction with one key set (RFC 4253 §6).
 *
 * <p>A sealer is stateful: stream ciphers (AES-CTR) continue their key stream across packets and
 * AES-GCM advances its invocation counter on every packet (RFC 5647 §7.1), so {@link #seal} must be
 * called exactly once per packet, in wire order, with contiguous sequence numbers. Get one from
 * {@link PacketProtection#sealer} after {@code SSH_MSG_NEWKEYS} is sent, or
 * {@link PacketProtection#plaintextSealer} before the first one. Not thread-safe.
 */
public interface PacketSealer {
    /**
     * The number of bytes on the wire for a payload of this length: length field, padding length,
     * payload, padding and MAC or tag. Deterministic and free of side effects: the padding is the
     * minimal one of at least 4 bytes that reaches the alignment unit of RFC 4253 §6 (the block size,
     * at least 8; the 4-byte length field is left out of the alignment for AEAD and EtM modes, where
     * it is not encrypted with the payload). Call it to reserve room before {@link #seal}.
     *
     * @param payloadLength the payload length, at least 0
     */
    int sealedLength(int payloadLength);

    /**
     * Builds and protects one packet: writes {@code packet_length}, {@code padding_length}, the
     * payload, random padding and the MAC or tag, exactly {@link #sealedLength}{@code (len)} bytes at
     * {@code dst[dstOff]}. The payload may already sit in place at {@code dst[dstOff + 5]} (a caller
     * that encodes messages straight into its wire buffer saves a copy); it must not overlap the
     * destination in any other way. Advances the cipher state; the caller advances its sequence
     * number.
     *
     * @param sequenceNumber the packet's sequence number (RFC 4253 §6.4), an unsigned 32-bit counter
     */
    void seal(int sequenceNumber, byte[] payload, int off, int len, byte[] dst, int dstOff);

    /**
     * The cipher block size in bytes: 8 for none and chacha20-poly1305, 16 for AES. Use it to count
     * blocks for the rekey limits of RFC 4344 §3.
     */
    int blockSize();
}
