package io.sanssh.spec.wire;

import java.util.Arrays;

/**
 * Byte arrays their holders gave back, kept for the next packets of a stream so that a long
 * transfer does not allocate (and the collector clear) one array per packet. The packet reader
 * keeps the arrays of bulk packets, the SFTP frame reader its DATA and WRITE bodies, the SFTP output
 * its encoded WRITEs and DATAs.
 *
 * <p>At most {@code max} arrays. {@link #takeAtLeast} takes the newest, the one most likely still
 * in the processor's cache; {@link #takeExact} the oldest of the length asked for. An array given back twice is kept once: kept twice, it
 * would carry two packets at once. Not thread-safe: its owner's lock covers it.
 */
public final class SpareArrays {
    private final byte[][] stack;
    private final int minLength;
    private int count;

    /**
     * @param max how many arrays are kept at most
     * @param minLength arrays shorter than this are not kept (cheap to allocate anyway)
     */
    public SpareArrays(int max, int minLength) {
        this.stack = new byte[max][];
        this.minLength = minLength;
    }

    /**
     * An array of at least {@code size} bytes: the newest spare if it fits without wasting more than
     * half of it, else a new one. A spare that does not fit is dropped, so the stack follows the
     * sizes of the packets now arriving.
     */
    public byte[] takeAtLeast(int size) {
        if (count > 0) {
            byte[] a = stack[--count];
            stack[count] = null;
            if (a.length >= size && a.length / 2 <= size) {
                return a;
            }
        }
        return new byte[size];
    }

    /**
     * The oldest spare of exactly {@code length} bytes (its old content still there: overwrite every
     * byte), or {@code null} if none is kept; spares of other lengths stay. Oldest first, so equal
     * arrays take turns in the order they came back. A miss allocates nothing, so a caller that
     * must not trust a declared length yet can decide for itself.
     */
    public byte[] takeExact(int length) {
        for (int i = 0; i < count; i++) {
            byte[] a = stack[i];
            if (a.length == length) {
                System.arraycopy(stack, i + 1, stack, i, count - i - 1);
                stack[--count] = null;
                return a;
            }
        }
        return null;
    }

    /**
     * Keeps {@code a} for a later take, unless it is shorter than the minimum or kept already; when
     * as many as allowed are kept, the oldest spare makes room (the newest are the ones still in
     * cache). Give back only an array nothing holds or reads any more: it will be overwritten.
     *
     * @return whether it was kept
     */
    public boolean give(byte[] a) {
        if (a.length < minLength) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (stack[i] == a) {
                return false;
            }
        }
        if (count == stack.length) {
            System.arraycopy(stack, 1, stack, 0, count - 1);
            count--;
        }
        stack[count++] = a;
        return true;
    }

    /** Drops every spare (for a stream gone quiet). */
    public void clear() {
        Arrays.fill(stack, 0, count, null);
        count = 0;
    }

    /** Bytes held in spares. */
    public long retainedBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += stack[i].length;
        }
        return n;
    }
}
