package io.sanssh.drivers.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A blocking-driver client against a selector-driver server on loopback: a writer thread keeps
 * sending (with credit only) while both sides take turns requesting rekeys; the server echoes
 * everything, so data flows both ways through every key exchange.
 */
class CrossDriverTest {
    private static final Duration WAIT = CrossDriverPair.WAIT;
    private static final long BACKLOG_LIMIT = 256 * 1024;

    @Test
    void dataFlowsBothWaysWhileEitherSideRekeysUnderLoad() throws Exception {
        try (CrossDriverPair pair = new CrossDriverPair("sanssh-selector-x", 1)) {
            BlockingConnection<Transport> client = pair.client;
            SelectorConnection<Transport> server = pair.server;
            List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> write(client, sent, stop, writerFailure), "test-writer");
            writer.start();
            int rekeys = 8;
            try {
                for (int i = 0; i < rekeys; i++) {
                    int target = i + 2;
                    int before = sent.size();
                    if (i % 2 == 0) {
                        client.run(Transport::requestRekey);
                    } else {
                        server.execute(Transport::requestRekey).get(30, TimeUnit.SECONDS);
                    }
                    client.await(t -> t.keyExchangeCount() >= target, WAIT);
                    server.when(t -> t.keyExchangeCount() >= target).get(30, TimeUnit.SECONDS);
                    client.await(t -> sent.size() > before + 20, WAIT);
                }
            } finally {
                stop.set(true);
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertNull(writerFailure.get());
            int total = sent.size();
            client.await(t -> pair.atClient.count() == total, WAIT);
            Payloads.assertDelivered(sent, pair.echoes.get(0).log().messages(), "client to server");
            Payloads.assertDelivered(sent, pair.atClient.messages(), "echoed back");
            int kex = client.call(Transport::keyExchangeCount);
            assertEquals(kex, (int) server.submit(Transport::keyExchangeCount).get(30, TimeUnit.SECONDS));
            assertTrue(kex >= rekeys + 1, "key exchanges: " + kex);
            assertTrue(total > rekeys * 20, "messages sent during the rekeys: " + total);
            assertNull(client.internalFailure());
            assertNull(server.internalFailure());
        }
    }

    /** Sends until stopped, one payload at a time, only while there is credit and little backlog. */
    private static void write(BlockingConnection<Transport> c, List<byte[]> sent, AtomicBoolean stop,
                              AtomicReference<Throwable> failure) {
        SplittableRandom r = new SplittableRandom(7);
        try {
            while (!stop.get()) {
                c.await(t -> !t.kexActive() && t.outbound().backlog() < BACKLOG_LIMIT, WAIT);
                byte[] p = Payloads.random(r, sent.size(), 32_000);
                boolean accepted = c.call(t -> {
                    if (t.kexActive() || t.outbound().backlog() >= BACKLOG_LIMIT) {
                        return false;
                    }
                    t.sendPayload(p, Origin.APPLICATION);
                    sent.add(p);
                    return true;
                });
                if (!accepted) {
                    continue;
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
