package io.sanssh.drivers.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.wire.DisconnectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The blocking driver with virtual threads everywhere (JDK 21+; skipped on older runtimes): the
 * reader and pump threads of many connections and the application threads that wait on them.
 * Nothing in the driver holds a monitor around a blocking call, so they all unmount while waiting.
 */
class BlockingVirtualThreadsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** {@code Thread.ofVirtual().factory()} where the runtime has it, else null. */
    static ThreadFactory virtualThreadFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Test
    void manyConnectionsAndTheirApplicationThreadsRunOnVirtualThreads() throws Exception {
        ThreadFactory virtual = virtualThreadFactory();
        assumeTrue(virtual != null, "virtual threads need JDK 21+");
        BlockingOptions options = BlockingOptions.builder().threadFactory(virtual).build();
        int n = 20;
        List<BlockingPair> pairs = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        try {
            for (int i = 0; i < n; i++) {
                pairs.add(new BlockingPair(100 + i, Engines.client().build(), Engines.server().build(), options));
            }
            List<Thread> apps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BlockingPair p = pairs.get(i);
                long seed = i;
                apps.add(virtual.newThread(() -> {
                    try {
                        p.client.await(Transport::isReady, WAIT);
                        SplittableRandom r = new SplittableRandom(seed);
                        List<byte[]> sent = new ArrayList<>();
                        for (int k = 0; k < 50; k++) {
                            byte[] m = Payloads.random(r, k, 10_000);
                            sent.add(m);
                            p.client.run(t -> t.sendPayload(m, Origin.APPLICATION));
                            if (k == 25) {
                                p.client.run(Transport::requestRekey);
                            }
                        }
                        p.server.await(t -> p.atServer.count() == sent.size() && t.keyExchangeCount() == 2, WAIT);
                        Payloads.assertDelivered(sent, p.atServer.messages(), "pair " + seed);
                        done.incrementAndGet();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            apps.forEach(Thread::start);
            for (Thread t : apps) {
                t.join(WAIT.toMillis());
            }
            assertNull(failure.get());
            assertEquals(n, done.get());
            for (BlockingPair p : pairs) {
                assertTrue(p.client.isOpen() && p.server.isOpen());
                assertNull(p.client.internalFailure());
            }
        } finally {
            for (BlockingPair p : pairs) {
                p.client.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "bye"));
                p.server.close();
            }
        }
    }
}
