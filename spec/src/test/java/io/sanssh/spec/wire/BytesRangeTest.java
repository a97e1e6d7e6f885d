package io.sanssh.spec.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A byte string over a range of a larger array behaves exactly as one over its own copy. */
class BytesRangeTest {
    private static final byte[] ARRAY = "xxhello, worldyy".getBytes(StandardCharsets.US_ASCII);
    private static final Bytes RANGE = Bytes.wrap(ARRAY, 2, 12);
    private static final Bytes COPY = Bytes.utf8("hello, world");

    @Test
    void aRangeHasTheValueOfItsContentAlone() {
        assertEquals(COPY, RANGE);
        assertEquals(RANGE, COPY);
        assertEquals(COPY.hashCode(), RANGE.hashCode());
        assertEquals(Arrays.hashCode(COPY.toByteArray()), RANGE.hashCode());
        assertNotEquals(Bytes.wrap(ARRAY, 2, 11), COPY);
        assertEquals(COPY.toString(), RANGE.toString());
        assertEquals(COPY.toHex(), RANGE.toHex());
        assertEquals("hello, world", RANGE.toUtf8());
        assertEquals(12, RANGE.length());
        assertEquals((byte) 'h', RANGE.get(0));
        assertEquals((byte) 'd', RANGE.get(11));
        assertSame(Bytes.EMPTY, Bytes.wrap(ARRAY, 5, 0));
    }

    @Test
    void copiesAndViewsSeeOnlyTheRange() {
        assertArrayEquals(COPY.toByteArray(), RANGE.toByteArray());
        ByteBuffer view = RANGE.asReadOnlyBuffer();
        assertEquals(0, view.position());
        assertEquals(12, view.remaining());
        byte[] viewed = new byte[12];
        view.get(viewed);
        assertArrayEquals(COPY.toByteArray(), viewed);

        byte[] dst = new byte[14];
        RANGE.copyTo(dst, 1);
        assertEquals("hello, world", new String(dst, 1, 12, StandardCharsets.US_ASCII));
        byte[] part = new byte[5];
        RANGE.copyTo(7, part, 0, 5);
        assertEquals("world", new String(part, StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RANGE.writeTo(out, 0, 5);
        assertEquals("hello", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void nothingOutsideTheRangeIsReachable() {
        assertThrows(IndexOutOfBoundsException.class, () -> RANGE.get(12));
        assertThrows(IndexOutOfBoundsException.class, () -> RANGE.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> RANGE.copyTo(8, new byte[10], 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> RANGE.writeTo(new ByteArrayOutputStream(), 10, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(ARRAY, 10, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wrap(ARRAY, -1, 2));
    }
}
