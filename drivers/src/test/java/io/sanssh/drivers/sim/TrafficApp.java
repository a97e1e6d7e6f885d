package io.sanssh.drivers.sim;

import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A simulated application on a transport: while {@code keepTalking} holds it sends random payloads
 * at random virtual intervals, but only with credit (no key exchange of ours running) and while the
 * engine's backlog is under a limit, as a real application must; and it asks for rekeys at the
 * planned times. Everything it sent is kept for the delivery check.
 */
final class TrafficApp implements SimApplication<Transport> {
    static final long BACKLOG_LIMIT = 64 * 1024;

    private final SplittableRandom r;
    private final BooleanSupplier keepTalking;
    private final List<Long> rekeyDelays;
    private final int maxPayload;
    private final long maxIntervalNanos;
    private final List<byte[]> sent = new ArrayList<>();
    private int rekeysRequested;

    /**
     * @param r the application's own random choices
     * @param keepTalking whether to keep sending
     * @param rekeyDelays when (from start) to request a rekey
     * @param maxPayload the largest payload
     * @param maxIntervalNanos the longest pause between sends
     */
    TrafficApp(SplittableRandom r, BooleanSupplier keepTalking, List<Long> rekeyDelays, int maxPayload,
               long maxIntervalNanos) {
        this.r = r;
        this.keepTalking = keepTalking;
        this.rekeyDelays = rekeyDelays;
        this.maxPayload = maxPayload;
        this.maxIntervalNanos = maxIntervalNanos;
    }

    @Override
    public void onStart(SimEndpoint<Transport> endpoint) {
        endpoint.schedule(r.nextLong(maxIntervalNanos), this::tick);
        for (long d : rekeyDelays) {
            endpoint.schedule(d, this::rekey);
        }
    }

    private void tick(SimEndpoint<Transport> endpoint) {
        Transport t = endpoint.engine();
        if (t.isClosed() || !keepTalking.getAsBoolean()) {
            return;
        }
        int burst = 1 + r.nextInt(2);
        for (int i = 0; i < burst && t.isReady() && !t.kexActive() && t.outbound().backlog() < BACKLOG_LIMIT; i++) {
            byte[] p = Payloads.random(r, sent.size(), maxPayload);
            t.sendPayload(p, Origin.APPLICATION);
            sent.add(p);
        }
        endpoint.schedule(1 + r.nextLong(maxIntervalNanos), this::tick);
    }

    private void rekey(SimEndpoint<Transport> endpoint) {
        Transport t = endpoint.engine();
        if (t.isReady()) {
            t.requestRekey();
            rekeysRequested++;
        }
    }

    @Override
    public void onEvent(SimEndpoint<Transport> endpoint, SshEvent event) {
        // the endpoint logs events; this application reacts to time, not to events
    }

    /** Everything sent, in order. */
    List<byte[]> sent() {
        return sent;
    }

    /** Rekeys this side asked for while the connection was ready. */
    int rekeysRequested() {
        return rekeysRequested;
    }
}
