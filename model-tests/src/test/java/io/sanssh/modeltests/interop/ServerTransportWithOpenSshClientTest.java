package io.sanssh.modeltests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.AlgorithmCategory;
import io.sanssh.modeltests.interop.support.InteropHostKeys;
import io.sanssh.modeltests.interop.support.InteropMatrix;
import io.sanssh.modeltests.interop.support.OpenSsh;
import io.sanssh.modeltests.interop.support.OpenSshClientRun;
import io.sanssh.modeltests.interop.support.TransportChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Sanssh's server transport against the real OpenSSH client, one algorithm at a time: for every
 * name both {@code ssh -Q} and Sanssh list, our server (host keys of every type from {@code
 * KeyPairs.generate}) offers only that name and {@code ssh -o <Option>=<name>} connects; the test
 * passes when our server has answered SERVICE_REQUEST and received the client's first
 * USERAUTH_REQUEST (the user-auth stage was reached through encrypted packets both ways), and
 * {@code ssh -v} reports the same negotiated algorithm.
 */
class ServerTransportWithOpenSshClientTest {
    private static final String USER = "interop";

    @BeforeAll
    static void requireSsh() {
        OpenSsh.assumeClient();
    }

    @TestFactory
    Stream<DynamicNode> openSshClientReachesUserAuthWithOurServerForEveryAlgorithmItAlsoImplements() {
        InteropMatrix matrix = new InteropMatrix(OpenSsh.shortVersion() + " ssh", "sanssh server");
        return matrix.nodes(List.of(AlgorithmCategory.values()), AlgorithmCategory::openSshNames,
                (category, name) -> OpenSsh.shortVersion() + " does not list " + name
                        + " in `ssh -Q " + category.openSshQuery() + "`"
                        + (name.startsWith("mlkem") ? " (ML-KEM hybrids arrived in OpenSSH 9.9)" : ""),
                ServerTransportWithOpenSshClientTest::reachUserAuth);
    }

    private static String reachUserAuth(AlgorithmCategory category, String name) throws IOException {
        TransportConfig config = category.restrict(TransportConfig.builder().hostKeys(InteropHostKeys.all()), name)
                .build();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             OpenSshClientRun ssh = OpenSshClientRun.start(listening.getLocalPort(), USER,
                     category.openSshClientOptions(name))) {
            TransportChecks.ServerOutcome seen = TransportChecks.serverUntilUserAuthRequest(listening, config,
                    category, name, ssh::output);
            assertEquals(USER, seen.request().user());
            assertEquals("ssh-connection", seen.request().service());
            int status = ssh.awaitExit(Duration.ofSeconds(10));
            String out = ssh.output();
            assertEquals(255, status, "ssh ends with 255 when the server disconnects:\n" + out);
            for (String line : category.openSshVerboseLines(name)) {
                assertTrue(out.contains(line), "ssh -v should report '" + line + "':\n" + out);
            }
            assertTrue(out.contains("Received disconnect from 127.0.0.1"), "ssh saw our DISCONNECT:\n" + out);
            return "first request: " + seen.request().method() + " | " + seen.outcome().note();
        }
    }
}
