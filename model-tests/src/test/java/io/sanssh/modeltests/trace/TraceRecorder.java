package io.sanssh.modeltests.trace;

import io.sanssh.engine.trace.OutboundTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Records one engine's outbound actions with the observed queue state after each, and writes them
 * as a TLA+ module {@code Trace_<name>} for {@code tla/trace/OutboundTrace.tla}. Event names and
 * message kinds are the trace spec's (kinds as in {@code tla/SshMessages.tla}).
 */
final class TraceRecorder implements OutboundTrace {

    /** One event; unused fields are 0 / FALSE / "none". */
    record Event(String e, String kind, int seq, long n, long size, boolean reset, boolean paused,
            QueueState after) {

        Event with(String newE, String newKind, int newSeq, QueueState newAfter) {
            return new Event(newE, newKind, newSeq, n, size, reset, paused, newAfter);
        }

        String toTla() {
            return "[e |-> \"" + e + "\", kind |-> \"" + kind + "\", seq |-> " + seq + ", n |-> " + n
                    + ", size |-> " + size + ", reset |-> " + bool(reset) + ", paused |-> " + bool(paused)
                    + ", held |-> " + after.held() + ", wire |-> " + after.wirePackets()
                    + ", bytes |-> " + after.wireBytes() + ", seqNext |-> " + after.seqNext()
                    + ", kex |-> " + bool(after.kexActive()) + "]";
        }

        private static String bool(boolean b) {
            return b ? "TRUE" : "FALSE";
        }
    }

    final List<Event> events = new ArrayList<>();
    private long lastWireBytes;

    /** The model's kind for an SSH message number (see SshMessages.tla). */
    static String kind(int n) {
        if (n == 20) {
            return "kexinit";
        }
        if (n == 21) {
            return "newkeys";
        }
        if (n >= 22 && n <= 49) {
            return "kexdh";
        }
        return switch (n) {
            case 1 -> "disconnect";
            case 2 -> "ignore";
            case 3 -> "unimplemented";
            case 4 -> "debug";
            case 5, 6 -> "service";
            case 7 -> "ext_info";
            case 80 -> "global";
            case 81, 82 -> "reply";
            case 93 -> "adjust";
            case 94, 95 -> "data";
            case 96 -> "eof";
            case 97 -> "close";
            default -> n >= 50 && n <= 79 ? "userauth" : n >= 90 && n <= 100 ? "channel" : "other";
        };
    }

    private void add(String e, String kind, int seq, long n, long size, boolean reset, boolean paused,
            QueueState after) {
        events.add(new Event(e, kind, seq, n, size, reset, paused, after));
        lastWireBytes = after.wireBytes();
    }

    @Override
    public void identificationQueued(int length, QueueState after) {
        add("Ident", "none", 0, length, 0, false, false, after);
    }

    @Override
    public void appWrite(int messageNumber, QueueState after) {
        add("AppWrite", kind(messageNumber), 0, 0, 0, false, false, after);
    }

    @Override
    public void internalQueued(int messageNumber, QueueState after) {
        add("Internal", kind(messageNumber), 0, 0, 0, false, false, after);
    }

    @Override
    public void encrypted(int messageNumber, int seq, QueueState after) {
        // The packet's ciphertext size is what the wire grew by.
        long size = after.wireBytes() - lastWireBytes;
        add("Encrypt", kind(messageNumber), seq, 0, size, false, false, after);
    }

    @Override
    public void transmitted(int n, QueueState after) {
        add("Transmit", "none", 0, n, 0, false, false, after);
    }

    @Override
    public void kexStarted(QueueState after) {
        add("KexStarted", "none", 0, 0, 0, false, false, after);
    }

    @Override
    public void kexEnded(boolean sequenceReset, QueueState after) {
        add("KexEnded", "none", 0, 0, 0, sequenceReset, false, after);
    }

    @Override
    public void inputPaused(boolean paused, QueueState after) {
        add("Pause", "none", 0, 0, 0, false, paused, after);
    }

    /** Counts events named {@code e}. */
    long count(String e) {
        return events.stream().filter(x -> x.e().equals(e)).count();
    }

    /**
     * The events with each held message's routing event carrying, as its {@code size}, the
     * ciphertext size its packet gets when it is released after our NEWKEYS (0 if never). The model's
     * held queue records a message's size when it is held (OutboundQueue.tla, Enqueue), but the engine
     * only knows it under the new keys: a prophecy, filled in from the later Encrypt event, which the
     * trace spec then checks against that event.
     */
    static List<Event> withHeldSizes(List<Event> events) {
        List<Event> out = new ArrayList<>(events);
        ArrayDeque<Integer> heldAt = new ArrayDeque<>();
        for (int k = 1; k < out.size(); k++) {
            Event e = out.get(k);
            int before = out.get(k - 1).after().held();
            if ((e.e().equals("AppWrite") || e.e().equals("Internal")) && e.after().held() == before + 1) {
                heldAt.addLast(k);
            } else if (e.e().equals("Encrypt") && e.after().held() == before - 1 && !heldAt.isEmpty()) {
                int j = heldAt.removeFirst();
                Event h = out.get(j);
                out.set(j, new Event(h.e(), h.kind(), h.seq(), h.n(), e.size(), h.reset(), h.paused(), h.after()));
            }
        }
        return out;
    }

    /** Writes {@code Trace_<name>.tla} into {@code dir} (held sizes filled in) and returns its path. */
    static Path writeModule(Path dir, String name, List<Event> recorded) {
        List<Event> events = withHeldSizes(recorded);
        StringBuilder sb = new StringBuilder();
        sb.append("---- MODULE Trace_").append(name).append(" ----\n");
        sb.append("\\* Recorded by TraceRecorder: ").append(events.size()).append(" events.\n");
        sb.append("Trace == <<\n");
        for (int k = 0; k < events.size(); k++) {
            sb.append("  ").append(events.get(k).toTla()).append(k + 1 < events.size() ? ",\n" : "\n");
        }
        sb.append(">>\n====\n");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("Trace_" + name + ".tla");
            Files.writeString(file, sb, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
