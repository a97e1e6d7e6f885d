package io.sanssh.engine.kex.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key exchange against Apache MINA SSHD's own implementation, in process over loopback with
 * {@link PlainKex}. This is where mlkem768x25519-sha256 is cross-checked: the installed OpenSSH
 * 9.2 predates it. MINA's server signs its H and we verify that signature over ours; MINA's
 * client verifies our signature over its H before it sends NEWKEYS. Every method both sides
 * implement runs, so the two cross-checks (OpenSSH and MINA) overlap on all but ML-KEM.
 */
class MinaInteropTest {
    private static KeyPair rsaHostKey;

    @BeforeAll
    static void hostKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, Seeded.random(3));
        rsaHostKey = gen.generateKeyPair();
    }

    static Stream<String> methods() {
        return KexMethods.supported().stream().filter(name -> {
            BuiltinDHFactories f = BuiltinDHFactories.fromFactoryName(name);
            return f != null && f.isSupported();
        });
    }

    private static List<KeyExchangeFactory> only(String method,
            Function<DHFactory, KeyExchangeFactory> toKex) {
        return NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.fromFactoryName(method)), toKex);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void ourClientAgainstMinaServer(String method) throws Exception {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(rsaHostKey));
        server.setKeyExchangeFactories(only(method, ServerBuilder.DH2KEX));
        server.start();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            s.setSoTimeout(60_000);
            PlainKex kex = new PlainKex(s.getInputStream(), s.getOutputStream(),
                    Seeded.random(method.hashCode()));
            assertEquals(21, kex.connect(method, "rsa-sha2-256").peerAfterNewKeys(), method);
        } finally {
            server.stop(true);
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void ourServerAgainstMinaClient(String method) throws Exception {
        assertEquals(21, serveMinaClient(method, false), method);
    }

    @Test
    void minaRefusesASignatureOverAWrongMlKemExchangeHash() throws Exception {
        assertNotEquals(21, serveMinaClient("mlkem768x25519-sha256", true));
    }

    private static int serveMinaClient(String method, boolean corrupt) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyExchangeFactories(only(method, ClientBuilder.DH2KEX));
        client.start();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(30_000);
            client.connect("sanssh", "127.0.0.1", listener.getLocalPort());
            try (Socket s = listener.accept()) {
                s.setSoTimeout(60_000);
                PlainKex kex = new PlainKex(s.getInputStream(), s.getOutputStream(),
                        Seeded.random(method.hashCode()));
                if (corrupt) {
                    kex.corruptSignedHash();
                }
                return kex.serve(method, TestHostKey.rsa(rsaHostKey)).peerAfterNewKeys();
            }
        } finally {
            client.stop();
        }
    }
}
