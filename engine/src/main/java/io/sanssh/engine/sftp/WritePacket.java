package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;

/**
 * The wire form of one SSH_FXP_WRITE (draft-ietf-secsh-filexfer-02 §6.4), built around its data
 * so that an {@link Upload} can read its source straight into the packet: uint32 length, byte
 * type, uint32 id, string handle, uint64 offset, string data. The id is written when the session
 * sends it ({@link SftpClientSession#sendEncoded}).
 */
final class WritePacket {
    /** Where the request id sits in every request packet: after the length and the type. */
    static final int ID_OFFSET = 5;

    private WritePacket() {
    }

    /** Bytes before the data for {@code handle}: length, type, id, handle string, offset, data length. */
    static int headerLength(Bytes handle) {
        return 4 + 1 + 4 + 4 + handle.length() + 8 + 4;
    }

    /**
     * Fills in the header of {@code packet}, whose data ({@code dataLength} bytes, after
     * {@link #headerLength}) is already in place and which ends right after it; the id stays 0.
     */
    static void writeHeader(byte[] packet, Bytes handle, long offset, int dataLength) {
        int h = headerLength(handle);
        if (packet.length != h + dataLength) {
            throw new IllegalArgumentException("a " + packet.length + "-byte packet for " + dataLength + " data bytes");
        }
        putInt(packet, 0, packet.length - 4);
        packet[4] = (byte) SftpConstants.SSH_FXP_WRITE;
        // a reused array still holds the id of the packet it carried before
        putInt(packet, ID_OFFSET, 0);
        putInt(packet, 9, handle.length());
        handle.copyTo(packet, 13);
        int at = 13 + handle.length();
        putInt(packet, at, (int) (offset >>> 32));
        putInt(packet, at + 4, (int) offset);
        putInt(packet, at + 8, dataLength);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
