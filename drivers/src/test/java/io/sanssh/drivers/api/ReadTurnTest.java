package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader/follower on the blocking driver: an application thread that waits for channel data reads
 * the socket itself instead of being handed each packet by the reader thread
 * (BlockingConnection.readTurn), so a bulk download does not cost a thread wake-up per packet.
 * Counted with {@link BlockingConnection#readCounts()}. (A writer waiting for credit does the same,
 * but against our own server it seldom waits: its window adjusts come while the writer writes.)
 */
@Timeout(120)
class ReadTurnTest {
    private static final int BYTES = 32 << 20;
    @TempDir
    Path dir;
    private SshServer server;
    private SshKeyPair key;

    @BeforeEach
    void start() throws Exception {
        key = KeyPairs.generate(PublicKeys.ED25519, 0, new SecureRandom());
        server = SshServer.start(ServerOptions.builder().hostKeyFile(dir.resolve("host_key"))
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(key.publicKey(), "a"))).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SshSession connect() throws Exception {
        SshSession s = SshClient.connect("127.0.0.1", server.port(), ClientOptions.builder()
                .trustedHostKeys(List.of(server.hostKeys().get(0))).knownHostsFile(null).build());
        s.authPublicKey(System.getProperty("user.name"), key);
        return s;
    }

    private static BlockingConnection.ReadCounts counts(SshSession s) {
        return ((BlockingLink) s.link()).connection().readCounts();
    }

    @Test
    void aThreadReadingChannelDataReadsTheSocketItself() throws Exception {
        try (SshSession s = connect()) {
            BlockingConnection.ReadCounts before = counts(s);
            ExecProcess p = s.execStreaming("head -c " + BYTES + " /dev/zero");
            p.getOutputStream().close();
            long total = 0;
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
            }
            assertEquals(0, p.waitFor());
            assertEquals(BYTES, total);
            BlockingConnection.ReadCounts after = counts(s);
            long app = after.application() - before.application();
            long reader = after.readerThread() - before.readerThread();
            // Without leader/follower the application thread makes none; with it, most. A thread
            // descheduled for longer than the reader's grace period lets the reader thread read, so
            // a loaded machine may shift the split a little: demand a third, at least.
            assertTrue(app > 0 && app * 2 >= reader, "the application thread read the socket itself: " + app
                    + " reads, the reader thread " + reader);
        }
    }
}
