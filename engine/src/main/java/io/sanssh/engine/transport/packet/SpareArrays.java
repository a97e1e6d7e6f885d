package io.sanssh.engine.transport.packet;

/**
 * Arrays of bulk packets that their holders gave back, kept for the next bulk packets so that a
 * long stream does not allocate (and the collector clear) one array per packet.
 *
 * <p>A stack of at most {@link #MAX} arrays: the newest given back is taken first, while it is
 * still in the processor's cache. An array is handed out only for a packet that fills at least
 * half of it, so a large array is not tied up by small packets. Not thread-safe: the reader's
 * owner calls it under the same lock as the reader.
 */
final class SpareArrays {
    /** Arrays kept at most: 16 arrays of a 32 KiB packet is 0.5 MiB per busy connection. */
    static final int MAX = 16;

    private final byte[][] stack = new byte[MAX][];
    private int count;

    /**
     * An array of at least {@code size} bytes: the newest spare if it fits, else a new one. A spare
     * that does not fit is dropped, so the stack follows the sizes of the packets now arriving.
     */
    byte[] take(int size) {
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
     * Keeps {@code a} for a later packet, unless {@link #MAX} are kept already, it is too small to
     * be worth keeping, or it is kept already (given back twice, it would be handed out twice).
     *
     * @return whether it was kept
     */
    boolean give(byte[] a, int minimum) {
        if (count == MAX || a.length < minimum) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (stack[i] == a) {
                return false;
            }
        }
        stack[count++] = a;
        return true;
    }

    /** Drops every spare (for a connection gone quiet). */
    void clear() {
        java.util.Arrays.fill(stack, 0, count, null);
        count = 0;
    }

    /** Bytes held in spares. */
    long retainedBytes() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += stack[i].length;
        }
        return n;
    }
}
