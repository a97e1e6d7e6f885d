package io.sanssh.drivers.selector;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.blocking.BlockingOptions;
import io.sanssh.drivers.testing.EchoListener;
import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.engine.Role;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.wire.DisconnectReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A blocking-driver client connected over loopback to an echo server on a selector loop, both
 * transports ready (first key exchange done). Closing disconnects the client, then closes the
 * acceptor and the loop.
 */
final class CrossDriverPair implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final SelectorLoop loop;
    final Recorder handler;
    final SelectorAcceptor<Transport> acceptor;
    final List<EchoListener> echoes = new CopyOnWriteArrayList<>();
    final MessageLog atClient = new MessageLog();
    final BlockingConnection<Transport> client;
    final SelectorConnection<Transport> server;

    /** Opens the loop, the echo server and the client; {@code seed} picks both engines' randomness. */
    CrossDriverPair(String loopName, long seed) throws Exception {
        loop = SelectorLoop.open(SelectorOptions.builder().threadName(loopName).build());
        handler = new Recorder(loop);
        acceptor = loop.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), now -> {
            EchoListener echo = new EchoListener();
            echoes.add(echo);
            return echo.bind(Engines.transport(Role.SERVER, Engines.server().build(), TestRandom.seeded(seed * 2 + 1),
                    echo, now));
        }, handler);
        client = BlockingConnection.connect(acceptor.localAddress(), now -> Engines.transport(Role.CLIENT,
                Engines.client().build(), TestRandom.seeded(seed * 2), atClient, now), BlockingOptions.defaults());
        client.await(Transport::isReady, WAIT);
        server = handler.opened.get(0);
    }

    @Override
    public void close() {
        try {
            client.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "done"));
        } finally {
            acceptor.close();
            loop.close();
        }
    }
}
