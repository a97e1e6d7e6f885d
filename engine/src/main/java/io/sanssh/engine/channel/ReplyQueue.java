package io.sanssh.engine.channel;

import io.sanssh.spec.wire.Bytes;
import java.util.ArrayDeque;

/**
 * The peer's want-reply requests on one channel, or the global ones, in arrival order, each
 * waiting for a decision (outbound rule 7). RFC 4254 §4 requires replies in request order because
 * they carry no identifier; the application may decide in any order, so a decision is stored and
 * only leaves once every earlier request is decided too. Requests the layer answers itself
 * (keep-alives, unknown requests) enter already decided, so they also wait behind earlier
 * undecided ones.
 */
final class ReplyQueue {
    /** Queues one reply; called in arrival order. */
    interface Sender {
        void send(long requestId, boolean success, Bytes responseData);
    }

    private static final class Entry {
        final long id;
        boolean decided;
        boolean success;
        Bytes data = Bytes.EMPTY;

        Entry(long id) {
            this.id = id;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** A request arrived whose answer the application decides. */
    void addPending(long requestId) {
        entries.addLast(new Entry(requestId));
    }

    /** A request arrived that the layer answers itself, now. */
    void addDecided(long requestId, boolean success, Bytes data) {
        Entry e = new Entry(requestId);
        e.decided = true;
        e.success = success;
        e.data = data;
        entries.addLast(e);
    }

    /**
     * Records the decision for {@code requestId}.
     *
     * @return false if no such request waits for a decision
     */
    boolean decide(long requestId, boolean success, Bytes data) {
        for (Entry e : entries) {
            if (e.id == requestId) {
                if (e.decided) {
                    return false;
                }
                e.decided = true;
                e.success = success;
                e.data = data;
                return true;
            }
        }
        return false;
    }

    /** Sends every decided reply at the head, in order, stopping at the first undecided one. */
    void flush(Sender sender) {
        Entry head;
        while ((head = entries.peekFirst()) != null && head.decided) {
            entries.removeFirst();
            sender.send(head.id, head.success, head.data);
        }
    }

    /** Forgets every request (the channel was closed: nothing may follow our CLOSE). */
    void clear() {
        entries.clear();
    }

    /** Whether any request waits. */
    boolean isEmpty() {
        return entries.isEmpty();
    }
}
