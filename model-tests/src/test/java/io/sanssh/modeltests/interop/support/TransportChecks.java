package io.sanssh.modeltests.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.HostKeyPresented;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.algorithm.ServiceNames;
import io.sanssh.spec.transport.ServiceAccept;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.userauth.UserAuthRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two transport-level interop checks, shared by every peer:
 *
 * <ul>
 *   <li>client role: connect, complete the first key exchange, send SERVICE_REQUEST("ssh-userauth")
 *       and receive SERVICE_ACCEPT (encrypted traffic both ways), check the negotiated name and
 *       that the server's EXT_INFO (RFC 8308) was understood, then DISCONNECT and see the peer
 *       close;
 *   <li>server role: accept one connection, answer SERVICE_REQUEST("ssh-userauth"), wait for the
 *       client's first USERAUTH_REQUEST (the user-auth stage was reached), check the negotiated
 *       name, then DISCONNECT.
 * </ul>
 */
public final class TransportChecks {
    /** Bound for the first key exchange (sntrup761 and 8192-bit DH on a shared 2-core machine). */
    public static final Duration KEX_LIMIT = Duration.ofSeconds(30);
    /** Bound for one request/answer after the key exchange. */
    public static final Duration REPLY_LIMIT = Duration.ofSeconds(10);

    private TransportChecks() {
    }

    /** What a completed check saw. */
    public record Outcome(NegotiatedAlgorithms algorithms, boolean strict, int keyExchanges, String peerVersion) {
        /** A short note for the matrix line. */
        public String note() {
            return strict ? "strict-kex" : "no strict-kex";
        }
    }

    /**
     * Client role against {@code host:port}: {@code config} restricted to {@code name} in {@code
     * category}, KEX, SERVICE_REQUEST/ACCEPT, clean disconnect.
     */
    public static Outcome clientServiceRoundTrip(String host, int port, TransportConfig config,
                                                 AlgorithmCategory category, String name, Supplier<String> diagnostics) {
        RecordingLayer layer = new RecordingLayer();
        try (BlockingTransportDriver d = BlockingTransportDriver.connect(host, port, config, layer)) {
            d.diagnostics(diagnostics);
            Transport t = d.transport();
            d.pumpUntil(t::isReady, KEX_LIMIT, "first key exchange with " + category.label() + " " + name);
            assertEquals(name, category.negotiated(t.algorithms()), "negotiated " + category.label());
            List<HostKeyPresented> presented = d.events(HostKeyPresented.class);
            assertEquals(1, presented.size(), "one host key presented");
            assertTrue(presented.get(0).decided(), "the pinned verifier decided");
            assertEquals(t.algorithms().hostKey(), presented.get(0).signatureAlgorithm());
            t.send(new ServiceRequest(ServiceNames.SSH_USERAUTH), Origin.APPLICATION);
            d.pumpUntil(() -> layer.received(ServiceAccept.class), REPLY_LIMIT, "SERVICE_ACCEPT");
            assertEquals(ServiceNames.SSH_USERAUTH, layer.first(ServiceAccept.class).orElseThrow().serviceName());
            assertEquals(1, layer.readyCalls());
            assertEquals(List.of(), layer.decodeFailures(), "messages our codecs refused");
            assertEquals(1, d.events(KeyExchangeCompleted.class).size(), "exactly one key exchange");
            assertFalse(t.peerSignatureAlgorithms().isEmpty(), "the server's EXT_INFO carried server-sig-algs");
            Outcome o = new Outcome(t.algorithms(), t.strictKex(), t.keyExchangeCount(), t.peerVersion());
            if (!d.disconnect(REPLY_LIMIT)) {
                throw d.failure("the peer did not close after our DISCONNECT");
            }
            return o;
        }
    }

    /**
     * Server role: accepts one connection on {@code listening}, runs the transport with {@code config}
     * until the client's first USERAUTH_REQUEST, checks the negotiated name and disconnects.
     *
     * @return the request and what was negotiated
     */
    public static ServerOutcome serverUntilUserAuthRequest(ServerSocket listening, TransportConfig config,
                                                           AlgorithmCategory category, String name,
                                                           Supplier<String> diagnostics) {
        RecordingLayer layer = new RecordingLayer();
        try (BlockingTransportDriver d = BlockingTransportDriver.accept(listening, REPLY_LIMIT, config, layer,
                diagnostics)) {
            layer.acceptServices(d.transport());
            d.diagnostics(diagnostics);
            Transport t = d.transport();
            d.pumpUntil(t::isReady, KEX_LIMIT, "first key exchange with " + category.label() + " " + name);
            d.pumpUntil(() -> layer.received(UserAuthRequest.class), REPLY_LIMIT, "the client's USERAUTH_REQUEST");
            assertEquals(name, category.negotiated(t.algorithms()), "negotiated " + category.label());
            assertTrue(layer.received(ServiceRequest.class), "SERVICE_REQUEST came first");
            assertEquals(List.of(), layer.decodeFailures(), "messages our codecs refused");
            ServerOutcome o = new ServerOutcome(layer.first(UserAuthRequest.class).orElseThrow(),
                    new Outcome(t.algorithms(), t.strictKex(), t.keyExchangeCount(), t.peerVersion()));
            d.disconnect(REPLY_LIMIT);
            return o;
        }
    }

    /**
     * What the server-role check saw.
     *
     * @param request the client's first USERAUTH_REQUEST
     * @param outcome the negotiation
     */
    public record ServerOutcome(UserAuthRequest request, Outcome outcome) {
    }
}
