package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The reader's length, padding and key-change rules, on hand-made plaintext packets. */
class PacketReaderTest {
    static final int MAX = 256 * 1024 + 4096;

    private static final HexFormat HEX = HexFormat.of();

    /** A plaintext packet: length, padding length, payload, padding (zeros), no MAC. */
    static byte[] plainPacket(int packetLength, int paddingLength, int payloadLength) {
        byte[] p = new byte[4 + Math.max(packetLength, 1 + payloadLength + paddingLength)];
        PacketFramer.writeInt(packetLength, p, 0);
        p[4] = (byte) paddingLength;
        for (int i = 0; i < payloadLength; i++) {
            p[5 + i] = (byte) (i + 1);
        }
        return p;
    }

    static SshFormatException fault(PacketReader reader, byte[] bytes) {
        return assertThrows(SshFormatException.class, () -> reader.read(ByteBuffer.wrap(bytes)));
    }

    @Test
    void readsAGoldenPlaintextPacket() {
        // KEXINIT-sized toy: length 12, padding 6, payload 05 0a 0b 0c 0d (SERVICE_REQUEST-like bytes).
        byte[] packet = HEX.parseHex("0000000c06050a0b0c0d000000000000");
        PacketReader reader = new PacketReader(MAX);
        assertTrue(reader.read(ByteBuffer.wrap(packet)));
        assertArrayEquals(HEX.parseHex("050a0b0c0d"), Arrays.copyOfRange(reader.payloadArray(),
                reader.payloadOffset(), reader.payloadOffset() + reader.payloadLength()));
        assertEquals(1, reader.nextSequenceNumber());
        assertEquals(16, reader.bytesSinceKeyChange());
    }

