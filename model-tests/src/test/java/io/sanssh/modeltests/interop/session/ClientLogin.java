package io.sanssh.modeltests.interop.session;

import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.auth.ClientAuthLayer;
import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.modeltests.interop.support.EngineSocketDriver;
import io.sanssh.modeltests.interop.support.OpenSshServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A Sanssh client connection ({@link SshConnection#client}) to a real sshd, logged in: the
 * application answers {@code AuthServiceReady} with one attempt and waits for {@code
 * Authenticated}; a refusal fails the test with sshd's log.
 */
final class ClientLogin implements EngineSocketDriver.Application {
    private final Consumer<ClientAuthLayer> attempt;
    private final SshConnection conn;
    private AuthFailed failure;
    private boolean authenticated;

    private ClientLogin(SshConnection conn, Consumer<ClientAuthLayer> attempt) {
        this.conn = conn;
        this.attempt = attempt;
    }

    /**
     * Connects to {@code sshd} (host key pinned to sshd's own keys), logs in with {@code attempt}
     * (e.g. {@code auth -> auth.publicKey(user, key)}) and returns the driver, pumped until
     * authenticated. The caller closes the driver.
     */
    static EngineSocketDriver<SshConnection> open(OpenSshServer sshd, Consumer<ClientAuthLayer> attempt,
                                                  Duration limit) {
        SshClientConfig config = SshClientConfig.of(
                TransportConfig.builder().hostKeyVerifier(sshd.hostKeyVerifier()).build());
        EngineSocketDriver<SshConnection> d = EngineSocketDriver.connect(sshd.host(), sshd.port(),
                now -> SshConnection.client(config, new SecureRandom(), now));
        try {
            d.diagnostics(() -> describe(d.engine()) + "\n" + sshd.logTail(40));
            ClientLogin login = new ClientLogin(d.engine(), attempt);
            d.run(login, () -> login.authenticated || login.failure != null, limit, "user authentication");
            if (login.failure != null) {
                throw d.failure("authentication refused: " + login.failure);
            }
            return d;
        } catch (RuntimeException | Error e) {
            d.close();
            throw e;
        }
    }

    @Override
    public void onEvent(SshEvent e) {
        if (e instanceof AuthServiceReady) {
            attempt.accept(conn.clientAuth());
        } else if (e instanceof AuthFailed f) {
            failure = f;
        } else if (e instanceof Authenticated) {
            authenticated = true;
        }
    }

    /** The transport's state, for failure messages. */
    static String describe(SshConnection c) {
        return "  transport: phase " + c.transport().phase() + ", key exchanges " + c.transport().keyExchangeCount()
                + ", algorithms " + c.transport().algorithms() + ", peer " + c.transport().peerVersion()
                + "\n  channels: " + c.channels().channelCount() + " open, " + c.channels().blockedWriters()
                + " blocked writers";
    }
}
