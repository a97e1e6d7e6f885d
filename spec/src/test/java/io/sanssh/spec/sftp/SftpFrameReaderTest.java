package io.sanssh.spec.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing the SFTP stream: any split gives the same packets; hostile lengths cost nothing. */
class SftpFrameReaderTest {

    /** The whole recorded server-to-client stream, as the client's channel delivers it. */
    private static byte[] serverStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (OpenSshTranscript.Packet p : OpenSshTranscript.all()) {
            if (!p.fromClient()) {
                out.writeBytes(p.framed());
            }
        }
        return out.toByteArray();
    }

    private static List<String> expectedBodies() {
        List<String> bodies = new ArrayList<>();
        for (OpenSshTranscript.Packet p : OpenSshTranscript.all()) {
            if (!p.fromClient()) {
                bodies.add(Hex.of(p.body()));
            }
        }
        return bodies;
    }

    private static List<String> drain(SftpFrameReader r) {
        List<String> out = new ArrayList<>();
        for (byte[] b = r.poll(); b != null; b = r.poll()) {
            out.add(Hex.of(b));
        }
        return out;
    }

    @Test
    void splittingTheStreamAtEveryByteBoundaryYieldsTheSamePackets() {
        byte[] stream = serverStream();
        List<String> expected = expectedBodies();
        for (int cut = 0; cut <= stream.length; cut++) {
            SftpFrameReader r = new SftpFrameReader();
            r.receive(stream, 0, cut);
            List<String> got = drain(r);
            r.receive(stream, cut, stream.length - cut);
            got.addAll(drain(r));
            assertEquals(expected, got, "cut at " + cut);
            assertEquals(0, r.partialBytes());
        }
    }

    @Test
    void feedingOneByteAtATimeYieldsEachPacketAsItsLastByteArrives() {
        byte[] stream = serverStream();
        SftpFrameReader r = new SftpFrameReader();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            r.receive(ByteBuffer.wrap(stream, i, 1));
            got.addAll(drain(r));
        }
        assertEquals(expectedBodies(), got);
    }

    @Test
    void randomChunksFromHeapAndDirectBuffersYieldTheSamePackets() {
        byte[] stream = serverStream();
        for (long seed = 0; seed < 200; seed++) {
            Gen g = new Gen(seed);
            SftpFrameReader r = new SftpFrameReader();
            List<SftpReply> got = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, g.between(0, 700));
                ByteBuffer src = g.bool() ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n + 3).position(3);
                src.put(stream, pos, n).flip();
                if (src.hasArray()) {
                    src.position(3);
                }
                r.receive(src);
                assertEquals(0, src.remaining(), "seed " + seed);
                pos += n;
                for (SftpReply p = r.pollReply(); p != null; p = r.pollReply()) {
                    got.add(p);
                }
            }
            List<SftpReply> expected = expectedBodies().stream()
                    .map(h -> SftpCodec.decodeReply(Hex.parse(h))).toList();
            assertEquals(expected, got, "seed " + seed);
        }
    }

    @Test
    void aPacketLargerThanTheFirstBufferGrowsAsItsBytesArrive() {
        SftpHandleRequest.Write w = new SftpHandleRequest.Write(9, Bytes.fromHex("00000001"), 0,
                new Gen(3).bytesOfLength(256 * 1024));
        byte[] framed = SftpCodec.encode(w);
        SftpFrameReader r = new SftpFrameReader();
        for (int off = 0; off < framed.length; off += 1000) {
            r.receive(framed, off, Math.min(1000, framed.length - off));
        }
        assertEquals(1, r.readyCount());
        assertEquals(w, r.pollRequest());
        assertNull(r.pollRequest());
    }

    @Test
    void bulkDataComesOutAsItsValueWhateverTheSplitAndMalformedBulkPacketsAreStillRefused() {
        Bytes payload = new Gen(5).bytesOfLength(200 * 1024);
        SftpReply.Data data = new SftpReply.Data(7, payload);
        SftpHandleRequest.Write write = new SftpHandleRequest.Write(8, Bytes.fromHex("0102"), 1L << 40, payload);
        for (int chunk : new int[] {1000, 32 * 1024, 300 * 1024}) {
            SftpFrameReader replies = new SftpFrameReader();
            SftpFrameReader requests = new SftpFrameReader();
            byte[] d = SftpCodec.encode(data);
            byte[] w = SftpCodec.encode(write);
            for (int off = 0; off < Math.max(d.length, w.length); off += chunk) {
                // the replies as the engine's channel data, the requests as arrays
                replies.receive(Bytes.wrap(d, Math.min(off, d.length), Math.max(0, Math.min(chunk, d.length - off))));
                requests.receive(w, Math.min(off, w.length), Math.max(0, Math.min(chunk, w.length - off)));
            }
            SftpReply got = replies.pollReply();
            assertEquals(data, got, "chunk " + chunk);
            assertEquals(payload.hashCode(), ((SftpReply.Data) got).data().hashCode());
            assertEquals(write, requests.pollRequest(), "chunk " + chunk);
        }
        // the string's length must still match the packet's exactly, either way
        for (String body : List.of("0000000c 67 00000001 00000004 aabbcc", "0000000e 67 00000001 00000004 aabbccdd ee",
                "00000008 67 00000001 000000")) {
            SftpFrameReader r = new SftpFrameReader();
            byte[] b = Hex.parse(body);
            r.receive(b, 0, b.length);
            assertThrows(SshFormatException.class, r::pollReply, body);
        }
        SftpFrameReader r = new SftpFrameReader();
        byte[] shortWrite = Hex.parse("0000001a 06 00000001 00000001 ff 0000000000000000 00000003 aabbccdd");
        r.receive(shortWrite, 0, shortWrite.length);
        assertThrows(SshFormatException.class, r::pollRequest);
    }

    @Test
    void aDeclaredLengthAboveTheMaximumIsRefusedAsSoonAsItIsRead() {
        int max = SftpFrameReader.DEFAULT_MAX_PACKET_LENGTH;
        assertEquals(256 * 1024 + 1024, max);
        for (String len : List.of(Hex.of(new byte[] {0, 4, 4, 1}), "7fffffff", "80000000", "ffffffff")) {
            SftpFrameReader r = new SftpFrameReader();
            assertThrows(SshFormatException.class, () -> r.receive(Hex.parse(len), 0, 4), len);
            assertEquals(4, r.partialBytes(), "nothing allocated beyond the length field");
        }
        // exactly the maximum is accepted
        SftpFrameReader r = new SftpFrameReader(8);
        r.receive(Hex.parse("00000008 67 00000001 000000"), 0, 12);
        assertEquals(1, r.readyCount());
        assertThrows(SshFormatException.class, () -> new SftpFrameReader(8).receive(Hex.parse("00000009"), 0, 4));
    }

    @Test
    void aZeroLengthPacketIsRefused() {
        assertThrows(SshFormatException.class, () -> new SftpFrameReader().receive(new byte[4], 0, 4));
    }

    @Test
    void packetsCompletedBeforeAFormatErrorStayQueuedAndFurtherInputIsMisuse() {
        byte[] ok = OpenSshTranscript.get("closedir-reply").framed();
        byte[] both = new byte[ok.length + 4];
        System.arraycopy(ok, 0, both, 0, ok.length);
        both[ok.length] = (byte) 0x80;
        SftpFrameReader r = new SftpFrameReader();
        assertThrows(SshFormatException.class, () -> r.receive(both, 0, both.length));
        assertArrayEquals(OpenSshTranscript.get("closedir-reply").body(), r.poll());
        assertThrows(IllegalStateException.class, () -> r.receive(ok, 0, ok.length));
    }

    @Test
    void aHugeConfiguredMaximumStillAllocatesOnlyWhatArrives() {
        SftpFrameReader r = new SftpFrameReader(Integer.MAX_VALUE);
        r.receive(Hex.parse("7fffffff 67 00000001"), 0, 9);
        assertEquals(9, r.partialBytes());
        assertEquals(0, r.readyCount());
    }

    @Test
    void constructorRefusesAMaximumThatCannotHoldATypeByte() {
        assertThrows(IllegalArgumentException.class, () -> new SftpFrameReader(0));
    }

    /** A framed SFTP DATA reply (type 103) with {@code n} bytes of {@code fill}. */
    private static byte[] dataReply(int id, int n, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + 4 + n);
        b.putInt(1 + 4 + 4 + n).put((byte) 103).putInt(id).putInt(n);
        while (b.hasRemaining()) {
            b.put(fill);
        }
        return b.array();
    }

    @Test
    void aRecycledBodyCarriesTheNextBodyOfItsLengthOnly() {
        SftpFrameReader r = new SftpFrameReader();
        r.receive(dataReply(1, 100_000, (byte) 1), 0, 4 + 9 + 100_000);
        var first = (io.sanssh.spec.sftp.SftpReply.Data) r.pollReply();
        byte[] array = first.data().backingArrayForRecycling();
        r.recycle(first.data());
        r.recycle(first.data());  // twice: still kept once
        r.receive(dataReply(2, 100_000, (byte) 2), 0, 4 + 9 + 100_000);
        var second = (io.sanssh.spec.sftp.SftpReply.Data) r.pollReply();
        assertEquals(2, second.id());
        org.junit.jupiter.api.Assertions.assertSame(array, second.data().backingArrayForRecycling());
        byte[] twos = new byte[100_000];
        java.util.Arrays.fill(twos, (byte) 2);
        assertArrayEquals(twos, second.data().toByteArray());
        r.receive(dataReply(3, 100_000, (byte) 3), 0, 4 + 9 + 100_000);
        var third = (io.sanssh.spec.sftp.SftpReply.Data) r.pollReply();
        org.junit.jupiter.api.Assertions.assertNotSame(array, third.data().backingArrayForRecycling(),
                "given back twice, the array must not carry two replies");
        r.recycle(third.data());
        r.receive(dataReply(4, 50_000, (byte) 4), 0, 4 + 9 + 50_000);
        var fourth = (io.sanssh.spec.sftp.SftpReply.Data) r.pollReply();
        assertEquals(50_000 + 9, fourth.data().backingArrayForRecycling().length, "a spare of another length is not used");
    }
}
