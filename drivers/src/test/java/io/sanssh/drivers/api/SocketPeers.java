package io.sanssh.drivers.api;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/** {@link DriverScenarios.Peers} over loopback TCP: an {@link SshServer} and a client, both on {@code driver}. */
final class SocketPeers implements DriverScenarios.Peers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SshServer server;
    private final SshSession session;

    SocketPeers(Driver driver, ServerOptions.Builder server, ClientOptions.Builder client) throws Exception {
        SshKeyPair hostKey = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM);
        this.server = SshServer.start(server.hostKeys(List.of(hostKey)).driver(driver).build());
        SshSession s = null;
        try {
            s = SshClient.connect("127.0.0.1", this.server.port(), client.driver(driver)
                    .trustedHostKeys(List.of(hostKey.publicKey())).build());
            if (!s.authPassword("alice", "secret")) {
                throw new AssertionError("partial success for a password-only server");
            }
        } catch (Exception | Error e) {
            if (s != null) {
                s.close();
            }
            this.server.close();
            throw e;
        }
        this.session = s;
    }

    @Override
    public SshSession session() {
        return session;
    }

    @Override
    public long serverPacketsReceived() {
        return server.packetsReceived();
    }

    @Override
    public void idle(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public void closeServer() {
        server.close();
    }

    @Override
    public void close() {
        session.close();
        server.close();
    }
}
