package io.sanssh.spec.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The spare-array stack the packet reader, the SFTP frame reader and the SFTP output share. */
class SpareArraysTest {
    @Test
    void theNewestFittingSpareIsTakenAndAMisfitIsDropped() {
        SpareArrays s = new SpareArrays(4, 100);
        byte[] small = new byte[1000];
        byte[] large = new byte[5000];
        assertTrue(s.give(small));
        assertTrue(s.give(large));
        assertSame(large, s.takeAtLeast(4000), "newest first");
        byte[] fresh = s.takeAtLeast(3000);
        assertNotSame(small, fresh, "1000 bytes cannot hold 3000: dropped, a new array instead");
        assertEquals(3000, fresh.length);
        assertEquals(0, s.retainedBytes());
    }

    @Test
    void anExactTakeSearchesByLengthAndAllocatesNothingOnAMiss() {
        SpareArrays s = new SpareArrays(4, 100);
        byte[] a = new byte[200];
        byte[] b = new byte[300];
        s.give(a);
        s.give(b);
        assertNull(s.takeExact(250));
        assertSame(a, s.takeExact(200), "found by its length, whatever its place");
        assertSame(b, s.takeExact(300));
        assertNull(s.takeExact(300));
    }

    @Test
    void smallAndDuplicateArraysAreRefusedAndTheOldestMakesRoom() {
        SpareArrays s = new SpareArrays(2, 100);
        assertFalse(s.give(new byte[99]), "below the minimum");
        byte[] a = new byte[100];
        assertTrue(s.give(a));
        assertFalse(s.give(a), "kept twice, it would carry two packets at once");
        byte[] b = new byte[101];
        byte[] c = new byte[102];
        assertTrue(s.give(b));
        assertTrue(s.give(c), "full: the oldest makes room");
        assertEquals(203, s.retainedBytes());
        assertNull(s.takeExact(100), "the oldest went");
        assertSame(b, s.takeExact(101));
        s.give(a);
        s.clear();
        assertEquals(0, s.retainedBytes());
    }
}
