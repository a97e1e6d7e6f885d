package io.sanssh.engine.transport.packet;

/**
 * Verifies and decrypts incoming packets for one direction with one key set: the inverse of a
 * {@link PacketSealer}, driven by a {@link PacketReader}.
 *
 * <p>The reader calls it in a fixed order for every packet: once it holds
 * {@link #firstBlockLength()} bytes it calls {@link #decodeLength}, checks the length, waits for the
 * whole packet and its MAC, then calls {@link #open}. Both calls happen exactly once per packet with
 * the same sequence number, so an opener may keep state between them (AES-CTR without EtM decrypts
 * the first block in {@code decodeLength} and continues from there in {@code open}, never
 * decrypting a byte twice). Input and output are always different arrays (the JDK's AES-CTR copies
 * its whole input when asked to work in place), and the input may be the caller's own buffer, so
 * an opener never writes to it.
 *
 * <p>Stateful like the sealer; get one from {@link PacketProtection#opener} or
 * {@link PacketProtection#plaintextOpener}. Not thread-safe.
 */
public interface PacketOpener {
    /**
     * The cipher block size in bytes (8 for none and chacha20-poly1305, 16 for AES): the padding
     * alignment unit of RFC 4253 §6, and the unit of the RFC 4344 rekey limits.
     */
    int blockSize();

    /**
     * How many leading bytes of a packet {@link #decodeLength} needs: 4 when the length field is
     * sent in clear or encrypted on its own (none, EtM, AES-GCM, chacha20-poly1305), one cipher block
     * when it is encrypted together with the payload (AES-CTR with an RFC 4253 MAC).
     */
    int firstBlockLength();

    /**
     * Whether the 4-byte length field is left out of the padding alignment (true for EtM and the
     * AEAD ciphers: then {@code packet_length} itself is a multiple of the block size; otherwise
     * {@code packet_length + 4} is).
     */
    boolean lengthExcludedFromAlignment();

    /** The number of MAC or tag bytes that follow each packet (0 for none). */
    int macLength();

    /**
     * Recovers {@code packet_length} from the first {@link #firstBlockLength()} bytes of a packet at
     * {@code wire[wireOff]}. Where the length is encrypted together with the payload (AES-CTR
     * without EtM) it decrypts that first block into {@code plain[plainOff]}, and {@link #open}
     * continues after it. Never changes {@code wire}. Does not validate the value: the reader does.
     *
     * @return the raw 32 bits of the unsigned {@code packet_length}
     */
    int decodeLength(int sequenceNumber, byte[] wire, int wireOff, byte[] plain, int plainOff);

    /**
     * Authenticates and decrypts one whole packet. On entry {@code wire[wireOff..]} holds the
     * {@code 4 + packetLength + macLength()} bytes received, and {@code plain[plainOff..]} what
     * {@link #decodeLength} wrote; on return {@code plain[plainOff + 4 .. plainOff + 4 +
     * packetLength)} holds {@code padding_length || payload || padding} in clear. Never changes
     * {@code wire}. Nothing is decrypted before the MAC or tag is checked, except where RFC 4253's
     * encrypt-and-MAC order makes that impossible (the MAC is over the clear text there).
     *
     * @throws io.sanssh.spec.wire.SshFormatException with {@code MAC_ERROR} if the MAC or tag does
     *     not match; the opener must then be discarded
     */
    void open(int sequenceNumber, byte[] wire, int wireOff, int packetLength, byte[] plain, int plainOff);
}
