package io.sanssh.engine.testing;

import io.sanssh.engine.transport.TransportListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A layer above the transport that records what it gets, for transport-only tests. */
public final class RecordingListener implements TransportListener {
    /** Every upper-layer payload received, copied, in order. */
    public final List<byte[]> messages = new ArrayList<>();
    /** How many times the transport said it was ready. */
    public int readyCalls;
    /** The latest kex-active notification. */
    public boolean kexActive;

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        messages.add(Arrays.copyOfRange(payload, off, off + len));
    }

    @Override
    public void onTransportReady() {
        readyCalls++;
    }

    @Override
    public void onKexActiveChanged(boolean active) {
        kexActive = active;
    }
}
