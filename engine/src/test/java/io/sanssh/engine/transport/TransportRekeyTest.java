package io.sanssh.engine.transport;

import static io.sanssh.engine.transport.TransportHandshakeTest.client;
import static io.sanssh.engine.transport.TransportHandshakeTest.exchangeData;
import static io.sanssh.engine.transport.TransportHandshakeTest.handshake;
import static io.sanssh.engine.transport.TransportHandshakeTest.server;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.kex.method.KexMethods;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.spec.wire.DisconnectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Key re-exchange from either side, under stalled output, by volume and by time. */
class TransportRekeyTest {

    private static TransportPair defaults(long seed) {
        return new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build(),
                TransportConfig.builder().hostKeys(TestKeys.all()).build(), seed);
    }

    private static List<byte[]> queue(TransportPair p, Transport from, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] m = new byte[1 + r.nextInt(2000)];
            r.nextBytes(m);
            m[0] = (byte) 94;
            from.sendPayload(m, Origin.APPLICATION);
            sent.add(m);
        }
        return sent;
    }

    @Test
    void rekeyInBothDirectionsWhileOneByteTransmissionStallsTheSender() {
        for (String kex : KexMethods.defaults()) {
            TransportPair p = new TransportPair(
                    client(List.of(kex), TransportConfig.DEFAULT_HOST_KEY_ALGORITHMS, PacketProtection.supportedCiphers(),
                            PacketProtection.supportedMacs()),
                    server(List.of(kex), TransportConfig.DEFAULT_HOST_KEY_ALGORITHMS, PacketProtection.supportedCiphers(),
                            PacketProtection.supportedMacs()), kex.hashCode());
            handshake(p);
            // Client: data queued, socket stalled to one byte per step, then a rekey it starts itself.
            p.clientBudget = 1;
            List<byte[]> first = queue(p, p.client, 5, 1);
            p.client.requestRekey();
            List<byte[]> held = queue(p, p.client, 5, 2);
            assertTrue(p.client.outbound().heldCount() >= 5, kex + ": messages sent during our KEX are held");
            p.pumpUntil(() -> p.client.keyExchangeCount() == 2 && p.server.keyExchangeCount() == 2, 200_000,
                    kex + " client-initiated rekey");
            // Server: the same, the other way.
            p.serverBudget = 1;
            List<byte[]> second = queue(p, p.server, 5, 3);
            p.server.requestRekey();
            List<byte[]> held2 = queue(p, p.server, 5, 4);
            p.pumpUntil(() -> p.client.keyExchangeCount() == 3 && p.server.keyExchangeCount() == 3, 200_000,
                    kex + " server-initiated rekey");
            p.clientBudget = Integer.MAX_VALUE;
            p.serverBudget = Integer.MAX_VALUE;
            p.drain(10_000);
            List<byte[]> expectedAtServer = new ArrayList<>(first);
            expectedAtServer.addAll(held);
            List<byte[]> expectedAtClient = new ArrayList<>(second);
            expectedAtClient.addAll(held2);
            assertEquals(expectedAtServer.size(), p.serverUpper.messages.size(), kex);
            for (int i = 0; i < expectedAtServer.size(); i++) {
                assertArrayEquals(expectedAtServer.get(i), p.serverUpper.messages.get(i), kex + " c2s #" + i);
            }
            for (int i = 0; i < expectedAtClient.size(); i++) {
                assertArrayEquals(expectedAtClient.get(i), p.clientUpper.messages.get(i), kex + " s2c #" + i);
            }
            assertEquals(0, p.client.outbound().heldCount());
            assertEquals(0, p.server.outbound().heldCount());
        }
    }

    @Test
    void bothSidesStartingARekeyAtOnceConverge() {
        TransportPair p = defaults(5);
        handshake(p);
        p.client.requestRekey();
        p.server.requestRekey();
        p.pumpUntil(() -> p.client.keyExchangeCount() == 2 && p.server.keyExchangeCount() == 2, 1000, "crossed rekey");
        exchangeData(p, 5, 6);
    }

    @Test
    void rekeyStartsAutomaticallyAfterTheConfiguredVolume() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .rekeyBytes(64 * 1024).build(), TransportConfig.builder().hostKeys(TestKeys.all()).build(), 8);
        handshake(p);
        // An application writes only while it has credit, which is zero during a key exchange.
        int sent = 0;
        for (int step = 0; step < 100_000 && p.serverUpper.messages.size() < 1000; step++) {
            if (sent < 1000 && !p.client.kexActive()) {
                queue(p, p.client, 1, sent++);
            }
            p.step();
        }
        assertEquals(1000, p.serverUpper.messages.size());
        assertTrue(p.client.keyExchangeCount() >= 6, "rekeys by volume: " + p.client.keyExchangeCount());
        assertEquals(p.client.keyExchangeCount(), p.server.keyExchangeCount());
    }

    @Test
    void rekeyStartsAutomaticallyWhenTheKeysReachTheConfiguredAge() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .rekeyInterval(Duration.ofMinutes(10)).build(), TransportConfig.builder().hostKeys(TestKeys.all()).build(), 10);
        handshake(p);
        p.advance(Duration.ofMinutes(9).toNanos());
        p.step();
        assertEquals(1, p.client.keyExchangeCount());
        p.advance(Duration.ofMinutes(2).toNanos());
        p.pumpUntil(() -> p.client.keyExchangeCount() == 2 && p.server.keyExchangeCount() == 2, 100, "rekey by time");
    }

    @Test
    void aKeyExchangeThatDoesNotFinishInTimeEndsTheConnection() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .kexTimeout(Duration.ofSeconds(30)).build(), TransportConfig.builder().hostKeys(TestKeys.all()).build(), 12);
        handshake(p);
        p.serverBudget = 0; // the server goes silent
        p.client.requestRekey();
        p.advance(Duration.ofSeconds(31).toNanos());
        p.step();
        Disconnected d = (Disconnected) p.clientEvents.get(p.clientEvents.size() - 1);
        assertEquals(DisconnectCause.Origin.TIMEOUT, d.cause().origin());
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, d.cause().reason());
    }
}
