package io.sanssh.modeltests.trace;

import io.sanssh.engine.Role;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A client and a server transport, each with a {@link TraceRecorder} installed from the
 * constructor on, joined by an in-memory pump with per-side transmit budgets (like the engine's
 * test {@code TransportPair}, which model-tests cannot see). Optionally a connection layer on
 * each side, started after the handshake.
 */
final class TracedPair {
    private static final SshKeyPair HOST_KEY = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom());

    /** Forwards connection-layer messages (80-127) and notifications to a layer, if any. */
    static final class Router implements TransportListener {
        ConnectionLayer layer;

        @Override
        public void onMessage(byte[] payload, int off, int len, boolean owned) {
            int n = payload[off] & 0xff;
            if (layer != null && n >= 80 && n <= 127) {
                layer.onPacketReceived();
                layer.onMessage(payload, off, len, owned);
            }
        }

        @Override
        public void onKexActiveChanged(boolean active) {
            if (layer != null) {
                layer.onKexActiveChanged(active);
            }
        }

        @Override
        public void onTimer(TimerKind kind) {
            if (layer != null) {
                layer.onTimer(kind);
            }
        }
    }

    final TraceRecorder clientTrace = new TraceRecorder();
    final TraceRecorder serverTrace = new TraceRecorder();
    final Router clientRouter = new Router();
    final Router serverRouter = new Router();
    final Transport client;
    final Transport server;
    ConnectionLayer clientLayer;
    ConnectionLayer serverLayer;
    int clientBudget = Integer.MAX_VALUE;
    int serverBudget = Integer.MAX_VALUE;

    private final ByteBuffer c2s = ByteBuffer.allocate(16 << 20).flip();
    private final ByteBuffer s2c = ByteBuffer.allocate(16 << 20).flip();
    private long now = 1_000_000_000L;

    TracedPair(long seed, boolean strict, long clientHighWater, long serverHighWater) {
        TransportConfig cc = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .strictKex(strict).highWaterBytes(clientHighWater).build();
        TransportConfig sc = TransportConfig.builder().hostKeys(List.of(HOST_KEY))
                .strictKex(strict).highWaterBytes(serverHighWater).build();
        client = new Transport(Role.CLIENT, cc, random(seed * 31 + 1), clientRouter, now, clientTrace);
        server = new Transport(Role.SERVER, sc, random(seed * 31 + 2), serverRouter, now, serverTrace);
        pumpUntil(() -> client.isReady() && server.isReady(), 10_000, "handshake");
    }

    private static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a connection layer on each side. */
    void startLayers(long highWater) {
        clientLayer = new ConnectionLayer(client, ConnectionConfig.defaults(), Role.CLIENT, highWater);
        serverLayer = new ConnectionLayer(server, ConnectionConfig.defaults(), Role.SERVER, highWater);
        clientRouter.layer = clientLayer;
        serverRouter.layer = serverLayer;
        clientLayer.start();
        serverLayer.start();
    }

    void step() {
        now += 1_000_000;
        fireTimers(client);
        fireTimers(server);
        move(client, c2s, clientBudget);
        move(server, s2c, serverBudget);
        deliver(c2s, server);
        deliver(s2c, client);
        if (clientLayer != null) {
            clientLayer.onOutputDrained();
            serverLayer.onOutputDrained();
        }
        while (client.pollEvent() != null) {
            // events are not this test's business
        }
        while (server.pollEvent() != null) {
            // idem
        }
        if (client.isClosed() || server.isClosed()) {
            throw new AssertionError("a side closed the connection");
        }
    }

    private void fireTimers(Transport t) {
        if (t.hasDeadline() && now - t.nextDeadline() >= 0) {
            t.onTimeout(now);
        }
    }

    private static void move(Transport from, ByteBuffer pipe, int budget) {
        if (!from.wantsWrite() || budget <= 0) {
            return;
        }
        pipe.compact();
        int lim = (int) Math.min((long) pipe.position() + budget, pipe.capacity());
        int n = from.transmit(pipe.duplicate().limit(lim));
        pipe.position(pipe.position() + n);
        pipe.flip();
    }

    private void deliver(ByteBuffer pipe, Transport to) {
        while (pipe.hasRemaining() && to.wantsRead()) {
            int n = to.receive(pipe.duplicate(), now);
            pipe.position(pipe.position() + n);
            if (n == 0) {
                break;
            }
        }
    }

    void pumpUntil(BooleanSupplier done, int maxSteps, String what) {
        for (int k = 0; k < maxSteps && !done.getAsBoolean(); k++) {
            step();
        }
        if (!done.getAsBoolean()) {
            throw new AssertionError("not reached after " + maxSteps + " steps: " + what);
        }
    }

    /** Steps until nothing is queued or in flight either way and no key exchange runs. */
    void drain(int maxSteps) {
        pumpUntil(() -> !client.wantsWrite() && !server.wantsWrite() && !c2s.hasRemaining()
                && !s2c.hasRemaining() && !client.kexActive() && !server.kexActive(), maxSteps, "quiescence");
    }
}
