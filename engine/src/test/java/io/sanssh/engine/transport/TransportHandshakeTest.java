package io.sanssh.engine.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.kex.method.KexMethods;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Client and server transports paired in memory: every KEX x host key x cipher x MAC combination
 * completes and data moves both ways afterwards.
 */
class TransportHandshakeTest {

    static TransportConfig server(List<String> kex, List<String> hostKeyAlgs, List<String> ciphers, List<String> macs) {
        return TransportConfig.builder().kexAlgorithms(kex).hostKeyAlgorithms(hostKeyAlgs).ciphers(ciphers).macs(macs)
                .hostKeys(TestKeys.all()).build();
    }

    static TransportConfig client(List<String> kex, List<String> hostKeyAlgs, List<String> ciphers, List<String> macs) {
        return TransportConfig.builder().kexAlgorithms(kex).hostKeyAlgorithms(hostKeyAlgs).ciphers(ciphers).macs(macs)
                .hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build();
    }

    static void handshake(TransportPair p) {
        p.pumpUntil(() -> p.client.isReady() && p.server.isReady(), 200, "first key exchange");
    }

    /** Sends {@code count} upper-layer messages each way and checks they arrive intact and in order. */
    static void exchangeData(TransportPair p, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> fromClient = new ArrayList<>();
        List<byte[]> fromServer = new ArrayList<>();
        int c0 = p.serverUpper.messages.size();
        int s0 = p.clientUpper.messages.size();
        for (int i = 0; i < count; i++) {
            byte[] a = new byte[1 + r.nextInt(40000)];
            r.nextBytes(a);
            a[0] = (byte) 94;
            byte[] b = new byte[1 + r.nextInt(3000)];
            r.nextBytes(b);
            b[0] = (byte) 94;
            fromClient.add(a);
            fromServer.add(b);
            p.client.sendPayload(a, Origin.APPLICATION);
            p.server.sendPayload(b, Origin.APPLICATION);
        }
        p.pumpUntil(() -> p.serverUpper.messages.size() == c0 + count && p.clientUpper.messages.size() == s0 + count,
                100_000, "data both ways");
        for (int i = 0; i < count; i++) {
            assertArrayEquals(fromClient.get(i), p.serverUpper.messages.get(c0 + i), "client message " + i);
            assertArrayEquals(fromServer.get(i), p.clientUpper.messages.get(s0 + i), "server message " + i);
        }
    }

    private static final List<String> HOST_KEY_ALGORITHMS = List.of(HostKeyAlgorithms.SSH_ED25519,
            HostKeyAlgorithms.ECDSA_SHA2_NISTP256, HostKeyAlgorithms.ECDSA_SHA2_NISTP384,
            HostKeyAlgorithms.ECDSA_SHA2_NISTP521, HostKeyAlgorithms.RSA_SHA2_512, HostKeyAlgorithms.RSA_SHA2_256,
            HostKeyAlgorithms.SSH_RSA);

    private static void runCombination(String kex, String hk, String cipher, String mac, long seed) {
        TransportPair p = new TransportPair(client(List.of(kex), List.of(hk), List.of(cipher), List.of(mac)),
                server(List.of(kex), List.of(hk), List.of(cipher), List.of(mac)), seed);
        handshake(p);
        String what = kex + " / " + hk + " / " + cipher + " / " + mac;
        assertEquals(kex, p.client.algorithms().kex(), what);
        assertEquals(hk, p.client.algorithms().hostKey(), what);
        assertEquals(cipher, p.client.algorithms().cipherClientToServer(), what);
        assertTrue(p.client.strictKex() && p.server.strictKex(), what + ": strict KEX agreed");
        exchangeData(p, 2, seed);
    }

    private static List<String> macsFor(String cipher) {
        return PacketProtection.isAead(cipher) ? List.of(PacketProtection.supportedMacs().get(0))
                : PacketProtection.supportedMacs();
    }

    @Test
    void everyKexWithEveryHostKeyAlgorithmCompletes() {
        long seed = 1000;
        for (String kex : KexMethods.supported()) {
            for (String hk : HOST_KEY_ALGORITHMS) {
                runCombination(kex, hk, PacketProtection.supportedCiphers().get(0), PacketProtection.supportedMacs().get(0),
                        seed++);
            }
        }
    }

    @Test
    void everyCipherWithEveryMacCompletesUnderEachKexHash() {
        // one fast method per exchange-hash function, since the hash drives key derivation
        List<String> perHash = List.of("diffie-hellman-group14-sha1", "curve25519-sha256", "ecdh-sha2-nistp384",
                "sntrup761x25519-sha512");
        long seed = 2000;
        for (String kex : perHash) {
            for (String cipher : PacketProtection.supportedCiphers()) {
                for (String mac : macsFor(cipher)) {
                    runCombination(kex, HostKeyAlgorithms.SSH_ED25519, cipher, mac, seed++);
                }
            }
        }
    }

    /** The full product: 12 x 7 x 21 handshakes. Tagged so that a second-JDK CI run can skip it. */
    @Test
    @Tag("matrix")
    void everyKexHostKeyCipherAndMacCombinationCompletesAndCarriesData() {
        int combos = 0;
        long seed = 1;
        for (String kex : KexMethods.supported()) {
            for (String hk : HOST_KEY_ALGORITHMS) {
                for (String cipher : PacketProtection.supportedCiphers()) {
                    for (String mac : macsFor(cipher)) {
                        runCombination(kex, hk, cipher, mac, seed++);
                        combos++;
                    }
                }
            }
        }
        assertTrue(combos >= 12 * 7 * 21, "combinations run: " + combos);
    }

    @Test
    void defaultsNegotiateTheFirstPreferenceAndBothSidesReportIt() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build(),
                TransportConfig.builder().hostKeys(TestKeys.all()).build(), 7);
        handshake(p);
        assertEquals(p.client.algorithms(), p.server.algorithms());
        assertEquals(KexMethods.defaults().get(0), p.client.algorithms().kex());
        assertArrayEquals(p.client.sessionId(), p.server.sessionId());
        assertNotNull(p.client.peerVersion());
        KeyExchangeCompleted done = (KeyExchangeCompleted) p.clientEvents.stream()
                .filter(e -> e instanceof KeyExchangeCompleted).findFirst().orElseThrow();
        assertTrue(done.initial() && done.strict());
        assertEquals(1, p.clientUpper.readyCalls);
        assertEquals(1, p.serverUpper.readyCalls);
        assertTrue(p.client.peerSignatureAlgorithms().contains(HostKeyAlgorithms.SSH_ED25519),
                "client got server-sig-algs from EXT_INFO: " + p.client.peerSignatureAlgorithms());
        exchangeData(p, 20, 99);
    }
}
