package io.sanssh.drivers.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.testing.Payloads;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Both drivers run the engine's buffer-release timer: a blocking client and a selector server that
 * fall quiet give their packet buffers back within a few seconds of real time, and carry traffic
 * again afterwards.
 */
class IdleBufferReleaseTest {
    @Test
    void aQuietConnectionReleasesItsBuffersOnBothDriversAndThenCarriesTrafficAgain() throws Exception {
        try (CrossDriverPair pair = new CrossDriverPair("sanssh-selector-idle", 2)) {
            List<byte[]> sent = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(5);
            LongSupplier clientHeld = () -> pair.client.call(Transport::retainedBufferBytes);
            LongSupplier serverHeld = () -> join(pair.server.submit(Transport::retainedBufferBytes));
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 5; i++) {
                    byte[] p = Payloads.random(r, sent.size(), 8_000);
                    sent.add(p);
                    pair.client.run(t -> t.sendPayload(p, Origin.APPLICATION));
                }
                int total = sent.size();
                pair.client.await(t -> pair.atClient.count() == total, CrossDriverPair.WAIT);
                assertTrue(clientHeld.getAsLong() > 0 || serverHeld.getAsLong() > 0, "buffers in use after traffic");
                awaitZero(clientHeld, "blocking client, round " + round);
                awaitZero(serverHeld, "selector server, round " + round);
            }
            Payloads.assertDelivered(sent, pair.echoes.get(0).log().messages(), "client to server");
            Payloads.assertDelivered(sent, pair.atClient.messages(), "echoed back");
            assertNull(pair.client.internalFailure());
            assertNull(pair.server.internalFailure());
        }
    }

    private static long join(CompletableFuture<Long> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code held} reads 0: within the release period plus scheduling slack. */
    private static void awaitZero(LongSupplier held, String who) throws InterruptedException {
        long end = System.nanoTime() + 4 * Transport.BUFFER_RELEASE_NANOS + TimeUnit.SECONDS.toNanos(2);
        long last;
        while ((last = held.getAsLong()) != 0 && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
        assertEquals(0, last, who + " still holds buffers after a quiet period");
    }
}
