package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single flipped bit of a sealed packet is caught: {@code MAC_ERROR}, or
 * {@code PROTOCOL_ERROR} when the flip lands in the length field and makes the length invalid.
 * Never another exception, and never a wait for more than a maximal packet's worth of bytes.
 */
class PacketTamperTest {
    static final int MAX = 40_000;

    static List<Combo> combos() {
        return Combo.all(77);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void everyBitFlipOfSmallPacketsIsDetected(Combo combo) {
        Random r = new Random(11);
        for (int len : new int[] {0, 1, 13, 40}) {
            byte[] packet = sealed(combo, Combo.bytes(r, len), 0);
            for (int bit = 0; bit < packet.length * 8; bit++) {
                assertFlipDetected(combo, packet, 0, bit, r);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void randomBitFlipsOfLargePacketsAreDetected(Combo combo) {
        Random r = new Random(12);
        byte[] packet = sealed(combo, Combo.bytes(r, 33000), 3);
        for (int i = 0; i < 150; i++) {
            int bit = i < 40 ? i : r.nextInt(packet.length * 8);
            assertFlipDetected(combo, packet, 3, bit, r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void aPacketSealedForAnotherSequenceNumberIsRejected(Combo combo) {
        byte[] packet = sealed(combo, new byte[50], 6);
        PacketReader reader = readerAt(combo, 5);
        SshFormatException e = assertThrows(SshFormatException.class, () -> feedUntilVerdict(reader, packet, new Random(1)));
        assertTrue(e.reason() == DisconnectReason.MAC_ERROR || e.reason() == DisconnectReason.PROTOCOL_ERROR,
                e.reason().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void aReaderIsDeadAfterAFault(Combo combo) {
        byte[] packet = sealed(combo, new byte[50], 5);
        packet[packet.length - 1] ^= 1;
        PacketReader reader = readerAt(combo, 5);
        SshFormatException e = assertThrows(SshFormatException.class, () -> reader.read(ByteBuffer.wrap(packet)));
        assertEquals(DisconnectReason.MAC_ERROR, e.reason());
        assertThrows(IllegalStateException.class, () -> reader.read(ByteBuffer.wrap(packet)));
        assertThrows(IllegalStateException.class, () -> reader.changeKeys(combo.opener()));
    }

    /** A packet sealed as packet number {@code seq} by a fresh sealer (after {@code seq} others). */
    static byte[] sealed(Combo combo, byte[] payload, int seq) {
        PacketSealer sealer = combo.sealer(Combo.seeded(seq));
        byte[] skip = new byte[sealer.sealedLength(3)];
        for (int i = 0; i < seq; i++) {
            sealer.seal(i, new byte[3], 0, 3, skip, 0);
        }
        byte[] out = new byte[sealer.sealedLength(payload.length)];
        sealer.seal(seq, payload, 0, payload.length, out, 0);
        return out;
    }

    /** A reader whose cipher state has moved past {@code seq} packets, as the sealer's has. */
    static PacketReader readerAt(Combo combo, int seq) {
        PacketReader reader = combo.reader(MAX);
        if (seq == 0) {
            return reader;
        }
        PacketSealer sealer = combo.sealer(Combo.seeded(seq));
        byte[] skip = new byte[sealer.sealedLength(3)];
        for (int i = 0; i < seq; i++) {
            sealer.seal(i, new byte[3], 0, 3, skip, 0);
            assertTrue(reader.read(ByteBuffer.wrap(skip)));
        }
        return reader;
    }

    /** Flips one bit of packet number {@code seq} and feeds it to a reader expecting that packet. */
    private static void assertFlipDetected(Combo combo, byte[] packet, int seq, int bit, Random r) {
        byte[] bad = packet.clone();
        bad[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        PacketReader reader = readerAt(combo, seq);
        try {
            feedUntilVerdict(reader, bad, r);
            fail(combo + ": flipped bit " + bit + " was accepted");
        } catch (SshFormatException e) {
            boolean inLength = bit < 32;
            if (e.reason() != DisconnectReason.MAC_ERROR
                    && !(inLength && e.reason() == DisconnectReason.PROTOCOL_ERROR)) {
                fail(combo + ": flipped bit " + bit + " gave " + e.reason() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Feeds the packet, then (if the reader still waits, because a flipped length announced a
     * longer packet) random bytes, but never more than a maximal packet and MAC: a reader that
     * still waits after that would hang.
     */
    static void feedUntilVerdict(PacketReader reader, byte[] packet, Random r) {
        if (reader.read(ByteBuffer.wrap(packet))) {
            return;
        }
        int budget = 4 + MAX + 64;
        byte[] filler = new byte[4096];
        for (int fed = packet.length; fed < budget; fed += filler.length) {
            r.nextBytes(filler);
            ByteBuffer src = ByteBuffer.wrap(filler);
            if (reader.read(src)) {
                return;
            }
        }
        fail("the reader still waits after " + budget + " bytes");
    }
}
