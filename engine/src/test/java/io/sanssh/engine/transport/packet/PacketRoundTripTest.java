package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seal, then read back, for every cipher and MAC pairing, in every fragmentation. */
class PacketRoundTripTest {
    static final int MAX = 64 * 1024;

    static List<Combo> combos() {
        return Combo.allWithPlaintext(42);
    }

    /** Random payloads from 0 to 35000 bytes, mostly small, a few at the RFC 4253 §6.1 maximum. */
    static List<byte[]> payloads(Random r, int count) {
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[0]);
        out.add(Combo.bytes(r, 35000));
        for (int i = 0; i < count; i++) {
            int len = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(40);
                case 1 -> r.nextInt(600);
                case 2 -> r.nextInt(5000);
                default -> r.nextInt(35001);
            };
            out.add(Combo.bytes(r, len));
        }
        return out;
    }

    /** Seals {@code payloads} with contiguous sequence numbers from {@code firstSeq} into one stream. */
    static byte[] sealAll(PacketSealer sealer, List<byte[]> payloads, int firstSeq) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int seq = firstSeq;
        for (byte[] p : payloads) {
            int n = sealer.sealedLength(p.length);
            byte[] dst = new byte[n + 7];
            Arrays.fill(dst, (byte) 0x5a);
            sealer.seal(seq++, p, 0, p.length, dst, 3);
            for (int i : new int[] {0, 1, 2, n + 3, n + 4, n + 5, n + 6}) {
                assertEquals((byte) 0x5a, dst[i], "seal wrote outside its " + n + " bytes at " + i);
            }
            stream.write(dst, 3, n);
        }
        return stream.toByteArray();
    }

    /** Feeds {@code stream} in chunks chosen by {@code chunk} and collects every payload. */
    static List<byte[]> readAll(PacketReader reader, byte[] stream, java.util.function.IntSupplier chunk) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < stream.length) {
            int n = Math.min(chunk.getAsInt(), stream.length - pos);
            ByteBuffer src = ByteBuffer.wrap(stream, pos, n);
            while (reader.read(src)) {
                out.add(Arrays.copyOfRange(reader.payloadArray(), reader.payloadOffset(),
                        reader.payloadOffset() + reader.payloadLength()));
            }
            assertFalse(src.hasRemaining(), "read returned false with bytes left");
            pos += n;
        }
        assertEquals(0, reader.bufferedBytes(), "a partial packet is left over");
        return out;
    }

    static void assertPayloads(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "payload " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void payloadsSurviveByteAtATimeDelivery(Combo combo) {
        Random r = new Random(1);
        List<byte[]> payloads = payloads(r, 12);
        byte[] stream = sealAll(combo.sealer(Combo.seeded(2)), payloads, 0);
        PacketReader reader = combo.reader(MAX);
        assertPayloads(payloads, readAll(reader, stream, () -> 1));
        assertEquals(payloads.size(), reader.nextSequenceNumber());
        assertEquals(payloads.size(), reader.packetsSinceKeyChange());
        assertEquals(stream.length, reader.bytesSinceKeyChange());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void payloadsSurviveRandomChunksAcrossPacketBoundaries(Combo combo) {
        Random r = new Random(3);
        List<byte[]> payloads = payloads(r, 60);
        byte[] stream = sealAll(combo.sealer(Combo.seeded(4)), payloads, 0);
        PacketReader reader = combo.reader(MAX);
        assertPayloads(payloads, readAll(reader, stream, () -> 1 + r.nextInt(r.nextBoolean() ? 20 : 70000)));
        assertEquals(payloads.size(), reader.nextSequenceNumber());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void wholeStreamInOneDirectBufferYieldsOnePacketPerRead(Combo combo) {
        List<byte[]> payloads = payloads(new Random(5), 10);
        byte[] stream = sealAll(combo.sealer(Combo.seeded(6)), payloads, 0);
        PacketReader reader = combo.reader(MAX);
        ByteBuffer src = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        int consumedBefore = 0;
        for (int i = 0; i < payloads.size(); i++) {
            assertTrue(reader.read(src));
            assertArrayEquals(payloads.get(i), Arrays.copyOfRange(reader.payloadArray(), reader.payloadOffset(),
                    reader.payloadOffset() + reader.payloadLength()));
            int sealed = combo.sealer(Combo.seeded(0)).sealedLength(payloads.get(i).length);
            assertEquals(consumedBefore + sealed, src.position(), "read must stop right after packet " + i);
            consumedBefore = src.position();
            assertEquals(i + 1, reader.nextSequenceNumber());
        }
        assertFalse(reader.read(src));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void paddingIsMinimalRandomAndAligned(Combo combo) {
        PacketSealer sealer = combo.sealer(Combo.seeded(7));
        boolean excluded = !combo.plaintext()
                && (PacketProtection.isAead(combo.cipher()) || combo.mac().contains("-etm@"));
        int unit = Math.max(sealer.blockSize(), 8);
        int macLength = sealer.sealedLength(0) - 4 - packetLength(0, unit, excluded);
        for (int len = 0; len < 300; len++) {
            int packetLength = packetLength(len, unit, excluded);
            int padding = packetLength - 1 - len;
            assertTrue(padding >= 4 && padding < 4 + unit, "padding " + padding);
            assertEquals(4 + packetLength + macLength, sealer.sealedLength(len));
        }
        assertEquals(combo.plaintext() ? 0 : expectedMacLength(combo), macLength);
        if (combo.plaintext()) {
            // Padding must be random, not zeros: two packets of the same payload differ.
            byte[] a = new byte[sealer.sealedLength(10)];
            byte[] b = new byte[a.length];
            sealer.seal(0, new byte[10], 0, 10, a, 0);
            sealer.seal(1, new byte[10], 0, 10, b, 0);
            assertFalse(Arrays.equals(a, b));
        }
    }

    /** Reference rule of RFC 4253 §6: minimal padding of at least 4 bytes reaching the unit. */
    private static int packetLength(int payloadLength, int unit, boolean lengthExcluded) {
        int padding = 4;
        while (((lengthExcluded ? 0 : 4) + 1 + payloadLength + padding) % unit != 0) {
            padding++;
        }
        return 1 + payloadLength + padding;
    }

    private static int expectedMacLength(Combo combo) {
        if (PacketProtection.isAead(combo.cipher())) {
            return 16;
        }
        return PacketProtection.macKeyLength(combo.mac());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void payloadMaySitInPlaceInTheDestination(Combo combo) {
        Random r = new Random(8);
        PacketSealer inPlace = combo.sealer(Combo.seeded(9));
        PacketSealer copying = combo.sealer(Combo.seeded(9));
        for (int i = 0; i < 20; i++) {
            byte[] payload = Combo.bytes(r, r.nextInt(3000));
            byte[] expected = new byte[copying.sealedLength(payload.length)];
            copying.seal(i, payload, 0, payload.length, expected, 0);
            byte[] dst = new byte[inPlace.sealedLength(payload.length) + 10];
            System.arraycopy(payload, 0, dst, 10 + 5, payload.length);
            inPlace.seal(i, dst, 15, payload.length, dst, 10);
            assertArrayEquals(expected, Arrays.copyOfRange(dst, 10, dst.length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void aeadCiphersIgnoreTheMacName(Combo combo) {
        if (combo.plaintext() || !PacketProtection.isAead(combo.cipher())) {
            return;
        }
        PacketSealer withMac = PacketProtection.sealer(combo.cipher(), "hmac-sha2-512", combo.key(), combo.iv(),
                new byte[3], Combo.seeded(10));
        PacketSealer without = combo.sealer(Combo.seeded(10));
        byte[] a = new byte[withMac.sealedLength(100)];
        byte[] b = new byte[without.sealedLength(100)];
        withMac.seal(0, new byte[100], 0, 100, a, 0);
        without.seal(0, new byte[100], 0, 100, b, 0);
        assertArrayEquals(a, b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combos")
    void readingNeverWritesToTheCallersBuffer(Combo combo) {
        List<byte[]> payloads = payloads(new Random(11), 8);
        byte[] stream = sealAll(combo.sealer(Combo.seeded(12)), payloads, 0);
        byte[] copy = stream.clone();
        PacketReader reader = combo.reader(MAX);
        ByteBuffer src = ByteBuffer.wrap(stream);
        for (int i = 0; i < payloads.size(); i++) {
            assertTrue(reader.read(src));
        }
        assertArrayEquals(copy, stream);
        // A read-only buffer offers no array: the reader copies from it instead.
        PacketReader second = combo.reader(MAX);
        assertPayloads(payloads, readAll(second, stream, () -> stream.length));
        ByteBuffer readOnly = ByteBuffer.wrap(copy).asReadOnlyBuffer();
        PacketReader third = combo.reader(MAX);
        for (byte[] p : payloads) {
            assertTrue(third.read(readOnly));
            assertEquals(p.length, third.payloadLength());
        }
    }
}
