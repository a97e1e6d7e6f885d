package io.sanssh.engine.channel;

import java.util.Arrays;

/**
 * The channels whose last write was cut short, waiting for credit, and the order in which they
 * are woken (one {@code ChannelWritable} each).
 *
 * <p>Fairness: when credit returns, every waiting channel that now has credit is woken, least
 * recently served first ("served" = a write accepted at least one byte). The first one woken may
 * take the whole outbound budget; the others then get 0, wait again, and are first in line next
 * time, because their last service is older. So under a shared budget the channels take turns,
 * round-robin, and none starves. Waking everyone with credit, rather than one at a time, keeps
 * the wake-up independent of what the application does with it.
 *
 * <p>No allocation: a plain array, kept sorted by insertion.
 */
final class WriteScheduler {
    /** Emits one wake-up. */
    interface Waker {
        /** The credit {@code c} has now. */
        long credit(Channel c);

        /** Tells the application {@code c} may write. */
        void wake(Channel c);
    }

    private Channel[] waiting = new Channel[8];
    private int size;
    private long serveCounter;

    /** {@code c} just had bytes accepted: it moves behind everyone served before. */
    void served(Channel c) {
        c.lastServed = ++serveCounter;
    }

    /** {@code c}'s write was cut short: it waits for credit (once, however often it is refused). */
    void block(Channel c) {
        if (c.blocked) {
            return;
        }
        c.blocked = true;
        if (size == waiting.length) {
            waiting = Arrays.copyOf(waiting, size * 2);
        }
        waiting[size++] = c;
    }

    /** {@code c} stops waiting (closed, EOF sent, or gone). */
    void remove(Channel c) {
        if (!c.blocked) {
            return;
        }
        c.blocked = false;
        for (int i = 0; i < size; i++) {
            if (waiting[i] == c) {
                System.arraycopy(waiting, i + 1, waiting, i, size - i - 1);
                waiting[--size] = null;
                return;
            }
        }
    }

    /** Whether any channel waits. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Channels waiting. */
    int size() {
        return size;
    }

    /**
     * Wakes every waiting channel that has credit now, least recently served first; the others
     * keep waiting. Cheap when none waits.
     */
    void wake(Waker waker) {
        if (size == 0) {
            return;
        }
        sortByLastServed();
        int kept = 0;
        int n = size;
        for (int i = 0; i < n; i++) {
            Channel c = waiting[i];
            waiting[i] = null;
            if (waker.credit(c) > 0) {
                c.blocked = false;
                waker.wake(c);
            } else {
                waiting[kept++] = c;
            }
        }
        size = kept;
    }

    private void sortByLastServed() {
        for (int i = 1; i < size; i++) {
            Channel c = waiting[i];
            int j = i - 1;
            while (j >= 0 && waiting[j].lastServed > c.lastServed) {
                waiting[j + 1] = waiting[j];
                j--;
            }
            waiting[j + 1] = c;
        }
    }
}
