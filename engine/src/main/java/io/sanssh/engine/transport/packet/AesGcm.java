package io.sanssh.engine.transport.packet;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for SSH (RFC 5647), as OpenSSH negotiates it ({@code aes128-gcm@openssh.com},
 * {@code aes256-gcm@openssh.com}; OpenSSH PROTOCOL §1.6).
 *
 * <p>{@code packet_length} travels in clear as the additional authenticated data; the rest of the
 * packet ({@code padding_length || payload || padding}, a multiple of 16 bytes) is encrypted and
 * followed by a 16-byte tag. The 12-byte nonce is a 4-byte fixed field and a 64-bit big-endian
 * invocation counter, both taken from the derived IV; the counter grows by one after every packet
 * (RFC 5647 §7.1), so the JDK's refusal to encrypt twice under one key and nonce never triggers.
 */
final class AesGcm {
    static final int TAG_LENGTH = 16;
    static final int BLOCK_SIZE = 16;

    private AesGcm() {
    }

    /** The per-direction cipher state: key, fixed field and invocation counter. */
    private static final class Nonce {
        final Cipher cipher;
        final SecretKeySpec key;
        final byte[] iv;
        long invocationCounter;

        Nonce(byte[] key, byte[] iv) {
            if (iv.length != 12) {
                throw new IllegalArgumentException("AES-GCM needs a 12-byte IV, got " + iv.length);
            }
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks AES/GCM", e);
            }
            this.key = new SecretKeySpec(key, "AES");
            this.iv = iv.clone();
            this.invocationCounter = PacketFramer.readLong(iv, 4);
        }

        /** Initialises the cipher for the next packet and advances the counter. */
        void next(int mode) {
            PacketFramer.writeLong(invocationCounter, iv, 4);
            invocationCounter++;
            try {
                cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Seals with AES-GCM; encrypts in place in the destination, which the JDK does without copying. */
    static final class Sealer implements PacketSealer {
        private final PacketFramer framer;
        private final Nonce nonce;

        Sealer(byte[] key, byte[] iv, SecureRandom padding) {
            this.framer = new PacketFramer(BLOCK_SIZE, true, TAG_LENGTH, padding);
            this.nonce = new Nonce(key, iv);
        }

        @Override
        public int sealedLength(int payloadLength) {
            return framer.sealedLength(payloadLength);
        }

        @Override
        public void seal(int sequenceNumber, byte[] payload, int off, int len, byte[] dst, int dstOff) {
            int packetLength = framer.frame(payload, off, len, dst, dstOff);
            nonce.next(Cipher.ENCRYPT_MODE);
            Cipher c = nonce.cipher;
            try {
                c.updateAAD(dst, dstOff, 4);
                c.doFinal(dst, dstOff + 4, packetLength, dst, dstOff + 4);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int blockSize() {
            return BLOCK_SIZE;
        }
    }

    /** Opens AES-GCM packets: the tag is checked before any clear text is released. */
    static final class Opener implements PacketOpener {
        private final Nonce nonce;

        Opener(byte[] key, byte[] iv) {
            this.nonce = new Nonce(key, iv);
        }

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
            return true;
        }

        @Override
        public int macLength() {
            return TAG_LENGTH;
        }

        @Override
        public int decodeLength(int sequenceNumber, byte[] wire, int wireOff, byte[] plain, int plainOff) {
            return PacketFramer.readInt(wire, wireOff);
        }

        @Override
        public void open(int sequenceNumber, byte[] wire, int wireOff, int packetLength, byte[] plain, int plainOff) {
            Objects.checkFromIndexSize(wireOff, 4 + packetLength + TAG_LENGTH, wire.length);
            nonce.next(Cipher.DECRYPT_MODE);
            Cipher c = nonce.cipher;
            try {
                c.updateAAD(wire, wireOff, 4);
                c.doFinal(wire, wireOff + 4, packetLength + TAG_LENGTH, plain, plainOff + 4);
            } catch (AEADBadTagException e) {
                throw new SshFormatException(DisconnectReason.MAC_ERROR, "AES-GCM tag mismatch");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
