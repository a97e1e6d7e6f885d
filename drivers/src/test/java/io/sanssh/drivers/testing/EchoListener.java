package io.sanssh.drivers.testing;

import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportListener;
import java.util.Arrays;

/**
 * A layer above a server transport that records every payload and sends it straight back, from
 * inside {@code receive}: data both ways with one writer, and an end-to-end integrity check.
 */
public final class EchoListener implements TransportListener {
    private final MessageLog log = new MessageLog();
    private Transport transport;

    /** Binds the transport this listener answers on; call right after constructing it. */
    public Transport bind(Transport t) {
        this.transport = t;
        return t;
    }

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        log.onMessage(payload, off, len, owned);
        transport.sendPayload(Arrays.copyOfRange(payload, off, off + len), Origin.APPLICATION);
    }

    /** What arrived. */
    public MessageLog log() {
        return log;
    }
}
