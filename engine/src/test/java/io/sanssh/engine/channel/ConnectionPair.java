package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * Two connection layers over a {@link TransportPair}: the transports handshake, then both layers
 * start at once (user authentication is skipped). A {@link Router} on each side forwards messages
 * 80-127 to its layer, calls {@code onPacketReceived} for each, records what arrived, and
 * forwards kex and timer notifications; {@link #step()} also tells both layers that output
 * drained. Both layers carry a {@link ChannelRulesChecker}, and both transports the pair's
 * outbound rules checker, so every test checks rules 1-8 after every action.
 */
final class ConnectionPair {
    /** The upper layer of one transport in these tests. */
    static final class Router implements TransportListener {
        ConnectionLayer layer;
        /** Message numbers received, in order. */
        final List<Integer> numbers = new ArrayList<>();
        /** Payloads received, when {@link #recordPayloads} is set. */
        final List<byte[]> payloads = new ArrayList<>();
        boolean recordPayloads;
        /** Messages matching this are recorded but not passed to the layer (to watch injected traffic). */
        IntPredicate swallow = n -> false;

        @Override
        public void onMessage(byte[] payload, int off, int len, boolean owned) {
            int n = payload[off] & 0xff;
            numbers.add(n);
            if (recordPayloads) {
                payloads.add(Arrays.copyOfRange(payload, off, off + len));
            }
            if (layer == null) {
                throw new AssertionError("message " + n + " before the layer exists");
            }
            layer.onPacketReceived();
            if (swallow.test(n)) {
                return;
            }
            if (n < 80 || n > 127) {
                throw new AssertionError("unexpected message " + n + " in a connection-only test");
            }
            layer.onMessage(payload, off, len, owned);
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

        /** How many messages numbered {@code n} arrived. */
        long count(int n) {
            return numbers.stream().filter(x -> x == n).count();
        }
    }

    final TransportPair pair;
    final Router clientRouter = new Router();
    final Router serverRouter = new Router();
    final ConnectionLayer client;
    final ConnectionLayer server;
    final ChannelRulesChecker clientChannelRules = new ChannelRulesChecker("client");
    final ChannelRulesChecker serverChannelRules = new ChannelRulesChecker("server");

    ConnectionPair(ConnectionConfig clientConfig, ConnectionConfig serverConfig, long seed) {
        this(clientTransport().build(), serverTransport().build(), clientConfig, serverConfig, seed);
    }

    ConnectionPair(TransportConfig clientTransport, TransportConfig serverTransport, ConnectionConfig clientConfig,
                   ConnectionConfig serverConfig, long seed) {
        pair = new TransportPair(clientTransport, serverTransport, seed, clientRouter, serverRouter);
        client = new ConnectionLayer(pair.client, clientConfig, Role.CLIENT, clientTransport.highWaterBytes());
        server = new ConnectionLayer(pair.server, serverConfig, Role.SERVER, serverTransport.highWaterBytes());
        client.setTrace(clientChannelRules);
        server.setTrace(serverChannelRules);
        clientRouter.layer = client;
        serverRouter.layer = server;
        pair.pumpUntil(() -> pair.client.isReady() && pair.server.isReady(), 10_000, "handshake");
        pair.drainEvents();
        pair.clientEvents.clear();
        pair.serverEvents.clear();
        client.start();
        server.start();
    }

    static TransportConfig.Builder clientTransport() {
        return TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL);
    }

    static TransportConfig.Builder serverTransport() {
        return TransportConfig.builder().hostKeys(List.of(TestKeys.ed25519()));
    }

    /** One round of the pump, then both layers hear that output drained. */
    void step() {
        pair.step();
        client.onOutputDrained();
        server.onOutputDrained();
        pair.drainEvents();
    }

    /** Steps until {@code done}; fails after {@code maxSteps}. */
    void pumpUntil(BooleanSupplier done, int maxSteps, String what) {
        for (int i = 0; i < maxSteps && !done.getAsBoolean(); i++) {
            step();
        }
        if (!done.getAsBoolean()) {
            throw new AssertionError("not reached after " + maxSteps + " steps: " + what + "; client events "
                    + pair.clientEvents + ", server events " + pair.serverEvents);
        }
    }

    /** The events of one side that are instances of {@code type}, in order. */
    static <T extends SshEvent> List<T> of(List<SshEvent> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SshEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    <T extends SshEvent> List<T> clientEvents(Class<T> type) {
        return of(pair.clientEvents, type);
    }

    <T extends SshEvent> List<T> serverEvents(Class<T> type) {
        return of(pair.serverEvents, type);
    }

    /** Our number and the peer's for one channel. */
    record Ends(int client, int server) {
    }

    /** The client opens a session, the server accepts it; returns both numbers. */
    Ends openSession() {
        int before = serverEvents(ChannelOpenRequested.class).size();
        int c = client.openSession();
        pumpUntil(() -> serverEvents(ChannelOpenRequested.class).size() > before, 1000, "open requested");
        int s = serverEvents(ChannelOpenRequested.class).get(before).channel();
        server.acceptChannel(s);
        pumpUntil(() -> clientEvents(ChannelOpened.class).stream().anyMatch(o -> o.channel() == c), 1000,
                "open confirmed");
        return new Ends(c, s);
    }

    /** Fails if either side disconnected. */
    void assertConnected() {
        if (!clientEvents(Disconnected.class).isEmpty() || !serverEvents(Disconnected.class).isEmpty()) {
            throw new AssertionError("disconnected: client " + clientEvents(Disconnected.class) + ", server "
                    + serverEvents(Disconnected.class));
        }
    }

    /** The client's events since the last take (or clear), removed from the pair's list. */
    List<SshEvent> takeClient() {
        List<SshEvent> out = new ArrayList<>(pair.clientEvents);
        pair.clientEvents.clear();
        return out;
    }

    /** The server's events since the last take (or clear), removed from the pair's list. */
    List<SshEvent> takeServer() {
        List<SshEvent> out = new ArrayList<>(pair.serverEvents);
        pair.serverEvents.clear();
        return out;
    }

    /** Forgets the events seen so far. */
    void clearEvents() {
        pair.clientEvents.clear();
        pair.serverEvents.clear();
    }
}
