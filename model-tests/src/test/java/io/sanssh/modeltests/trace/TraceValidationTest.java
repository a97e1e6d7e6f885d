package io.sanssh.modeltests.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.trace.OutboundTrace;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.modeltests.tlc.TlcRunner;
import io.sanssh.spec.connection.GlobalRequestBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Trace validation: engine pairs record every outbound action of both sides, and TLC checks each
 * trace against {@code tla/trace/OutboundTrace.tla}, which INSTANCEs {@code OutboundQueue.tla}
 * under a refinement mapping: KEXINIT, our KEX message and NEWKEYS with its flush are the model's
 * StartKex, KexMessage and NewKeys, each transmit a sequence of its Transmit steps, other messages
 * its Enqueue/EncryptNow, and the model's TypeOK, WholePackets, SeqContiguous and KexQuiet hold
 * after every step (tla/trace/README.md). Exit 12 with NotDone violated = valid.
 * A doctored trace must be rejected (exit 0).
 */
class TraceValidationTest {
    private static final Path TLA_DIR = locateTlaDir();
    private static final Path TRACE_SPEC_DIR = TLA_DIR.resolve("trace");
    private static final Path OUT = Path.of("target", "trace-validation").toAbsolutePath();
    private static final int SEEDS_PER_SCENARIO = Integer.getInteger("sanssh.trace.seeds", 12);
    private static final TlcRunner.Options OPTIONS = TlcRunner.Options.defaults()
            .withWorkers(1)
            .withTimeout(Duration.ofMinutes(2))
            .withLibraryDirs(List.of(TRACE_SPEC_DIR, TLA_DIR));

