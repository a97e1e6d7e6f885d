package io.sanssh.engine.transport;

import static io.sanssh.engine.transport.TransportHandshakeTest.exchangeData;
import static io.sanssh.engine.transport.TransportHandshakeTest.handshake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import org.junit.jupiter.api.Test;

/**
 * An idle connection gives its packet buffers back; a busy one keeps reusing them. "Idle" is
 * measured only through calls the engine already gets: bytes moved by receive and transmit, and the
 * {@link TimerKind#BUFFER_RELEASE} timer run by onTimeout.
 */
class TransportBufferReleaseTest {

    private static TransportPair pair(long seed) {
        return new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build(),
                TransportConfig.builder().hostKeys(TestKeys.all()).build(), seed);
    }

    /** Steps through {@code nanos} of virtual time in coarse steps, then restores the step length. */
    private static void idleFor(TransportPair p, long nanos) {
        long step = p.stepNanos;
        p.stepNanos = 50_000_000L;
        long until = p.now() + nanos;
        while (p.now() - until < 0) {
            p.step();
        }
        p.stepNanos = step;
    }

    @Test
    void anIdleConnectionReleasesItsBuffersAndAllocatesThemAgainForNewTraffic() {
        TransportPair p = pair(1);
        handshake(p);
        exchangeData(p, 5, 2);
        p.drain(1000);
        assertTrue(p.client.retainedBufferBytes() > 0 && p.server.retainedBufferBytes() > 0,
                "buffers are kept right after traffic");
        idleFor(p, 2 * Transport.BUFFER_RELEASE_NANOS + p.stepNanos);
        assertEquals(0, p.client.retainedBufferBytes(), "client buffers after an idle period");
        assertEquals(0, p.server.retainedBufferBytes(), "server buffers after an idle period");
        exchangeData(p, 5, 3);
        assertTrue(p.client.retainedBufferBytes() > 0 && p.server.retainedBufferBytes() > 0);
        idleFor(p, 2 * Transport.BUFFER_RELEASE_NANOS + p.stepNanos);
        assertEquals(0, p.client.retainedBufferBytes() + p.server.retainedBufferBytes(), "released again");
    }

    @Test
    void aConnectionWithTrafficEveryStepKeepsItsBuffers() {
        TransportPair p = pair(3);
        handshake(p);
        p.drain(1000);
        long until = p.now() + 5 * Transport.BUFFER_RELEASE_NANOS;
        int sent = p.serverUpper.messages.size();
        while (p.now() - until < 0) {
            p.client.sendPayload(new byte[] {94, 1, 2, 3}, Origin.APPLICATION);
            sent++;
            p.step();
            assertTrue(p.client.retainedBufferBytes() > 0, "client released its buffers while busy");
            assertTrue(p.server.retainedBufferBytes() > 0, "server released its buffers while busy");
        }
        p.drain(1000);
        assertEquals(sent, p.serverUpper.messages.size());
    }

    @Test
    void outputThePeerDoesNotReadIsNeverReleased() {
        TransportPair p = pair(5);
        handshake(p);
        p.drain(1000);
        p.clientBudget = 0;
        int before = p.serverUpper.messages.size();
        p.client.sendPayload(new byte[] {94, 9, 9, 9}, Origin.APPLICATION);
        long queued = p.client.outbound().wireBytes();
        idleFor(p, 3 * Transport.BUFFER_RELEASE_NANOS);
        assertEquals(queued, p.client.outbound().wireBytes());
        assertTrue(p.client.outbound().retainedBytes() >= queued, "queued ciphertext keeps its chunk");
        p.clientBudget = Integer.MAX_VALUE;
        p.pumpUntil(() -> p.serverUpper.messages.size() == before + 1, 100, "the held message");
    }
}
