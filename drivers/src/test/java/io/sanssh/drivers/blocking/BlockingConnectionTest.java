package io.sanssh.drivers.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.SshConnectException;
import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.drivers.pump.SocketTuning;
import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.FullBacklog;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.HostKeyPresented;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.event.PeerDebugMessage;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.wire.DisconnectReason;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The blocking driver over loopback: handshake, data, events, timers, timeouts and closing. */
class BlockingConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void clientAndServerCompleteTheKeyExchangeAndCarryDataBothWays() throws Exception {
        try (BlockingPair p = new BlockingPair(1)) {
            KeyExchangeCompleted c = p.client.awaitEvent(KeyExchangeCompleted.class, WAIT);
            KeyExchangeCompleted s = p.server.awaitEvent(KeyExchangeCompleted.class, WAIT);
            assertTrue(c.initial() && s.initial() && c.strict());
            assertEquals(c.algorithms(), s.algorithms());
            assertInstanceOf(HostKeyPresented.class, p.client.pollEvent(), "earlier events stay in the inbox");
            SplittableRandom r = new SplittableRandom(1);
            List<byte[]> up = new ArrayList<>();
            List<byte[]> down = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] a = Payloads.random(r, i, 30_000);
                byte[] b = Payloads.random(r, i, 30_000);
                up.add(a);
                down.add(b);
                p.client.run(t -> t.sendPayload(a, Origin.APPLICATION));
                p.server.run(t -> t.sendPayload(b, Origin.APPLICATION));
            }
            p.server.await(t -> p.atServer.count() == up.size(), WAIT);
            p.client.await(t -> p.atClient.count() == down.size(), WAIT);
            Payloads.assertDelivered(up, p.atServer.messages(), "client to server");
            Payloads.assertDelivered(down, p.atClient.messages(), "server to client");
            assertEquals(SocketTuning.quickAckSupported(), p.client.quickAckEnabled());
            assertNull(p.client.internalFailure());
            assertNull(p.server.internalFailure());
        }
    }

    @Test
    void dataFlowsBothWaysFromWriterThreadsWhileEitherSideRekeys() throws Exception {
        try (BlockingPair p = new BlockingPair(8)) {
            p.client.await(Transport::isReady, WAIT);
            p.server.await(Transport::isReady, WAIT);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<byte[]> up = Collections.synchronizedList(new ArrayList<>());
            List<byte[]> down = Collections.synchronizedList(new ArrayList<>());
            Thread cw = new Thread(() -> keepSending(p.client, up, stop, failure, 1), "test-client-writer");
            Thread sw = new Thread(() -> keepSending(p.server, down, stop, failure, 2), "test-server-writer");
            cw.start();
            sw.start();
            int rekeys = 10;
            try {
                for (int i = 0; i < rekeys; i++) {
                    int target = i + 2;
                    int before = up.size() + down.size();
                    (i % 2 == 0 ? p.client : p.server).run(Transport::requestRekey);
                    p.client.await(t -> t.keyExchangeCount() >= target, WAIT);
                    p.server.await(t -> t.keyExchangeCount() >= target, WAIT);
                    p.client.await(t -> up.size() + down.size() > before + 20, WAIT);
                }
            } finally {
                stop.set(true);
                cw.join(WAIT.toMillis());
                sw.join(WAIT.toMillis());
            }
            assertNull(failure.get());
            int ups = up.size();
            int downs = down.size();
            p.server.await(t -> p.atServer.count() == ups, WAIT);
            p.client.await(t -> p.atClient.count() == downs, WAIT);
            Payloads.assertDelivered(up, p.atServer.messages(), "client to server");
            Payloads.assertDelivered(down, p.atClient.messages(), "server to client");
            int kex = p.client.call(Transport::keyExchangeCount);
            assertEquals(kex, p.server.call(Transport::keyExchangeCount));
            assertTrue(kex >= rekeys + 1, "key exchanges: " + kex);
            assertTrue(ups > rekeys * 10 && downs > rekeys * 10, "sent during the rekeys: " + ups + " up, " + downs
                    + " down");
            assertNull(p.client.internalFailure());
            assertNull(p.server.internalFailure());
        }
    }

    /** Sends until stopped, only with credit (no key exchange of ours) and a small backlog. */
    static void keepSending(BlockingConnection<Transport> c, List<byte[]> sent, AtomicBoolean stop,
                            AtomicReference<Throwable> failure, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            while (!stop.get()) {
                c.await(t -> !t.kexActive() && t.outbound().backlog() < 256 * 1024, WAIT);
                byte[] m = Payloads.random(r, sent.size(), 32_000);
                c.run(t -> {
                    if (!t.kexActive() && t.outbound().backlog() < 256 * 1024) {
                        t.sendPayload(m, Origin.APPLICATION);
                        sent.add(m);
                    }
                });
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    @Test
    void aWriterBlockedByAPeerThatStoppedReadingDoesNotStopTheReader() throws Exception {
        MessageLog atClient = new MessageLog();
        MessageLog atServer = new MessageLog();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            try (PausableProxy proxy = new PausableProxy(target)) {
                BlockingConnection<Transport> client = BlockingConnection.connect(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()),
                        now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(9), atClient,
                                now), BlockingOptions.defaults());
                BlockingConnection<Transport> server = BlockingConnection.open(listener.accept(),
                        now -> Engines.transport(Role.SERVER, Engines.server().build(), TestRandom.seeded(10), atServer,
                                now), BlockingOptions.defaults());
                try {
                    client.await(Transport::isReady, WAIT);
                    server.await(Transport::isReady, WAIT);
                    proxy.pauseClientToTarget(true);
                    SplittableRandom r = new SplittableRandom(9);
                    List<byte[]> up = Collections.synchronizedList(new ArrayList<>());
                    AtomicBoolean writerBlocked = new AtomicBoolean(true);
                    AtomicReference<Throwable> failure = new AtomicReference<>();
                    Thread writer = new Thread(() -> {
                        try {
                            for (int i = 0; i < 400; i++) {
                                byte[] m = Payloads.make(r, i, 30_000);
                                // what a channel's credit will do: wait while our output is backed up
                                client.await(t -> t.outbound().backlog() < 1 << 20, WAIT);
                                up.add(m);
                                client.run(t -> t.sendPayload(m, Origin.APPLICATION));
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                        writerBlocked.set(false);
                    }, "test-blocked-writer");
                    writer.start();
                    // 12 MB fit neither in the socket buffers nor under the backlog limit: the writer blocks
                    Thread.sleep(500);
                    assertTrue(writerBlocked.get() && writer.isAlive(), "the writer is blocked");
                    List<byte[]> down = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        byte[] m = Payloads.make(r, i, 200);
                        down.add(m);
                        server.run(t -> t.sendPayload(m, Origin.APPLICATION));
                    }
                    client.await(t -> atClient.count() == down.size(), WAIT);
                    assertTrue(writerBlocked.get(), "read everything while the writer stayed blocked");
                    Payloads.assertDelivered(down, atClient.messages(), "server to client");
                    proxy.pauseClientToTarget(false);
                    writer.join(WAIT.toMillis());
                    assertNull(failure.get());
                    server.await(t -> atServer.count() == 400, WAIT);
                    Payloads.assertDelivered(up, atServer.messages(), "client to server");
                } finally {
                    client.close();
                    server.close();
                }
            }
        }
    }

    @Test
    void timersRunWhileTheApplicationSleeps() throws Exception {
        try (BlockingPair p = new BlockingPair(2, Engines.client().rekeyInterval(Duration.ofMillis(200)).build(),
                Engines.server().build(), BlockingOptions.defaults())) {
            p.client.await(Transport::isReady, WAIT);
            Thread.sleep(1_000);
            int n = p.client.call(Transport::keyExchangeCount);
            assertTrue(n >= 3, "rekeys by time with nobody calling in: " + n);
            p.server.await(t -> t.keyExchangeCount() >= n, WAIT);
        }
    }

    @Test
    void aGracefulCloseDeliversDisconnectAndClosesBothSockets() throws Exception {
        try (BlockingPair p = new BlockingPair(3)) {
            p.client.await(Transport::isReady, WAIT);
            p.server.await(Transport::isReady, WAIT);
            p.client.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "bye"));
            assertFalse(p.client.isOpen());
            Disconnected d = p.server.awaitEvent(Disconnected.class, WAIT);
            assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, d.cause().origin());
            assertEquals(DisconnectReason.BY_APPLICATION, d.cause().reason());
            assertEquals("bye", d.cause().message());
            SshDisconnectedException e = assertThrows(SshDisconnectedException.class,
                    () -> p.server.awaitEvent(PeerDebugMessage.class, WAIT));
            assertEquals(d.cause(), e.disconnectCause());
            long end = System.nanoTime() + WAIT.toNanos();
            while (p.server.isOpen() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertFalse(p.server.isOpen(), "the server closed its socket after the client's FIN");
            assertEquals(DisconnectCause.Origin.LOCAL_REQUEST, p.client.disconnectCause().origin());
        }
    }

    @Test
    void aWaitThatRunsOutThrowsSshTimeoutExceptionAndLeavesTheConnectionUsable() throws Exception {
        try (BlockingPair p = new BlockingPair(4)) {
            p.client.await(Transport::isReady, WAIT);
            SshTimeoutException e = assertThrows(SshTimeoutException.class,
                    () -> p.client.await(t -> t.keyExchangeCount() > 5, Duration.ofMillis(100)));
            assertEquals(Duration.ofMillis(100), e.timeout());
            p.client.run(Transport::requestRekey);
            p.client.await(t -> t.keyExchangeCount() == 2, WAIT);
        }
    }

    @Test
    void connectingToAClosedPortThrowsSshConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InetSocketAddress dead = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        SshConnectException e = assertThrows(SshConnectException.class, () -> BlockingConnection.connect(dead,
                now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(5), new MessageLog(),
                        now), BlockingOptions.defaults()));
        assertEquals(dead, e.address());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aConnectWithoutAnswerEndsAtTheConnectTimeout() throws Exception {
        try (FullBacklog full = new FullBacklog()) {
            assumeTrue(full.isFull(), "this kernel did not drop SYNs to a full accept queue");
            BlockingOptions quick = BlockingOptions.builder().connectTimeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            SshConnectException e = assertThrows(SshConnectException.class, () -> BlockingConnection.connect(
                    full.address(), now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(5),
                            new MessageLog(), now), quick));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
            assertTrue(ms >= 300 && ms < 5_000, "gave up after " + ms + " ms");
        }
    }

    @Test
    void aSilentPeerIsDroppedAfterTheIdleTimeout() throws Exception {
        BlockingOptions idle = BlockingOptions.builder().idleTimeout(Duration.ofMillis(300)).build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the idle clock starts when the connection is made, so measure from before connect
            long start = System.nanoTime();
            BlockingConnection<Transport> c = BlockingConnection.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(6),
                            new MessageLog(), now), idle);
            try (Socket silent = listener.accept()) {
                Disconnected d = c.awaitEvent(Disconnected.class, WAIT);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals(DisconnectCause.Origin.CONNECTION_LOST, d.cause().origin());
                assertTrue(d.cause().message().contains("idle timeout"), d.cause().message());
                assertTrue(ms >= 300 && ms < 5_000, "dropped after " + ms + " ms");
                silent.setSoTimeout(10_000);
                byte[] got = silent.getInputStream().readAllBytes();
                assertTrue(new String(got, 0, 8, StandardCharsets.US_ASCII).equals("SSH-2.0-"),
                        "the peer saw our identification, then end of stream");
            } finally {
                c.close();
            }
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aPeerThatHangsUpIsSeenAsConnectionLost() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BlockingConnection<Transport> c = BlockingConnection.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(7),
                            new MessageLog(), now), BlockingOptions.defaults());
            try {
                listener.accept().close();
                SshDisconnectedException e = assertThrows(SshDisconnectedException.class,
                        () -> c.await(Transport::isReady, WAIT));
                assertEquals(DisconnectCause.Origin.CONNECTION_LOST, e.disconnectCause().origin());
            } finally {
                c.close();
            }
            assertFalse(c.isOpen());
            assertNull(c.internalFailure());
        }
    }
}
