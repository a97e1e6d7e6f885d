package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * An independent implementation of every packet protection, built from Bouncy Castle's low-level
 * engines (pure Java AES, GCM, SIC/CTR, the original 64-bit-nonce ChaCha, HMAC, Poly1305) straight
 * from the specifications, to cross-check the JDK-based code under test. One instance is one
 * direction: it keeps the CTR stream and the GCM invocation counter across packets. Padding is
 * explicit, so tests can send non-minimal padding.
 */
final class Reference {
    private final Combo combo;
    private final String kind;
    private final SICBlockCipher ctr;
    private final HMac hmac;
    private final boolean etm;
    private long gcmCounter;

    Reference(Combo combo, boolean forEncryption) {
        this.combo = combo;
        if (combo.plaintext()) {
            kind = "none";
        } else if (combo.cipher().contains("gcm")) {
            kind = "gcm";
        } else if (combo.cipher().startsWith("chacha")) {
            kind = "chacha";
        } else {
            kind = "ctr";
        }
        if (kind.equals("ctr")) {
            ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
            ctr.init(forEncryption, new ParametersWithIV(new KeyParameter(combo.key()), combo.iv()));
            Digest d = combo.mac().startsWith("hmac-sha2-256") ? new SHA256Digest()
                    : combo.mac().startsWith("hmac-sha2-512") ? new SHA512Digest() : new SHA1Digest();
            hmac = new HMac(d);
            hmac.init(new KeyParameter(combo.macKey()));
            etm = combo.mac().endsWith("-etm@openssh.com");
        } else {
            ctr = null;
            hmac = null;
            etm = false;
        }
        if (kind.equals("gcm")) {
            gcmCounter = PacketFramer.readLong(combo.iv(), 4);
        }
    }

    /** The clear packet: length, padding length, payload, the given padding. */
    static byte[] clear(byte[] payload, byte[] padding) {
        byte[] p = new byte[4 + 1 + payload.length + padding.length];
        PacketFramer.writeInt(1 + payload.length + padding.length, p, 0);
        p[4] = (byte) padding.length;
        System.arraycopy(payload, 0, p, 5, payload.length);
        System.arraycopy(padding, 0, p, 5 + payload.length, padding.length);
        return p;
    }

    /** Seals one packet with exactly the given padding (the caller keeps it valid). */
    byte[] seal(int seq, byte[] payload, byte[] padding) {
        byte[] clear = clear(payload, padding);
        int n = clear.length;
        switch (kind) {
            case "none":
                return clear;
            case "ctr": {
                byte[] out = new byte[n + hmac.getMacSize()];
                if (etm) {
                    System.arraycopy(clear, 0, out, 0, 4);
                    ctr.processBytes(clear, 4, n - 4, out, 4);
                    mac(seq, out, 0, n, out, n);
                } else {
                    mac(seq, clear, 0, n, out, n);
                    ctr.processBytes(clear, 0, n, out, 0);
                }
                return out;
            }
            case "gcm": {
                GCMModeCipher gcm = gcm(true);
                byte[] out = new byte[n + 16];
                System.arraycopy(clear, 0, out, 0, 4);
                gcm.processAADBytes(clear, 0, 4);
                int k = gcm.processBytes(clear, 4, n - 4, out, 4);
                try {
                    gcm.doFinal(out, 4 + k);
                } catch (InvalidCipherTextException e) {
                    throw new AssertionError(e);
                }
                return out;
            }
            default: {
                byte[] out = new byte[n + 16];
                chacha(seq, true).processBytes(clear, 0, 4, out, 0);
                ChaChaEngine main = chacha(seq, false);
                Poly1305 poly = polyKeyed(main);
                main.processBytes(clear, 4, n - 4, out, 4);
                poly.update(out, 0, n);
                poly.doFinal(out, n);
                return out;
            }
        }
    }

    /** Opens one whole packet, asserting its MAC or tag, and returns the payload. */
    byte[] open(int seq, byte[] packet) {
        byte[] clear;
        int macLength = kind.equals("none") ? 0 : kind.equals("ctr") ? hmac.getMacSize() : 16;
        int n = packet.length - macLength;
        byte[] tag = Arrays.copyOfRange(packet, n, packet.length);
        switch (kind) {
            case "none" -> clear = packet.clone();
            case "ctr" -> {
                clear = new byte[n];
                byte[] expected = new byte[macLength];
                if (etm) {
                    mac(seq, packet, 0, n, expected, 0);
                    System.arraycopy(packet, 0, clear, 0, 4);
                    ctr.processBytes(packet, 4, n - 4, clear, 4);
                } else {
                    ctr.processBytes(packet, 0, n, clear, 0);
                    mac(seq, clear, 0, n, expected, 0);
                }
                assertArrayEquals(expected, tag, "HMAC");
            }
            case "gcm" -> {
                GCMModeCipher gcm = gcm(false);
                clear = new byte[n];
                System.arraycopy(packet, 0, clear, 0, 4);
                gcm.processAADBytes(packet, 0, 4);
                int k = gcm.processBytes(packet, 4, packet.length - 4, clear, 4);
                try {
                    gcm.doFinal(clear, 4 + k);
                } catch (InvalidCipherTextException e) {
                    throw new AssertionError("GCM tag", e);
                }
            }
            default -> {
                clear = new byte[n];
                chacha(seq, true).processBytes(packet, 0, 4, clear, 0);
                ChaChaEngine main = chacha(seq, false);
                Poly1305 poly = polyKeyed(main);
                poly.update(packet, 0, n);
                byte[] expected = new byte[16];
                poly.doFinal(expected, 0);
                assertArrayEquals(expected, tag, "Poly1305");
                main.processBytes(packet, 4, n - 4, clear, 4);
            }
        }
        int packetLength = PacketFramer.readInt(clear, 0);
        assertEquals(n - 4, packetLength, "packet_length");
        int paddingLength = clear[4] & 0xff;
        return Arrays.copyOfRange(clear, 5, 4 + packetLength - paddingLength);
    }

    private void mac(int seq, byte[] in, int off, int len, byte[] out, int outOff) {
        byte[] s = new byte[4];
        PacketFramer.writeInt(seq, s, 0);
        hmac.update(s, 0, 4);
        hmac.update(in, off, len);
        hmac.doFinal(out, outOff);
    }

    private GCMModeCipher gcm(boolean forEncryption) {
        byte[] nonce = combo.iv().clone();
        PacketFramer.writeLong(gcmCounter++, nonce, 4);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(forEncryption, new AEADParameters(new KeyParameter(combo.key()), 128, nonce));
        return gcm;
    }

    /** The original ChaCha20 (64-bit nonce, 64-bit counter) keyed with K_1 (header) or K_2. */
    private ChaChaEngine chacha(int seq, boolean header) {
        byte[] key = header ? Arrays.copyOfRange(combo.key(), 32, 64) : Arrays.copyOfRange(combo.key(), 0, 32);
        byte[] nonce = new byte[8];
        PacketFramer.writeLong(seq & 0xffffffffL, nonce, 0);
        ChaChaEngine e = new ChaChaEngine(20);
        e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return e;
    }

    /** Takes the Poly1305 key from block 0 of K_2, leaving the engine at block 1. */
    private static Poly1305 polyKeyed(ChaChaEngine main) {
        byte[] block0 = new byte[64];
        main.processBytes(new byte[64], 0, 64, block0, 0);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(block0, 0, 32));
        return poly;
    }
}
