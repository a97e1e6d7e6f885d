package io.sanssh.drivers.selector;

import java.util.Arrays;

/**
 * The selector loop's timers: a binary min-heap of connections keyed by their next wake-up time
 * (the engine's {@code nextDeadline}, a connect timeout, or a close bound). Each entry knows its
 * own position, so moving a deadline is O(log n) in place: engines re-arm timers often, and a heap
 * that only appended new entries would grow without bound under load. Loop thread only.
 */
final class DeadlineHeap {
    /** Something with a deadline that sits in at most one heap. */
    abstract static class Entry {
        /** Index in the heap, or -1 when not in it. */
        int heapIndex = -1;
        long deadline;
    }

    private Entry[] heap = new Entry[64];
    private int size;

    /** Puts {@code e} in the heap at {@code deadline}, or moves it there if it is in already. */
    void schedule(Entry e, long deadline) {
        if (e.heapIndex >= 0) {
            long old = e.deadline;
            e.deadline = deadline;
            if (deadline - old < 0) {
                siftUp(e.heapIndex);
            } else {
                siftDown(e.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.deadline = deadline;
        e.heapIndex = size;
        heap[size++] = e;
        siftUp(e.heapIndex);
    }

    /** Takes {@code e} out of the heap; harmless if it is not in it. */
    void cancel(Entry e) {
        int i = e.heapIndex;
        if (i < 0) {
            return;
        }
        Entry last = heap[--size];
        heap[size] = null;
        e.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    /** The earliest entry, or {@code null}. */
    Entry peek() {
        return size == 0 ? null : heap[0];
    }

    /** Removes and returns the earliest entry if its deadline is at or before {@code now}, else null. */
    Entry pollDue(long now) {
        Entry top = peek();
        if (top == null || now - top.deadline < 0) {
            return null;
        }
        cancel(top);
        return top;
    }

    /** How many entries are in the heap. */
    int size() {
        return size;
    }

    private void siftUp(int i) {
        Entry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (e.deadline - p.deadline >= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        Entry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (heap[child].deadline - e.deadline >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
