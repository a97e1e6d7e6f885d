package io.sanssh.engine.transport.packet;

import java.security.SecureRandom;

/**
 * The protection before the first {@code SSH_MSG_NEWKEYS}: no cipher, no MAC (RFC 4253 §6: the
 * "none" state every connection starts in). Packets still carry random padding and align to 8
 * bytes, the block size RFC 4253 §6 prescribes when there is no cipher.
 */
final class Plaintext {
    static final int BLOCK_SIZE = 8;

    private Plaintext() {
    }

    /** Frames packets without encrypting them. */
    static final class Sealer implements PacketSealer {
        private final PacketFramer framer;

        Sealer(SecureRandom padding) {
            this.framer = new PacketFramer(BLOCK_SIZE, false, 0, padding);
        }

        @Override
        public int sealedLength(int payloadLength) {
            return framer.sealedLength(payloadLength);
        }

        @Override
        public void seal(int sequenceNumber, byte[] payload, int off, int len, byte[] dst, int dstOff) {
            framer.frame(payload, off, len, dst, dstOff);
        }

        @Override
        public int blockSize() {
            return BLOCK_SIZE;
        }
    }

    /** Reads packets as they are; there is nothing to verify. */
    static final class Opener implements PacketOpener {
        @Override
        public int blockSize() {
            return BLOCK_SIZE;
        }

        @Override
        public int firstBlockLength() {
            return 4;
        }

        @Override
        public boolean lengthExcludedFromAlignment() {
            return false;
        }

        @Override
        public int macLength() {
            return 0;
        }

        @Override
        public int decodeLength(int sequenceNumber, byte[] wire, int wireOff, byte[] plain, int plainOff) {
            return PacketFramer.readInt(wire, wireOff);
        }

        @Override
        public void open(int sequenceNumber, byte[] wire, int wireOff, int packetLength, byte[] plain, int plainOff) {
            System.arraycopy(wire, wireOff, plain, plainOff, 4 + packetLength);
        }
    }
}
