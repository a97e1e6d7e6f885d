package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which received pieces a channel hands back to the engine for reuse, and when. */
class ChannelStateRecycleTest {
    private static Bytes piece(int length, int fill) {
        byte[] a = new byte[length + 10];
        java.util.Arrays.fill(a, (byte) fill);
        return Bytes.wrap(a, 5, length);
    }

    @Test
    void onlyPiecesReadWholeAreHandedBackInOrder() throws Exception {
        ChannelState state = new ChannelState(0);
        Bytes a = piece(100, 1);
        Bytes b = piece(100, 2);
        state.onData(ChannelState.STDOUT, a);
        state.onData(ChannelState.STDOUT, b);
        byte[] dst = new byte[150];
        assertEquals(150, state.read(ChannelState.STDOUT, dst, 0, 150));
        List<Bytes> back = new ArrayList<>();
        state.recycleSpent(back::add);
        assertEquals(List.of(a), back, "the second piece is half read: its array is still in use");
        assertEquals(50, state.read(ChannelState.STDOUT, dst, 0, 150));
        back.clear();
        state.recycleSpent(back::add);
        assertEquals(1, back.size());
        assertSame(b, back.get(0));
        back.clear();
        state.recycleSpent(back::add);
        assertTrue(back.isEmpty(), "each piece is handed back once");
    }

    @Test
    void atMostSixteenWaitAndDiscardedPiecesAreNotHandedBack() throws Exception {
        ChannelState state = new ChannelState(0);
        for (int i = 0; i < 20; i++) {
            state.onData(ChannelState.STDOUT, piece(10, i));
        }
        byte[] dst = new byte[200];
        int n = 0;
        while (n < 200) {
            n += state.read(ChannelState.STDOUT, dst, n, 200 - n);
        }
        for (int i = 0; i < 20; i++) {
            byte[] expect = new byte[10];
            java.util.Arrays.fill(expect, (byte) i);
            assertArrayEquals(expect, java.util.Arrays.copyOfRange(dst, i * 10, i * 10 + 10));
        }
        List<Bytes> back = new ArrayList<>();
        state.recycleSpent(back::add);
        assertEquals(SpentPieces.MAX, back.size());
        state.onData(ChannelState.STDERR, piece(10, 1));
        state.discard(ChannelState.STDERR);
        back.clear();
        state.recycleSpent(back::add);
        assertTrue(back.isEmpty());
    }
}
