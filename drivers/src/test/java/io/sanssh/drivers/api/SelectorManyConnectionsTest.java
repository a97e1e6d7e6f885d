package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.drivers.selector.SelectorOptions;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5: the selector driver holds 2,000 concurrent connections to an in-process Sanssh server
 * in one run: every one authenticated and ran a command, all open at once, then all closed. One
 * loop thread serves the 2,000 client connections, one the 2,000 server connections.
 */
@Timeout(120)
class SelectorManyConnectionsTest {
    static final int CONNECTIONS = 2000;

    @Test
    void twoThousandConnectionsAuthenticateRunACommandAndStayOpenTogether() throws Exception {
        SecureRandom random = new SecureRandom();
        SshKeyPair hostKey = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        List<SshSession> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (SelectorLoop serverLoop = SelectorLoop.open(SelectorOptions.builder().threadName("many-server").build());
             SelectorLoop clientLoop = SelectorLoop.open(SelectorOptions.builder().threadName("many-client").build());
             SshServer server = SshServer.start(ServerOptions.builder()
                     .selectorLoop(serverLoop)
                     .hostKeys(List.of(hostKey))
                     .kexAlgorithms(List.of("curve25519-sha256"))
                     .passwordAuthenticator(PasswordFile.of(Map.of("alice", "secret")))
                     .execHandler(new ScenarioExecHandler())
                     .build())) {
            ClientOptions options = ClientOptions.builder()
                    .selectorLoop(clientLoop)
                    .trustedHostKeys(List.of(hostKey.publicKey()))
                    .kexAlgorithms(List.of("curve25519-sha256"))
                    .timeout(Duration.ofSeconds(60))
                    .build();
            for (int batch = 0; batch < CONNECTIONS; batch += 200) {
                List<Future<SshSession>> opened = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    opened.add(pool.submit(() -> {
                        SshSession s = SshClient.connect("127.0.0.1", server.port(), options);
                        assertTrue(s.authPassword("alice", "secret"));
                        ExecResult r = s.exec("hello");
                        assertEquals("hello\n", r.stdoutText());
                        assertEquals(3, r.exitStatus());
                        return s;
                    }));
                }
                for (Future<SshSession> f : opened) {
                    sessions.add(f.get(60, TimeUnit.SECONDS));
                }
            }
            assertEquals(CONNECTIONS, sessions.size());
            assertEquals(CONNECTIONS, server.connectionCount());
            assertEquals(CONNECTIONS, clientLoop.connectionCount());
            assertEquals(CONNECTIONS, serverLoop.connectionCount());
            for (SshSession s : sessions) {
                assertTrue(s.isOpen(), "dropped: " + s.disconnectCause());
                assertEquals("alice", s.user());
            }
            // an idle connection costs no thread on either side (the blocking driver would need six)
            int threads = Thread.activeCount();
            assertTrue(threads < 200, threads + " threads for " + CONNECTIONS + " idle connections");
            List<Future<?>> closing = new ArrayList<>();
            for (SshSession s : sessions) {
                closing.add(pool.submit(s::close));
            }
            for (Future<?> f : closing) {
                f.get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((clientLoop.connectionCount() > 0 || server.connectionCount() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, clientLoop.connectionCount());
            assertEquals(0, server.connectionCount());
        } finally {
            pool.shutdownNow();
        }
    }
}
