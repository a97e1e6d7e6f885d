package io.sanssh.engine.channel;

import java.util.Arrays;

/**
 * Our channel numbers (RFC 4254 §5.1: each side picks its own "sender channel"), with
 * constant-time lookup for the bulk path.
 *
 * <p>A number is {@code generation << 16 | slot}. A slot is taken when we send CHANNEL_OPEN or
 * receive the peer's, and becomes free only when the channel is closed both ways or its open
 * failed (RFC 4254 §5.3); the lowest free slot is used first, as OpenSSH reuses the lowest
 * number, so the table stays small. Each reuse of a slot bumps its generation, so the number
 * itself is not reused until a slot has been reused 32768 times: a stale number held by the
 * application after {@code ChannelClosed} (or a late message about it) cannot reach the channel
 * that took its slot. The first channels get numbers 0, 1, 2..., as in OpenSSH.
 */
final class ChannelTable {
    static final int SLOT_BITS = 16;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final int GENERATIONS = 1 << (31 - SLOT_BITS);

    private final int max;
    private Channel[] slots = new Channel[8];
    private int[] generations = new int[8];
    private int count;

    /** A table for at most {@code max} channels at once (at most 2^16). */
    ChannelTable(int max) {
        if (max < 1 || max > (1 << SLOT_BITS)) {
            throw new IllegalArgumentException("max channels " + max);
        }
        this.max = max;
    }

    /** The number the next channel gets (lowest free slot, its current generation), or -1 when full. */
    int nextFree() {
        if (count >= max) {
            return -1;
        }
        int slot = 0;
        while (slot < slots.length && slots[slot] != null) {
            slot++;
        }
        int gen = slot < generations.length ? generations[slot] : 0;
        return gen << SLOT_BITS | slot;
    }

    /** Stores {@code c} under its number, which {@link #nextFree()} just returned. */
    void put(Channel c) {
        int slot = c.id & SLOT_MASK;
        if (slot >= slots.length) {
            int n = Math.min(Math.max(slots.length * 2, slot + 1), max);
            slots = Arrays.copyOf(slots, n);
            generations = Arrays.copyOf(generations, n);
        }
        if (slots[slot] != null || (c.id >>> SLOT_BITS) != generations[slot]) {
            throw new IllegalStateException("channel number " + c.id + " is not free");
        }
        slots[slot] = c;
        count++;
    }

    /** The channel numbered {@code id}, or {@code null} if no channel has that number now. */
    Channel get(int id) {
        int slot = id & SLOT_MASK;
        if (id < 0 || slot >= slots.length) {
            return null;
        }
        Channel c = slots[slot];
        return c != null && c.id == id ? c : null;
    }

    /** Frees {@code c}'s slot; its next user gets the next generation. */
    void free(Channel c) {
        int slot = c.id & SLOT_MASK;
        if (slots[slot] == c) {
            slots[slot] = null;
            generations[slot] = (generations[slot] + 1) % GENERATIONS;
            count--;
        }
    }

    /** The slot of a channel number (for tests and diagnostics). */
    static int slotOf(int id) {
        return id & SLOT_MASK;
    }

    /** Channels in use. */
    int size() {
        return count;
    }
}
