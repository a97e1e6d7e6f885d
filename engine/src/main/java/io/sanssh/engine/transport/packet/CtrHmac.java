package io.sanssh.engine.transport.packet;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in SDCTR mode (RFC 4344 §4) with an HMAC, in either order:
 *
 * <ul>
 *   <li>encrypt-and-MAC (RFC 4253 §6.4): {@code mac = MAC(key, sequence_number ||
 *       unencrypted_packet)}, the whole packet encrypted, length field included;
 *   <li>encrypt-then-MAC (OpenSSH PROTOCOL §1.5, {@code -etm@openssh.com}): the length field in
 *       clear, {@code mac = MAC(key, sequence_number || packet_length || encrypted_packet)}.
 * </ul>
 *
 * <p>The CTR key stream runs on across packets: one {@code Cipher} per direction, initialised once.
 * Input and output arrays always differ, because the JDK's CTR copies its whole input when asked to
 * work in place; the sealer encrypts header, payload and padding as three pieces straight from
 * where they are.
 */
final class CtrHmac {
    private CtrHmac() {
    }

    static Cipher newCtr(int mode, byte[] key, byte[] iv) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CTR", e);
        }
    }

    static Mac newMac(MacSpec spec, byte[] key) {
        try {
            Mac m = Mac.getInstance(spec.jcaName);
            m.init(new SecretKeySpec(key, spec.jcaName));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + spec.jcaName, e);
        }
    }

    static void updateSequence(Mac mac, byte[] scratch, int sequenceNumber) {
        PacketFramer.writeInt(sequenceNumber, scratch, 0);
        mac.update(scratch, 0, 4);
    }

    static void crypt(Cipher cipher, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            int n = cipher.update(in, inOff, len, out, outOff);
            if (n != len) {
                throw new IllegalStateException("CTR returned " + n + " of " + len + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void finishMac(Mac mac, byte[] out, int outOff) {
        try {
            mac.doFinal(out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals with AES-CTR and an HMAC. */
    static final class Sealer implements PacketSealer {
        private final PacketFramer framer;
        private final Cipher cipher;
        private final Mac mac;
        private final boolean etm;
        private final int blockSize;
        private final byte[] header = new byte[5];
        private final byte[] sequence = new byte[4];

        Sealer(CipherSpec cipher, MacSpec mac, byte[] key, byte[] iv, byte[] macKey, SecureRandom padding) {
            this.framer = new PacketFramer(cipher.blockSize, mac.encryptThenMac, mac.length, padding);
            this.cipher = newCtr(Cipher.ENCRYPT_MODE, key, iv);
            this.mac = newMac(mac, macKey);
            this.etm = mac.encryptThenMac;
            this.blockSize = cipher.blockSize;
        }

        @Override
        public int sealedLength(int payloadLength) {
            return framer.sealedLength(payloadLength);
        }

        @Override
        public void seal(int sequenceNumber, byte[] payload, int off, int len, byte[] dst, int dstOff) {
            Objects.checkFromIndexSize(off, len, payload.length);
            Objects.checkFromIndexSize(dstOff, sealedLength(len), dst.length);
            int paddingLength = framer.header(len, header);
            byte[] pad = framer.randomPadding(paddingLength);
            int packetLength = 1 + len + paddingLength;
            int macOff = dstOff + 4 + packetLength;
            updateSequence(mac, sequence, sequenceNumber);
            if (etm) {
                System.arraycopy(header, 0, dst, dstOff, 4);
                crypt(cipher, header, 4, 1, dst, dstOff + 4);
                crypt(cipher, payload, off, len, dst, dstOff + 5);
                crypt(cipher, pad, 0, paddingLength, dst, dstOff + 5 + len);
                mac.update(dst, dstOff, 4 + packetLength);
                finishMac(mac, dst, macOff);
            } else {
                mac.update(header, 0, 5);
                mac.update(payload, off, len);
                mac.update(pad, 0, paddingLength);
                finishMac(mac, dst, macOff);
                crypt(cipher, header, 0, 5, dst, dstOff);
                crypt(cipher, payload, off, len, dst, dstOff + 5);
                crypt(cipher, pad, 0, paddingLength, dst, dstOff + 5 + len);
            }
        }

        @Override
        public int blockSize() {
            return blockSize;
        }
    }

    /** Opens AES-CTR packets with an HMAC. */
    static final class Opener implements PacketOpener {
        private final Cipher cipher;
        private final Mac mac;
        private final boolean etm;
        private final int blockSize;
        private final int macLength;
        private final byte[] sequence = new byte[4];
        private final byte[] expected;
        private final byte[] received;

        Opener(CipherSpec cipher, MacSpec mac, byte[] key, byte[] iv, byte[] macKey) {
            this.cipher = newCtr(Cipher.DECRYPT_MODE, key, iv);
            this.mac = newMac(mac, macKey);
            this.etm = mac.encryptThenMac;
            this.blockSize = cipher.blockSize;
            this.macLength = mac.length;
            this.expected = new byte[mac.length];
            this.received = new byte[mac.length];
        }

        @Override
        public int blockSize() {
            return blockSize;
        }

        @Override
        public int firstBlockLength() {
            return etm ? 4 : blockSize;
        }

        @Override
        public boolean lengthExcludedFromAlignment() {
            return etm;
        }

        @Override
        public int macLength() {
            return macLength;
        }

        @Override
        public int decodeLength(int sequenceNumber, byte[] wire, int wireOff, byte[] plain, int plainOff) {
            if (etm) {
                return PacketFramer.readInt(wire, wireOff);
            }
            crypt(cipher, wire, wireOff, blockSize, plain, plainOff);
            return PacketFramer.readInt(plain, plainOff);
        }

        @Override
        public void open(int sequenceNumber, byte[] wire, int wireOff, int packetLength, byte[] plain, int plainOff) {
            int total = 4 + packetLength;
            updateSequence(mac, sequence, sequenceNumber);
            if (etm) {
                mac.update(wire, wireOff, total);
                verify(wire, wireOff + total);
                crypt(cipher, wire, wireOff + 4, packetLength, plain, plainOff + 4);
            } else {
                crypt(cipher, wire, wireOff + blockSize, total - blockSize, plain, plainOff + blockSize);
                mac.update(plain, plainOff, total);
                verify(wire, wireOff + total);
            }
        }

        private void verify(byte[] wire, int macOff) {
            finishMac(mac, expected, 0);
            System.arraycopy(wire, macOff, received, 0, macLength);
            if (!MessageDigest.isEqual(expected, received)) {
                throw new SshFormatException(DisconnectReason.MAC_ERROR, "MAC mismatch");
            }
        }
    }
}
