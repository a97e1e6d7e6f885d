package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Spare packet arrays: only a packet taken whole is handed out again, only to a user of
 * {@link PacketOutput#buffer}, and none is kept once the output ran empty.
 */
class PacketOutputTest {
    private static final int BIG = 64 * 1024;

    @Test
    void aLargePacketTakenWholeIsTheNextBufferOfItsLength() {
        PacketOutput out = new PacketOutput();
        byte[] first = out.buffer(BIG);
        out.addEncoded(first);
        out.addEncoded(new byte[10]);
        assertEquals(BIG - 1, out.take(ByteBuffer.allocate(BIG - 1)));
        assertNotSame(first, out.buffer(BIG), "a packet not yet taken whole is never handed out");
        out.consume(1);
        assertEquals(10, out.pending());
        assertNotSame(first, out.buffer(BIG - 8), "only an array of the asked length is reused");
        assertSame(first, out.buffer(BIG));
        assertNotSame(first, out.buffer(BIG), "a spare is handed out once");
    }

    @Test
    void atMostEightSparesAreKeptAndSmallPacketsNone() {
        PacketOutput out = new PacketOutput();
        byte[][] sent = new byte[10][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = out.buffer(BIG);
            out.addEncoded(sent[i]);
            out.addEncoded(new byte[100]);
        }
        out.addEncoded(new byte[1]);
        out.take(ByteBuffer.allocate(10 * (BIG + 100)));
        assertEquals(1, out.pending());
        for (int i = 2; i < sent.length; i++) {
            assertSame(sent[i], out.buffer(BIG), "spare " + i);
        }
        assertNotSame(sent[0], out.buffer(BIG));
        assertNotSame(sent[1], out.buffer(BIG));
    }

    @Test
    void anEmptyOutputOrOneThatNeverAskedForABufferKeepsNoSpares() {
        PacketOutput server = new PacketOutput();
        byte[] reply = new byte[BIG];
        server.addEncoded(reply);
        server.addEncoded(new byte[1]);
        server.take(ByteBuffer.allocate(BIG));
        assertNotSame(reply, server.buffer(BIG), "the reply taken before asking was not kept");

        PacketOutput client = new PacketOutput();
        byte[] write = client.buffer(BIG);
        client.addEncoded(write);
        client.take(ByteBuffer.allocate(BIG));
        assertEquals(0, client.pending());
        assertNotSame(write, client.buffer(BIG), "the output ran empty: its spares went");
    }
}