    @Test
    void declaredLengthOverTheMaximumIsAProtocolErrorWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int round = 0; round < 2; round++) {  // the first round loads classes
            for (int length : new int[] {MAX + 4, 0x7ffffff8, 0xfffffff8, 0x80000000}) {
                PacketReader reader = new PacketReader(MAX);
                byte[] header = new byte[8];
                PacketFramer.writeInt(length, header, 0);
                ByteBuffer src = ByteBuffer.wrap(header);
                long before = threads.getThreadAllocatedBytes(thread);
                SshFormatException fault = null;
                try {
                    reader.read(src);
                } catch (SshFormatException e) {
                    fault = e;
                }
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                assertEquals(DisconnectReason.PROTOCOL_ERROR, fault.reason());
                assertTrue(round == 0 || allocated < 16 * 1024, "allocated " + allocated + " bytes for a rejected length");
                assertTrue(reader.payloadArray().length < 16 * 1024, "buffer grew to " + reader.payloadArray().length);
            }
        }
    }

    @Test
    void theLargestAllowedPacketIsRead() {
        int packetLength = MAX;
        while ((packetLength + 4) % 8 != 0) {
            packetLength--;
        }
        int payload = packetLength - 1 - 4;
        PacketReader reader = new PacketReader(MAX);
        assertTrue(reader.read(ByteBuffer.wrap(plainPacket(packetLength, 4, payload))));
        assertEquals(payload, reader.payloadLength());
        assertTrue(reader.payloadArray().length <= MAX + 4 + 64);
    }

    @Test
    void lengthsTooShortOrMisalignedAreProtocolErrors() {
        for (int length : new int[] {0, 1, 4, 5, 11, 13, 15}) {
            SshFormatException e = fault(new PacketReader(MAX), plainPacket(length, 4, 0));
            assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason(), "length " + length);
        }
    }

    @Test
    void paddingShorterThanFourBytesIsAProtocolError() {
        SshFormatException e = fault(new PacketReader(MAX), plainPacket(12, 3, 8));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void paddingLongerThanThePacketIsAProtocolError() {
        SshFormatException e = fault(new PacketReader(MAX), plainPacket(12, 12, 0));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
    }

    @Test
    void paddingLengthsUpTo255AreAccepted() {
        int packetLength = 1 + 4 + 255;
        assertEquals(0, (packetLength + 4) % 8);
        PacketReader reader = new PacketReader(MAX);
        assertTrue(reader.read(ByteBuffer.wrap(plainPacket(packetLength, 255, 4))));
        assertEquals(4, reader.payloadLength());
    }

    @Test
    void keysChangeOnlyBetweenPackets() {
        PacketReader reader = new PacketReader(MAX);
        assertFalse(reader.read(ByteBuffer.wrap(new byte[] {0, 0, 0})));
        assertThrows(IllegalStateException.class, () -> reader.changeKeys(PacketProtection.plaintextOpener()));
    }

    @Test
    void keyChangeResetsCountersButNotTheSequenceNumber() {
        PacketReader reader = new PacketReader(MAX);
        byte[] packet = plainPacket(12, 6, 5);
        assertTrue(reader.read(ByteBuffer.wrap(packet)));
        assertTrue(reader.read(ByteBuffer.wrap(packet)));
        assertEquals(2, reader.packetsSinceKeyChange());
        assertEquals(32, reader.bytesSinceKeyChange());
        reader.changeKeys(PacketProtection.plaintextOpener());
        assertEquals(0, reader.packetsSinceKeyChange());
        assertEquals(0, reader.bytesSinceKeyChange());
        assertEquals(2, reader.nextSequenceNumber());
        reader.resetSequenceNumber();
        assertEquals(0, reader.nextSequenceNumber());
    }

    @Test
    void switchingKeysRightAfterNewkeysReadsTheNextPacketWithTheNewKeys() {
        Combo combo = Combo.all(3).get(0);
        PacketSealer plain = PacketProtection.plaintextSealer(Combo.seeded(1));
        PacketSealer sealer = combo.sealer(Combo.seeded(2));
        byte[] newkeys = {21};
        byte[] data = {94, 1, 2, 3};
        byte[] stream = new byte[plain.sealedLength(1) + sealer.sealedLength(4)];
        plain.seal(0, newkeys, 0, 1, stream, 0);
        sealer.seal(0, data, 0, 4, stream, plain.sealedLength(1));
        PacketReader reader = new PacketReader(MAX);
        ByteBuffer src = ByteBuffer.wrap(stream);
        assertTrue(reader.read(src));
        assertEquals(21, reader.payloadArray()[reader.payloadOffset()]);
        assertTrue(src.hasRemaining(), "the reader must stop after NEWKEYS");
        reader.changeKeys(combo.opener());
        reader.resetSequenceNumber();
        assertTrue(reader.read(src));
        assertArrayEquals(data, Arrays.copyOfRange(reader.payloadArray(), 5, 9));
        assertEquals(16, reader.blockSize());
    }

    @Test
    void steadyStateReadsAndSealsOfSmallPacketsDoNotAllocate() {
        assertPerPacketAllocation(4 * 1024, 4096, false); // the JDK's per-packet GCM init is about 2 KiB
    }

    @Test
    void aBulkPacketIsOpenedIntoOneArrayOfItsOwn() {
        // one array per packet, which the caller keeps (the data event wraps it instead of copying)
        assertPerPacketAllocation(32 * 1024, 32 * 1024 + 4096, true);
    }

    private static void assertPerPacketAllocation(int payloadLength, long maxPerPacket, boolean detached) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        byte[] payload = new byte[payloadLength];
        for (Combo combo : Combo.all(9)) {
            PacketSealer sealer = combo.sealer(Combo.seeded(1));
            PacketReader reader = combo.reader(MAX);
            byte[] wire = new byte[sealer.sealedLength(payload.length)];
            int seq = 0;
            for (int round = 0; round < 2; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 50; i++) {
                    sealer.seal(seq++, payload, 0, payload.length, wire, 0);
                    assertTrue(reader.read(ByteBuffer.wrap(wire)));
                    assertEquals(detached, reader.payloadDetached(), combo.toString());
                }
                long perPacket = (threads.getThreadAllocatedBytes(thread) - before) / 50;
                if (round == 1) {
                    assertTrue(perPacket < maxPerPacket, combo + " allocates " + perPacket + " bytes per "
                            + payloadLength + "-byte packet");
                }
            }
        }
    }

    @Test
    void aDetachedPayloadStaysIntactWhileMorePacketsAreRead() {
        for (Combo combo : Combo.all(9)) {
            PacketSealer sealer = combo.sealer(Combo.seeded(3));
            PacketReader reader = combo.reader(MAX);
            byte[] first = new byte[20_000];
            Arrays.fill(first, (byte) 7);
            byte[] second = new byte[20_000];
            Arrays.fill(second, (byte) 9);
            byte[] wire = new byte[sealer.sealedLength(first.length)];
            sealer.seal(0, first, 0, first.length, wire, 0);
            assertTrue(reader.read(ByteBuffer.wrap(wire)));
            assertTrue(reader.payloadDetached());
            byte[] kept = reader.payloadArray();
            int off = reader.payloadOffset();
            sealer.seal(1, second, 0, second.length, wire, 0);
            assertTrue(reader.read(ByteBuffer.wrap(wire)));
            assertArrayEquals(first, Arrays.copyOfRange(kept, off, off + first.length), combo.toString());
            assertArrayEquals(second, Arrays.copyOfRange(reader.payloadArray(), reader.payloadOffset(),
                    reader.payloadOffset() + second.length), combo.toString());
        }
    }

    @Test
    void aRecycledBulkArrayCarriesTheNextBulkPacketWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        byte[] payload = new byte[32 * 1024];
        for (Combo combo : Combo.all(9)) {
            PacketSealer sealer = combo.sealer(Combo.seeded(5));
            PacketReader reader = combo.reader(MAX);
            byte[] wire = new byte[sealer.sealedLength(payload.length)];
            long perPacket = 0;
            for (int seq = 0; seq < 100; seq++) {
                Arrays.fill(payload, (byte) seq);
                sealer.seal(seq, payload, 0, payload.length, wire, 0);
                long before = threads.getThreadAllocatedBytes(thread);
                assertTrue(reader.read(ByteBuffer.wrap(wire)));
                perPacket = threads.getThreadAllocatedBytes(thread) - before;
                byte[] array = reader.payloadArray();
                int off = reader.payloadOffset();
                assertArrayEquals(payload, Arrays.copyOfRange(array, off, off + payload.length), combo.toString());
                assertTrue(reader.recycle(array), combo.toString());
                assertFalse(reader.recycle(array), "given back twice, it would carry two packets at once");
            }
            assertTrue(perPacket < 8 * 1024, combo + " allocates " + perPacket + " bytes per recycled packet");
            assertTrue(reader.retainedBytes() > payload.length, "the spare is held");
        }
    }

    @Test
    void smallArraysAreNotKeptAndAQuietReaderDropsItsSpares() {
        PacketReader reader = new PacketReader(MAX);
        assertFalse(reader.recycle(new byte[100]), "too small to be worth keeping");
        long held = reader.retainedBytes();
        for (int i = 0; i < 40; i++) {
            reader.recycle(new byte[40_000]);
        }
        assertEquals(held + PacketReader.MAX_SPARES * 40_000L, reader.retainedBytes(), "only a few spares are kept");
        assertTrue(reader.releaseBuffers());
        assertEquals(0, reader.retainedBytes());
    }

    @Test
    void constructorRejectsAbsurdMaximums() {
        assertThrows(IllegalArgumentException.class, () -> new PacketReader(10));
        assertThrows(IllegalArgumentException.class, () -> new PacketReader(Integer.MAX_VALUE));
    }

    @Test
    void buffersAreReleasedOnlyBetweenPacketsAndComeBackForTheNext() {
        byte[] packet = HEX.parseHex("0000000c06050a0b0c0d000000000000");
        PacketReader reader = new PacketReader(MAX);
        ByteBuffer half = ByteBuffer.wrap(packet, 0, 7);
        assertFalse(reader.read(half));
        assertFalse(reader.releaseBuffers(), "half a packet is buffered");
        assertTrue(reader.read(ByteBuffer.wrap(packet, 7, packet.length - 7)));
        assertTrue(reader.releaseBuffers());
        assertEquals(0, reader.retainedBytes());
        for (int split : new int[] {packet.length, 3}) {  // whole (read in place) and in pieces
            ByteBuffer src = ByteBuffer.wrap(packet, 0, split);
            boolean done = reader.read(src);
            if (!done) {
                done = reader.read(ByteBuffer.wrap(packet, split, packet.length - split));
            }
            assertTrue(done);
            assertArrayEquals(HEX.parseHex("050a0b0c0d"), Arrays.copyOfRange(reader.payloadArray(),
                    reader.payloadOffset(), reader.payloadOffset() + reader.payloadLength()));
            assertTrue(reader.retainedBytes() > 0);
            assertTrue(reader.releaseBuffers());
        }
        assertEquals(3, reader.nextSequenceNumber());
    }
}
