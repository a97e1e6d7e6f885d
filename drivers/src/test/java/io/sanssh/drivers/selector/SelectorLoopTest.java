package io.sanssh.drivers.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.testing.EchoListener;
import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.FullBacklog;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.wire.DisconnectReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The selector driver over loopback: one thread, many connections, both roles. */
class SelectorLoopTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final TransportConfig CLIENT = Engines.client().kexAlgorithms(List.of("curve25519-sha256")).build();
    private static final TransportConfig SERVER = Engines.server().build();

    private static SelectorLoop loop(String name) throws Exception {
        return SelectorLoop.open(SelectorOptions.builder().threadName("sanssh-selector-" + name).build());
    }

    private static SelectorAcceptor<Transport> echoServer(SelectorLoop loop, ConnectionHandler<Transport> h)
            throws Exception {
        return loop.listen(new InetSocketAddress(LOOPBACK, 0), now -> {
            EchoListener echo = new EchoListener();
            return echo.bind(Engines.transport(Role.SERVER, SERVER, TestRandom.seeded(now), echo, now));
        }, h);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void twoHundredConcurrentConnectionsOnOneThreadEachCompleteTheKeyExchangeAndEcho() throws Exception {
        int n = 200;
        try (SelectorLoop server = loop("srv200"); SelectorLoop clients = loop("cli200")) {
            Recorder atServer = new Recorder(server);
            Recorder atClients = new Recorder(clients);
            try (SelectorAcceptor<Transport> acceptor = echoServer(server, atServer)) {
                List<MessageLog> logs = new ArrayList<>();
                List<CompletableFuture<SelectorConnection<Transport>>> opening = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    MessageLog log = new MessageLog();
                    logs.add(log);
                    long seed = i;
                    opening.add(clients.connect(acceptor.localAddress(),
                            now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(seed), log, now), atClients));
                }
                List<SelectorConnection<Transport>> conns = new ArrayList<>();
                for (CompletableFuture<SelectorConnection<Transport>> f : opening) {
                    conns.add(get(f));
                }
                get(CompletableFuture.allOf(conns.stream().map(c -> c.when(Transport::isReady))
                        .toArray(CompletableFuture[]::new)));
                assertEquals(n, clients.connectionCount());
                assertEquals(n, server.connectionCount());
                assertEquals(n, acceptor.acceptedCount());

                SplittableRandom r = new SplittableRandom(9);
                List<List<byte[]>> sent = new ArrayList<>();
                List<CompletableFuture<Void>> echoed = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<byte[]> mine = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        mine.add(Payloads.random(r, k, 20_000));
                    }
                    sent.add(mine);
                    SelectorConnection<Transport> c = conns.get(i);
                    MessageLog log = logs.get(i);
                    c.execute(t -> mine.forEach(p -> t.sendPayload(p, Origin.APPLICATION)));
                    echoed.add(c.when(t -> log.count() == mine.size()));
                }
                get(CompletableFuture.allOf(echoed.toArray(CompletableFuture[]::new)));
                for (int i = 0; i < n; i++) {
                    Payloads.assertDelivered(sent.get(i), logs.get(i).messages(), "connection " + i);
                }
                // count this test's threads only: other tests in the JVM may still be ending theirs
                long threads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("sanssh-") && t.getName().contains("200")).count();
                assertEquals(2, threads, "one thread per loop, none per connection");
                int buffered = get(sumBuffered(clients, conns));
                assertEquals(0, buffered, "no bytes held outside the engines once quiet");

                List<CompletableFuture<DisconnectCause>> closing = new ArrayList<>();
                for (SelectorConnection<Transport> c : conns) {
                    closing.add(c.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "bye")));
                }
                get(CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((server.connectionCount() > 0 || atServer.closed.size() < n) && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertEquals(0, server.connectionCount());
                assertEquals(n, atServer.closed.size());
                for (DisconnectCause c : atServer.closed) {
                    assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, c.origin(), c.toString());
                    assertEquals(DisconnectReason.BY_APPLICATION, c.reason());
                }
                assertEquals(0, atServer.wrongThread.get() + atClients.wrongThread.get(), "callbacks on the loop thread");
                for (SelectorConnection<Transport> c : conns) {
                    assertNull(c.internalFailure());
                }
            }
        }
    }

    private static CompletableFuture<Integer> sumBuffered(SelectorLoop loop, List<SelectorConnection<Transport>> cs) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(cs.stream().mapToInt(SelectorConnection::bufferedBytes).sum()));
        return f;
    }

    @Test
    void selectorClientAndServerCarryDataBothWaysWhileEitherSideRekeysUnderLoad() throws Exception {
        try (SelectorLoop loop = loop("rekey")) {
            Recorder h = new Recorder(loop);
            MessageLog atServer = new MessageLog();
            try (SelectorAcceptor<Transport> acceptor = loop.listen(new InetSocketAddress(LOOPBACK, 0),
                    now -> Engines.transport(Role.SERVER, SERVER, TestRandom.seeded(6), atServer, now), h)) {
                MessageLog atClient = new MessageLog();
                SelectorConnection<Transport> client = get(loop.connect(acceptor.localAddress(),
                        now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(7), atClient, now), h));
                get(client.when(Transport::isReady));
                SelectorConnection<Transport> server = h.opened.stream().filter(c -> c != client).findFirst().orElseThrow();
                List<byte[]> up = Collections.synchronizedList(new ArrayList<>());
                List<byte[]> down = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread cw = new Thread(() -> keepSending(client, up, stop, failure, 1), "test-client-writer");
                Thread sw = new Thread(() -> keepSending(server, down, stop, failure, 2), "test-server-writer");
                cw.start();
                sw.start();
                int rekeys = 10;
                try {
                    for (int i = 0; i < rekeys; i++) {
                        int target = i + 2;
                        int before = up.size() + down.size();
                        get((i % 2 == 0 ? client : server).execute(Transport::requestRekey));
                        get(client.when(t -> t.keyExchangeCount() >= target));
                        get(server.when(t -> t.keyExchangeCount() >= target));
                        get(client.when(t -> up.size() + down.size() > before + 20));
                    }
                } finally {
                    stop.set(true);
                    cw.join(60_000);
                    sw.join(60_000);
                }
                assertNull(failure.get());
                int ups = up.size();
                int downs = down.size();
                get(server.when(t -> atServer.count() == ups));
                get(client.when(t -> atClient.count() == downs));
                Payloads.assertDelivered(up, atServer.messages(), "client to server");
                Payloads.assertDelivered(down, atClient.messages(), "server to client");
                int kex = get(client.submit(Transport::keyExchangeCount));
                assertEquals(kex, (int) get(server.submit(Transport::keyExchangeCount)));
                assertTrue(kex >= rekeys + 1, "key exchanges: " + kex);
                assertNull(client.internalFailure());
                assertNull(server.internalFailure());
                get(client.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "done")));
            }
        }
    }

    /** Sends from a plain thread through the loop, only with credit and a small backlog. */
    private static void keepSending(SelectorConnection<Transport> c, List<byte[]> sent, AtomicBoolean stop,
                                    AtomicReference<Throwable> failure, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            while (!stop.get()) {
                get(c.when(t -> !t.kexActive() && t.outbound().backlog() < 256 * 1024));
                byte[] m = Payloads.random(r, sent.size(), 32_000);
                get(c.execute(t -> {
                    if (!t.kexActive() && t.outbound().backlog() < 256 * 1024) {
                        t.sendPayload(m, Origin.APPLICATION);
                        sent.add(m);
                    }
                }));
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    @Test
    void timersFireOnTheLoopWithoutAnyApplicationCall() throws Exception {
        try (SelectorLoop loop = loop("timers")) {
            Recorder h = new Recorder(loop);
            try (SelectorAcceptor<Transport> acceptor = echoServer(loop, h)) {
                TransportConfig fast = Engines.client().rekeyInterval(Duration.ofMillis(150)).build();
                SelectorConnection<Transport> c = get(loop.connect(acceptor.localAddress(),
                        now -> Engines.transport(Role.CLIENT, fast, TestRandom.seeded(3), new MessageLog(), now), h));
                get(c.when(t -> t.keyExchangeCount() >= 4));
                get(c.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "done")));
            }
        }
    }

    @Test
    void aHandlerThatThrowsEndsItsOwnConnectionAndNotTheLoop() throws Exception {
        try (SelectorLoop loop = loop("faulty")) {
            Recorder h = new Recorder(loop);
            try (SelectorAcceptor<Transport> acceptor = echoServer(loop, h)) {
                ConnectionHandler<Transport> faulty = (c, e) -> {
                    throw new IllegalStateException("application bug on " + e);
                };
                SelectorConnection<Transport> bad = get(loop.connect(acceptor.localAddress(),
                        now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(8), new MessageLog(), now), faulty));
                DisconnectCause cause = get(bad.closed());
                assertEquals(DisconnectCause.Origin.CONNECTION_LOST, cause.origin());
                assertInstanceOf(IllegalStateException.class, bad.internalFailure());
                SelectorConnection<Transport> good = get(loop.connect(acceptor.localAddress(),
                        now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(9), new MessageLog(), now), h));
                get(good.when(Transport::isReady));
                assertNull(good.internalFailure());
            }
        }
    }

    @Test
    void aRefusedConnectFailsTheFutureWithSshConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        try (SelectorLoop loop = loop("refused")) {
            CompletableFuture<SelectorConnection<Transport>> f = loop.connect(new InetSocketAddress(LOOPBACK, port),
                    now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(4), new MessageLog(), now),
                    new Recorder(loop));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> get(f));
            assertInstanceOf(SshConnectException.class, e.getCause());
            assertEquals(0, loop.connectionCount());
        }
    }

    @Test
    void aConnectWithoutAnswerFailsAtTheConnectTimeout() throws Exception {
        try (FullBacklog full = new FullBacklog();
             SelectorLoop loop = SelectorLoop.open(SelectorOptions.builder().threadName("sanssh-selector-timeout")
                     .connectTimeout(Duration.ofMillis(300)).build())) {
            assumeTrue(full.isFull(), "this kernel did not drop SYNs to a full accept queue");
            long start = System.nanoTime();
            CompletableFuture<SelectorConnection<Transport>> f = loop.connect(full.address(),
                    now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(4), new MessageLog(), now),
                    new Recorder(loop));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> get(f));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(SshConnectException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("no answer within 300 ms"), e.getCause().getMessage());
            assertTrue(ms >= 250 && ms < 5_000, "gave up after " + ms + " ms");
            assertEquals(0, loop.connectionCount());
        }
    }

    @Test
    void closingTheLoopDropsItsConnectionsAndFailsTheirWaiters() throws Exception {
        SelectorLoop loop = loop("closing");
        Recorder h = new Recorder(loop);
        SelectorAcceptor<Transport> acceptor = echoServer(loop, h);
        SelectorConnection<Transport> c = get(loop.connect(acceptor.localAddress(),
                now -> Engines.transport(Role.CLIENT, CLIENT, TestRandom.seeded(5), new MessageLog(), now), h));
        get(c.when(Transport::isReady));
        CompletableFuture<Void> never = c.when(t -> t.keyExchangeCount() > 100);
        loop.close();
        get(loop.terminated());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> get(never));
        assertInstanceOf(SshDisconnectedException.class, e.getCause());
        assertTrue(c.isClosed());
        assertEquals(DisconnectCause.Origin.CONNECTION_LOST, get(c.closed()).origin());
        assertTrue(h.events.stream().anyMatch(ev -> ev instanceof Disconnected));
        ExecutionException late = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> get(c.submit(Transport::keyExchangeCount)));
        assertInstanceOf(SshDisconnectedException.class, late.getCause());
    }
}
