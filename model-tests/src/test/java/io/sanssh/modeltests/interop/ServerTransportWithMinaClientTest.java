package io.sanssh.modeltests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.AlgorithmCategory;
import io.sanssh.modeltests.interop.support.InteropHostKeys;
import io.sanssh.modeltests.interop.support.InteropMatrix;
import io.sanssh.modeltests.interop.support.MinaPeers;
import io.sanssh.modeltests.interop.support.TransportChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Sanssh's server transport against Apache MINA SSHD 2.20's client, one algorithm at a time: for
 * every name both implement, both offer only that name; MINA connects, checks our host key
 * against the one we configured (a pinning verifier, not accept-all) and attempts password
 * authentication; the test passes when our server has answered SERVICE_REQUEST and received
 * MINA's first USERAUTH_REQUEST, and MINA's record of the negotiation agrees with ours.
 */
class ServerTransportWithMinaClientTest {
    private static final String USER = "interop";

    @TestFactory
    Stream<DynamicNode> minaClientReachesUserAuthWithOurServerForEveryAlgorithmBothImplement() {
        InteropMatrix matrix = new InteropMatrix("MINA SSHD 2.20 client", "sanssh server");
        return matrix.nodes(List.of(AlgorithmCategory.values()), MinaPeers::supported,
                (category, name) -> "MINA SSHD 2.20 does not implement " + name + " (or it is unsupported on this JVM)",
                ServerTransportWithMinaClientTest::reachUserAuth);
    }

    private static String reachUserAuth(AlgorithmCategory category, String name) throws IOException {
        TransportConfig config = category.restrict(TransportConfig.builder().hostKeys(InteropHostKeys.all()), name)
                .build();
        List<SshPublicKey> ourKeys = InteropHostKeys.all().stream().map(k -> k.publicKey()).toList();
        AtomicReference<String> keyMinaSaw = new AtomicReference<>();
        MinaPeers.Recorder recorder = new MinaPeers.Recorder();
        SshClient client = MinaPeers.startClient(category, name, recorder);
        client.setServerKeyVerifier((session, address, key) -> {
            SshPublicKey seen = MinaPeers.toSansshKey(key);
            keyMinaSaw.set(PublicKeys.toOpenSshLine(seen, null));
            return ourKeys.contains(seen);
        });
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConnectFuture connecting = client.connect(USER, "127.0.0.1", listening.getLocalPort());
            connecting.addListener(f -> {
                if (f.isConnected()) {
                    ClientSession s = f.getSession();
                    s.addPasswordIdentity(MinaPeers.PASSWORD);
                    try {
                        s.auth();
                    } catch (IOException e) {
                        recorder.sessionException(s, e);
                    }
                }
            });
            TransportChecks.ServerOutcome seen = TransportChecks.serverUntilUserAuthRequest(listening, config,
                    category, name, recorder::describe);
            assertEquals(USER, seen.request().user());
            assertEquals("ssh-connection", seen.request().service());
            assertEquals(name, recorder.negotiated(category), "MINA's view: " + recorder.describe());
            assertTrue(seen.outcome().strict(), "MINA 2.20 and Sanssh agree on strict KEX");
            assertTrue(keyMinaSaw.get() != null && ourKeys.contains(PublicKeys.parseOpenSshLine(keyMinaSaw.get())),
                    "MINA verified our host key: " + keyMinaSaw.get());
            return "first request: " + seen.request().method() + " | " + seen.outcome().note();
        } finally {
            MinaPeers.stopQuietly(client);
        }
    }
}
