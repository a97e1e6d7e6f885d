package io.sanssh.drivers.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The deadline heap against a sorted reference, under random schedules, moves and cancels. */
class DeadlineHeapTest {
    private static final class Item extends DeadlineHeap.Entry {
        boolean in;
    }

    @Test
    void pollsInDeadlineOrderThroughRandomMovesAndCancelsAndStaysBounded() {
        SplittableRandom r = new SplittableRandom(42);
        DeadlineHeap heap = new DeadlineHeap();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(new Item());
        }
        long base = Long.MAX_VALUE - 1_000_000; // near wrap-around: comparisons must use a - b
        for (int step = 0; step < 50_000; step++) {
            Item it = items.get(r.nextInt(items.size()));
            if (r.nextInt(4) == 0) {
                heap.cancel(it);
                it.in = false;
            } else {
                heap.schedule(it, base + r.nextLong(2_000_000));
                it.in = true;
            }
        }
        List<Item> expected = new ArrayList<>();
        for (Item it : items) {
            if (it.in) {
                expected.add(it);
            }
        }
        assertEquals(expected.size(), heap.size(), "one entry per item, however often it moved");
        expected.sort(Comparator.comparingLong(i -> i.deadline - base));
        long end = base + 2_000_000;
        for (Item want : expected) {
            DeadlineHeap.Entry got = heap.pollDue(end);
            assertEquals(want.deadline, got.deadline);
        }
        assertNull(heap.pollDue(end));
        assertEquals(0, heap.size());
    }

    @Test
    void nothingIsDueBeforeItsDeadline() {
        DeadlineHeap heap = new DeadlineHeap();
        Item a = new Item();
        heap.schedule(a, 100);
        assertNull(heap.pollDue(99));
        assertEquals(a, heap.pollDue(100));
    }
}
