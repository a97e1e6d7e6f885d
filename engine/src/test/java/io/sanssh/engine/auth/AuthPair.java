package io.sanssh.engine.auth;

import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.Layer;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client and a server auth layer on an in-memory {@link TransportPair}, each behind a tiny
 * router that plays SshConnection's part: messages 5-6 and 50-79 go to the auth layer, 80 and up
 * are recorded once the layer reported success, and anything else is a protocol error.
 */
final class AuthPair {
    /** Routes one transport's upper-layer messages, and keeps a copy of each for assertions. */
    static final class Router implements TransportListener {
        Layer layer;
        boolean authenticated;
        final List<byte[]> received = new ArrayList<>();
        final List<byte[]> connection = new ArrayList<>();

        @Override
        public void onMessage(byte[] payload, int off, int len, boolean owned) {
            byte[] copy = Arrays.copyOfRange(payload, off, off + len);
            received.add(copy);
            int n = copy[0] & 0xff;
            if (layer != null && (n == 5 || n == 6 || (n >= 50 && n <= 79))) {
                layer.onMessage(payload, off, len, owned);
            } else if (n >= 80 && authenticated) {
                connection.add(copy);
            } else {
                throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "router: unexpected message " + n);
            }
        }

        @Override
        public void onTransportReady() {
            if (layer != null) {
                layer.onTransportReady();
            }
        }

        @Override
        public void onTimer(TimerKind kind) {
            if (layer != null) {
                layer.onTimer(kind);
            }
        }

        /** Received payloads whose first byte is {@code number}. */
        List<byte[]> withNumber(int number) {
            return received.stream().filter(p -> (p[0] & 0xff) == number).toList();
        }
    }

    final TransportPair pair;
    final Router clientRouter = new Router();
    final Router serverRouter = new Router();
    final ClientAuthLayer client;
    final ServerAuthLayer server;
    final List<AuthenticatedUser> serverUsers = new ArrayList<>();
    int clientCallbacks;

    /** A pair with default transports and the given server auth configuration. */
    AuthPair(ServerAuthConfig config) {
        this(config, clientTransport().build(), serverTransport().build(), false, 7);
    }

    AuthPair(ServerAuthConfig config, TransportConfig clientTransport, TransportConfig serverTransport,
             boolean allowSha1Rsa, long seed) {
        pair = new TransportPair(clientTransport, serverTransport, seed, clientRouter, serverRouter);
        client = new ClientAuthLayer(pair.client, () -> {
            clientCallbacks++;
            clientRouter.authenticated = true;
        }, allowSha1Rsa);
        server = new ServerAuthLayer(pair.server, config, u -> {
            serverUsers.add(u);
            serverRouter.authenticated = true;
        });
        clientRouter.layer = client;
        serverRouter.layer = server;
    }

    static TransportConfig.Builder clientTransport() {
        return TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL);
    }

    static TransportConfig.Builder serverTransport() {
        return TransportConfig.builder().hostKeys(List.of(TestKeys.ed25519()));
    }

    /** Pumps until the client may start attempts. */
    AuthPair start() {
        pair.pumpUntil(client::canAttempt, 300, "ssh-userauth service accepted");
        return this;
    }

    /** Pumps until the client has an event of {@code type}, and returns the latest one. */
    <T extends SshEvent> T awaitClient(Class<T> type) {
        pair.pumpUntil(() -> has(pair.clientEvents, type), 300, "client event " + type.getSimpleName());
        return last(pair.clientEvents, type);
    }

    /** Pumps until the server has an event of {@code type}, and returns the latest one. */
    <T extends SshEvent> T awaitServer(Class<T> type) {
        pair.pumpUntil(() -> has(pair.serverEvents, type), 300, "server event " + type.getSimpleName());
        return last(pair.serverEvents, type);
    }

    /** Pumps until both sides are closed and returns the client's and server's Disconnected. */
    Disconnected[] awaitBothClosed() {
        pair.pumpUntil(() -> has(pair.clientEvents, Disconnected.class) && has(pair.serverEvents, Disconnected.class),
                300, "both sides disconnected");
        return new Disconnected[] {last(pair.clientEvents, Disconnected.class), last(pair.serverEvents, Disconnected.class)};
    }

    /** How many client events of {@code type} so far (pumping first). */
    <T extends SshEvent> List<T> clientEvents(Class<T> type) {
        pair.drainEvents();
        return pair.clientEvents.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the events seen so far, so that the next await waits for a new one. */
    void clearEvents() {
        pair.drainEvents();
        pair.clientEvents.clear();
        pair.serverEvents.clear();
    }

    private static boolean has(List<SshEvent> events, Class<?> type) {
        return events.stream().anyMatch(type::isInstance);
    }

    private static <T> T last(List<SshEvent> events, Class<T> type) {
        T found = null;
        for (SshEvent e : events) {
            if (type.isInstance(e)) {
                found = type.cast(e);
            }
        }
        return found;
    }
}
