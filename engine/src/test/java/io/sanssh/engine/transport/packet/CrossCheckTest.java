package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDK-based sealers and openers against {@link Reference}, an independent implementation on
 * Bouncy Castle's engines, in both directions, plus fixed vectors for OpenSSH's
 * chacha20-poly1305 construction.
 */
class CrossCheckTest {
    private static final HexFormat HEX = HexFormat.of();

    static List<Combo> combos() {
        return Combo.allWithPlaintext(2024);
    }

    /** Padding that is always the constant byte 0xaa, for fixed vectors. */
    static SecureRandom constantPadding() {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0xaa);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void referenceOpensWhatTheSealerSeals(Combo combo) {
        Random r = new Random(31);
        PacketSealer sealer = combo.sealer(Combo.seeded(32));
        Reference reference = new Reference(combo, false);
        int seq = -20;  // runs through 2^32 - 1 and wraps to 0: the nonce and MAC use it unsigned
        for (int i = 0; i < 40; i++, seq++) {
            byte[] payload = Combo.bytes(r, r.nextInt(i % 5 == 0 ? 20000 : 200));
            byte[] packet = new byte[sealer.sealedLength(payload.length)];
            sealer.seal(seq, payload, 0, payload.length, packet, 0);
            assertArrayEquals(payload, reference.open(seq, packet), combo + " packet " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void readerOpensWhatTheReferenceSealsWithAnyValidPadding(Combo combo) {
        Random r = new Random(33);
        Reference reference = new Reference(combo, true);
        PacketReader reader = combo.reader(1 << 20);
        int unit = combo.plaintext() ? 8 : Math.max(PacketProtection.blockSize(combo.cipher()), 8);
        boolean excluded = !combo.plaintext()
                && (PacketProtection.isAead(combo.cipher()) || combo.mac().contains("-etm@"));
        for (int i = 0; i < 40; i++) {
            byte[] payload = Combo.bytes(r, r.nextInt(3000));
            int aligned = (excluded ? 0 : 4) + 1 + payload.length;
            int padding = 4 + Math.floorMod(-(aligned + 4), unit);
            // Non-minimal padding: anything from 4 to 255 that keeps the alignment.
            while (padding + unit <= 255 && r.nextInt(3) > 0) {
                padding += unit;
            }
            byte[] packet = reference.seal(reader.nextSequenceNumber(), payload, Combo.bytes(r, padding));
            ByteBuffer src = ByteBuffer.wrap(packet);
            assertTrue(reader.read(src), combo + " packet " + i);
            assertEquals(0, src.remaining());
            assertArrayEquals(payload, Arrays.copyOfRange(reader.payloadArray(), reader.payloadOffset(),
                    reader.payloadOffset() + reader.payloadLength()));
        }
    }

    /**
     * chacha20-poly1305@openssh.com with key bytes 00..3f (K_2 = 00..1f, K_1 = 20..3f) and padding
     * bytes 0xaa: "hello" as packet 7, and bytes 00..1f as packet 2^32 - 2. The expected bytes were
     * produced by {@link Reference} (Bouncy Castle's original ChaCha with a 64-bit nonce, and
     * Poly1305), not by the code under test.
     */
    @Test
    void chacha20Poly1305MatchesFixedVectors() {
        byte[] key = new byte[64];
        for (int i = 0; i < 64; i++) {
            key[i] = (byte) i;
        }
        byte[] range = new byte[32];
        for (int i = 0; i < 32; i++) {
            range[i] = (byte) i;
        }
        assertVector(key, 7, "hello".getBytes(StandardCharsets.US_ASCII),
                "a39afcba222e702f22ec80f4c6c7115a7d257986fc42ee053821ac8f9cbb245a21de8663");
        assertVector(key, 0xfffffffe, range,
                "69a614e0307a5d9edd20893de5f54de475153a019a01893f42459a47ff5e2f78921c66aa"
                + "fb7f7ff5dbf0e8da2ffee16f02dcb17ff58dd9a72665a7ae");
    }

    private static void assertVector(byte[] key, int seq, byte[] payload, String expected) {
        String cipher = "chacha20-poly1305@openssh.com";
        PacketSealer sealer = PacketProtection.sealer(cipher, null, key, new byte[0], null, constantPadding());
        byte[] packet = new byte[sealer.sealedLength(payload.length)];
        sealer.seal(seq, payload, 0, payload.length, packet, 0);
        assertEquals(expected, HEX.formatHex(packet));

        PacketOpener opener = PacketProtection.opener(cipher, null, key, new byte[0], null);
        byte[] plain = new byte[packet.length];
        int packetLength = opener.decodeLength(seq, packet, 0, plain, 0);
        assertEquals(packet.length - 4 - 16, packetLength);
        opener.open(seq, packet, 0, packetLength, plain, 0);
        assertArrayEquals(payload, Arrays.copyOfRange(plain, 5, 5 + payload.length));
        assertEquals(packetLength - 1 - payload.length, plain[4]);
    }
}
