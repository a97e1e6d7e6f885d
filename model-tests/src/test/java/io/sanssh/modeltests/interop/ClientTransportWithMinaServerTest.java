package io.sanssh.modeltests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.AlgorithmCategory;
import io.sanssh.modeltests.interop.support.InteropMatrix;
import io.sanssh.modeltests.interop.support.MinaPeers;
import io.sanssh.modeltests.interop.support.TransportChecks;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Sanssh's client transport against an in-process Apache MINA SSHD 2.20 server, one algorithm at a
 * time: for every name both MINA (here, with Bouncy Castle on the class path) and Sanssh implement,
 * in particular mlkem768x25519-sha256 and sntrup761x25519-sha512, which OpenSSH 9.2 lacks or
 * names differently, both sides offer only that name; the client completes the key exchange,
 * verifies MINA's host key against the pinned keys, gets SERVICE_ACCEPT and disconnects. MINA's
 * own record of the negotiation must agree.
 */
class ClientTransportWithMinaServerTest {

    @TestFactory
    Stream<DynamicNode> clientCompletesKeyExchangeAndGetsServiceAcceptFromMinaForEveryAlgorithmBothImplement() {
        InteropMatrix matrix = new InteropMatrix("MINA SSHD 2.20 server", "sanssh client");
        return matrix.nodes(List.of(AlgorithmCategory.values()), MinaPeers::supported,
                (category, name) -> "MINA SSHD 2.20 does not implement " + name + " (or it is unsupported on this JVM)",
                (category, name) -> {
                    MinaPeers.Recorder recorder = new MinaPeers.Recorder();
                    SshServer sshd = MinaPeers.startServer(category, name, recorder);
                    try {
                        TransportConfig config = category.restrict(TransportConfig.builder(), name)
                                .hostKeyVerifier(MinaPeers.hostKeyVerifier()).build();
                        TransportChecks.Outcome o = TransportChecks.clientServiceRoundTrip("127.0.0.1", sshd.getPort(),
                                config, category, name, recorder::describe);
                        assertEquals(name, recorder.negotiated(category), "MINA's view: " + recorder.describe());
                        assertTrue(o.strict(), "MINA 2.20 and Sanssh agree on strict KEX");
                        return o.note();
                    } finally {
                        MinaPeers.stopQuietly(sshd);
                    }
                });
    }
}
