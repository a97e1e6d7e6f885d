package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Spare packet arrays: only a packet taken whole is handed out again, and only to a user of {@link PacketOutput#buffer}. */
class PacketOutputTest {
    private static final int BIG = 64 * 1024;

    @Test
    void aLargePacketTakenWholeIsTheNextBufferOfItsLength() {
        PacketOutput out = new PacketOutput();
        byte[] first = out.buffer(BIG);
        out.addEncoded(first);
        ByteBuffer dst = ByteBuffer.allocate(BIG - 1);
        assertEquals(BIG - 1, out.take(dst));
        assertNotSame(first, out.buffer(BIG), "a packet not yet taken whole is never handed out");
        out.consume(1);
        assertEquals(0, out.pending());
        assertNotSame(first, out.buffer(BIG - 8), "only an array of the asked length is reused");
        assertSame(first, out.buffer(BIG));
        assertNotSame(first, out.buffer(BIG), "a spare is handed out once");
    }

    @Test
    void atMostTwoSparesAreKeptAndSmallPacketsNone() {
        PacketOutput out = new PacketOutput();
        byte[][] sent = {out.buffer(BIG), out.buffer(BIG), out.buffer(BIG), new byte[100]};
        for (byte[] b : sent) {
            out.addEncoded(b);
        }
        out.take(ByteBuffer.allocate(3 * BIG + 100));
        byte[] a = out.buffer(BIG);
        byte[] b = out.buffer(BIG);
        assertSame(sent[1], a);
        assertSame(sent[2], b);
        assertNotSame(sent[0], out.buffer(BIG));
        assertNotSame(sent[3], out.buffer(100));
    }

    @Test
    void anOutputThatNeverAskedForABufferKeepsNoSpares() {
        PacketOutput out = new PacketOutput();
        byte[] reply = new byte[BIG];
        out.addEncoded(reply);
        out.take(ByteBuffer.allocate(BIG));
        // asking now finds nothing: the reply taken before was not kept
        assertNotSame(reply, out.buffer(BIG));
    }
}
