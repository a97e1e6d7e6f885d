package io.sanssh.engine.sftp;

import io.sanssh.spec.wire.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server session's open handles (draft-ietf-secsh-filexfer-02 §6.3): the opaque strings the
 * client holds, mapped to the backend's open files and directories, at most {@link #max()} at
 * once.
 *
 * <p>A handle is 4 bytes of a counter that never repeats within a session (until 2^32 handles),
 * so a stale handle a client keeps after CLOSE can never reach a file opened later.
 */
final class HandleTable {
    private final int max;
    private final Map<Bytes, Object> open = new LinkedHashMap<>();
    private int counter;

    /** A table allowing {@code max} handles at once. */
    HandleTable(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max handles must be at least 1: " + max);
        }
        this.max = max;
    }

    /** The most handles open at once. */
    int max() {
        return max;
    }

    /** Handles open now. */
    int size() {
        return open.size();
    }

    /** Whether another handle may be opened. */
    boolean hasRoom() {
        return open.size() < max;
    }

    /** Registers {@code target} (an {@link SftpOpenFile} or {@link SftpOpenDirectory}) and returns its new handle. */
    Bytes add(Object target) {
        if (!hasRoom()) {
            throw new IllegalStateException("the handle table is full");
        }
        Bytes h;
        do {
            int c = counter++;
            h = Bytes.of((byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c);
        } while (open.containsKey(h));
        open.put(h, target);
        return h;
    }

    /** The open file behind {@code handle}, or null if it is not an open file's handle. */
    SftpOpenFile file(Bytes handle) {
        return open.get(handle) instanceof SftpOpenFile f ? f : null;
    }

    /** The open directory behind {@code handle}, or null if it is not an open directory's handle. */
    SftpOpenDirectory directory(Bytes handle) {
        return open.get(handle) instanceof SftpOpenDirectory d ? d : null;
    }

    /** Forgets {@code handle} and returns what it stood for, or null if it was not open. */
    Object remove(Bytes handle) {
        return open.remove(handle);
    }

    /** Forgets every handle and returns what they stood for, in opening order. */
    List<Object> removeAll() {
        List<Object> all = new ArrayList<>(open.values());
        open.clear();
        return all;
    }
}