    /** Rekey under blocked output: application payloads queued on a side with a 1-byte budget. */
    private static TracedPair rekeyUnderBlockedOutput(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean strict = rnd.nextBoolean();
        long highWater = 64 * 1024; // the engine's minimum (HighWater in OutboundTrace.cfg); the payloads below sometimes exceed it
        TracedPair p = new TracedPair(seed, strict, highWater, highWater);
        boolean clientRekeys = rnd.nextBoolean();
        var us = clientRekeys ? p.client : p.server;
        var peer = clientRekeys ? p.server : p.client;
        if (clientRekeys) {
            p.clientBudget = 1;
        } else {
            p.serverBudget = 1;
        }
        int queued = 2 + rnd.nextInt(6);
        for (int k = 0; k < queued; k++) {
            us.sendPayload(payload(94, 16 + rnd.nextInt(30_000), rnd), Origin.APPLICATION);
        }
        if (rnd.nextBoolean()) {
            peer.sendPayload(payload(94, 16 + rnd.nextInt(1000), rnd), Origin.APPLICATION);
        }
        us.requestRekey();
        assertTrue(us.kexActive(), "our key exchange runs");
        // Messages made during our KEX: global requests are held, IGNORE passes (not the initial KEX).
        for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
            us.sendPayload(payload(80, 8 + rnd.nextInt(64), rnd), Origin.APPLICATION);
        }
        us.sendIgnore(new byte[rnd.nextInt(32)]);
        for (int s = 20 + rnd.nextInt(60); s > 0; s--) {
            p.step();
        }
        p.clientBudget = p.serverBudget = Integer.MAX_VALUE;
        p.drain(10_000);
        assertEquals(2, us.keyExchangeCount(), "the rekey finished");
        return p;
    }

    /** Keep-alives from the peer while our rekey runs with our output blocked. */
    private static TracedPair keepAlivesDuringRekey(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean strict = rnd.nextBoolean();
        TracedPair p = new TracedPair(seed, strict, 64 * 1024, 64 * 1024);
        p.startLayers(64 * 1024);
        p.drain(1000);
        boolean clientRekeys = rnd.nextBoolean();
        var us = clientRekeys ? p.client : p.server;
        var peerLayer = clientRekeys ? p.serverLayer : p.clientLayer;
        if (clientRekeys) {
            p.clientBudget = rnd.nextBoolean() ? 0 : 1;
        } else {
            p.serverBudget = rnd.nextBoolean() ? 0 : 1;
        }
        us.requestRekey();
        int probes = 2 + rnd.nextInt(4);
        for (int k = 0; k < probes; k++) {
            peerLayer.globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
            for (int s = rnd.nextInt(4); s > 0; s--) {
                p.step();
            }
        }
        for (int s = 5 + rnd.nextInt(40); s > 0; s--) {
            p.step();
        }
        assertTrue(us.kexActive(), "our key exchange is still running with output blocked");
        p.clientBudget = p.serverBudget = Integer.MAX_VALUE;
        p.drain(10_000);
        TraceRecorder ours = clientRekeys ? p.clientTrace : p.serverTrace;
        long replies = ours.events.stream().filter(e -> e.e().equals("Encrypt") && e.kind().equals("reply")).count();
        assertEquals(probes, replies, "every keep-alive was answered");
        return p;
    }

    private static byte[] payload(int number, int length, SplittableRandom rnd) {
        byte[] b = new byte[length];
        for (int k = 1; k < length; k++) {
            b[k] = (byte) rnd.nextInt(256);
        }
        b[0] = (byte) number;
        return b;
    }

    @Test
    void engineTracesAreBehavioursOfTheModel() throws Exception {
        long start = System.nanoTime();
        List<String> names = new ArrayList<>();
        long events = 0;
        for (int s = 1; s <= SEEDS_PER_SCENARIO; s++) {
            TracedPair a = rekeyUnderBlockedOutput(s);
            events += write("rekey" + s, a);
            names.add("rekey" + s + "_client");
            names.add("rekey" + s + "_server");
            TracedPair b = keepAlivesDuringRekey(1000 + s);
            events += write("keepalive" + s, b);
            names.add("keepalive" + s + "_client");
            names.add("keepalive" + s + "_server");
        }
        long recorded = System.nanoTime();
        // One TLC run over every trace (OutboundTraceBatch); one run per trace only to name a culprit.
        TlcRunner.Result r = checkBatch("all", names);
        if (r.exitCode() != TlcRunner.INVARIANT_VIOLATED) {
            List<String> rejected = new ArrayList<>();
            for (String name : names) {
                if (check(name).exitCode() != TlcRunner.INVARIANT_VIOLATED) {
                    rejected.add(name);
                }
            }
            throw new AssertionError("traces rejected by the model (TLC exit " + r.exitCode() + "): " + rejected
                    + " (see " + OUT + ")\n" + r.tail(40));
        }
        assertEquals("NotDone", r.violatedInvariant().orElse(""), r::output);
        long end = System.nanoTime();
        System.out.printf("trace validation: %d traces (%d events) validated by TLC (%d distinct states);"
                + " recording %.1f s, TLC %.1f s, total %.1f s%n", names.size(), events,
                r.distinctStates().orElse(-1), (recorded - start) / 1e9, (end - recorded) / 1e9, (end - start) / 1e9);
    }

    /**
     * Doctored traces, each from a valid one: (1) an application message that was held during our
     * KEX is encrypted at once instead; (2) a sequence number skipped; (3) our NEWKEYS encrypted
     * while our KEXINIT is still on the wire (only the KEX refinement catches it). TLC must find no behaviour
     * (exit 0), in the single-trace spec and in the batch.
     */
    @Test
    void doctoredTracesAreRejected() throws Exception {
        TracedPair p = rekeyUnderBlockedOutput(7);
        List<TraceRecorder.Event> ok = heldGlobal(p.clientTrace.events) >= 0 ? p.clientTrace.events
                : p.serverTrace.events;
        assertEquals(TlcRunner.INVARIANT_VIOLATED, write("doctored_base", ok), "the original is valid");

        // 1. The held message's routing shows nothing held, and an Encrypt during KEX follows.
        List<TraceRecorder.Event> early = new ArrayList<>(ok);
        int heldAt = heldGlobal(early);
        assertTrue(heldAt > 0, "the trace holds an application message during KEX");
        TraceRecorder.Event h = early.get(heldAt);
        OutboundTrace.QueueState before = early.get(heldAt - 1).after();
        early.set(heldAt, h.with("AppWrite", h.kind(), 0, before));
        early.add(heldAt + 1, new TraceRecorder.Event("Encrypt", h.kind(), before.seqNext(), 0, 100, false, false,
                new OutboundTrace.QueueState(before.held(), before.wirePackets() + 1, before.wireBytes() + 100,
                        before.seqNext() + 1, true)));
        assertEquals(TlcRunner.OK, write("doctored_early", early), "a message encrypted during KEX must be rejected");

        // 2. A sequence number skipped: the last Encrypt claims seq + 1.
        List<TraceRecorder.Event> skip = new ArrayList<>(ok);
        int enc = lastIndex(skip, "Encrypt");
        TraceRecorder.Event e = skip.get(enc);
        skip.set(enc, e.with("Encrypt", e.kind(), e.seq() + 1, e.after()));
        assertEquals(TlcRunner.OK, write("doctored_skip", skip), "a skipped sequence number must be rejected");

        // 3. NEWKEYS while our KEXINIT has not left: the transmits between our last KEXINIT and our
        // NEWKEYS are dropped (pauses too, and the later states recomputed). Counts, sequence numbers
        // and section 7.1 still hold; only the KEX mapping catches it: OutboundQueue's NewKeys needs
        // the peer's KEX message (PeerKexDh), which cannot arrive while our KEXINIT is on the wire.
        List<TraceRecorder.Event> unsent = new ArrayList<>();
        int kexinit = lastIndex(ok, "Encrypt", "kexinit");
        int newkeys = lastIndex(ok, "Encrypt", "newkeys");
        assertTrue(kexinit < newkeys, "the last exchange ends in the trace");
        for (int k = 0; k < ok.size(); k++) {
            String ev = ok.get(k).e();
            boolean between = k > kexinit && k < newkeys;
            if (!ev.equals("Pause") && !(between && ev.equals("Transmit"))) {
                unsent.add(ok.get(k));
            }
        }
        assertTrue(unsent.size() < ok.size() - 1, "transmits were dropped");
        assertEquals(TlcRunner.OK, write("doctored_newkeys_unsent", replay(ok, unsent)),
                "NEWKEYS before our KEXINIT left must be rejected");

        // The batch rejects a set of traces in which one is doctored.
        writeWrapper("doctored_base2", ok);
        TlcRunner.Result batch = checkBatch("doctored_batch", List.of("doctored_base", "doctored_early",
                "doctored_base2"));
        assertEquals(TlcRunner.OK, batch.exitCode(), batch::output);
    }

    /** Index of the first application GLOBAL_REQUEST held during a rekey, or -1. */
    private static int heldGlobal(List<TraceRecorder.Event> events) {
        for (int k = 1; k < events.size(); k++) {
            TraceRecorder.Event e = events.get(k);
            if (e.e().equals("AppWrite") && e.kind().equals("global") && e.after().kexActive()
                    && e.after().held() == events.get(k - 1).after().held() + 1) {
                return k;
            }
        }
        return -1;
    }

    private static int lastIndex(List<TraceRecorder.Event> events, String e) {
        return lastIndex(events, e, null);
    }

    private static int lastIndex(List<TraceRecorder.Event> events, String e, String kind) {
        for (int k = events.size() - 1; k >= 0; k--) {
            if (events.get(k).e().equals(e) && (kind == null || events.get(k).kind().equals(kind))) {
                return k;
            }
        }
        throw new AssertionError("no " + e + " " + kind);
    }

    /**
     * Recomputes the observed state after each of {@code kept} (a subsequence of {@code original}):
     * wire packets and bytes, sequence numbers and the KEX flag from the events themselves; each
     * routing or encryption changes the held count as it did in the original.
     */
    private static List<TraceRecorder.Event> replay(List<TraceRecorder.Event> original,
            List<TraceRecorder.Event> kept) {
        java.util.Map<TraceRecorder.Event, Integer> heldDelta = new java.util.IdentityHashMap<>();
        for (int k = 0; k < original.size(); k++) {
            int before = k == 0 ? 0 : original.get(k - 1).after().held();
            heldDelta.put(original.get(k), original.get(k).after().held() - before);
        }
        java.util.ArrayDeque<long[]> wire = new java.util.ArrayDeque<>(); // {size, sent}
        int held = 0;
        int seqNext = 0;
        boolean kex = false;
        List<TraceRecorder.Event> out = new ArrayList<>();
        for (TraceRecorder.Event e : kept) {
            held += heldDelta.get(e);
            int seq = e.seq();
            switch (e.e()) {
                case "Ident" -> wire.addLast(new long[] {e.n(), 0});
                case "Encrypt" -> {
                    seq = seqNext;
                    seqNext++;
                    wire.addLast(new long[] {e.size(), 0});
                }
                case "KexStarted" -> kex = true;
                case "KexEnded" -> {
                    kex = false;
                    seqNext = e.reset() ? 0 : seqNext;
                }
                case "Transmit" -> {
                    long left = e.n();
                    while (left > 0) {
                        long[] head = wire.peekFirst();
                        long k = Math.min(left, head[0] - head[1]);
                        head[1] += k;
                        left -= k;
                        if (head[1] == head[0]) {
                            wire.removeFirst();
                        }
                    }
                }
                default -> {
                }
            }
            long bytes = wire.stream().mapToLong(p -> p[0] - p[1]).sum();
            out.add(e.with(e.e(), e.kind(), seq,
                    new OutboundTrace.QueueState(held, wire.size(), bytes, seqNext, kex)));
        }
        return out;
    }

    /** Writes both sides' traces; returns the number of events. */
    private static long write(String name, TracedPair p) throws IOException {
        writeWrapper(name + "_client", p.clientTrace.events);
        writeWrapper(name + "_server", p.serverTrace.events);
        return p.clientTrace.events.size() + p.serverTrace.events.size();
    }

    /** Writes and checks one trace; returns TLC's exit code. */
    private static int write(String name, List<TraceRecorder.Event> events) throws IOException {
        writeWrapper(name, events);
        TlcRunner.Result r = check(name);
        System.out.println(name + ": TLC exit " + r.exitCode() + " in " + r.elapsed().toMillis() + " ms");
        return r.exitCode();
    }

    private static void writeWrapper(String name, List<TraceRecorder.Event> events) throws IOException {
        TraceRecorder.writeModule(OUT, name, events);
        Files.writeString(OUT.resolve("MC_" + name + ".tla"), "---- MODULE MC_" + name + " ----\n"
                + "EXTENDS OutboundTrace\n"
                + "T == INSTANCE Trace_" + name + "\n"
                + "Recorded == T!Trace\n"
                + "====\n", StandardCharsets.UTF_8);
    }

    private static TlcRunner.Result check(String name) {
        return TlcRunner.run(OUT.resolve("MC_" + name + ".tla"), TRACE_SPEC_DIR.resolve("OutboundTrace.cfg"),
                OUT.resolve("meta").resolve(name), OPTIONS);
    }

    /** One TLC run of OutboundTraceBatch over the named traces, in order. */
    private static TlcRunner.Result checkBatch(String batch, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder("---- MODULE MCBatch_" + batch + " ----\nEXTENDS OutboundTraceBatch\n");
        for (int k = 0; k < names.size(); k++) {
            sb.append("T").append(k).append(" == INSTANCE Trace_").append(names.get(k)).append('\n');
        }
        sb.append("Recorded == <<");
        for (int k = 0; k < names.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append("T").append(k).append("!Trace");
        }
        sb.append(">>\n====\n");
        Path spec = OUT.resolve("MCBatch_" + batch + ".tla");
        Files.writeString(spec, sb, StandardCharsets.UTF_8);
        TlcRunner.Result r = TlcRunner.run(spec, TRACE_SPEC_DIR.resolve("OutboundTraceBatch.cfg"),
                OUT.resolve("meta").resolve("batch_" + batch), OPTIONS);
        System.out.println("batch " + batch + " (" + names.size() + " traces): TLC exit " + r.exitCode() + " in "
                + r.elapsed().toMillis() + " ms");
        return r;
    }

    private static Path locateTlaDir() {
        for (Path candidate : List.of(Path.of("..", "tla"), Path.of("tla"))) {
            if (Files.exists(candidate.resolve("trace").resolve("OutboundTrace.tla"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find tla/trace from " + Path.of("").toAbsolutePath());
    }
}
