package io.sanssh.drivers.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.drivers.testing.Engines;
import io.sanssh.drivers.testing.MessageLog;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blocking driver's client against the installed OpenSSH {@code sshd}, started on a loopback
 * port for this test: key exchange, megabytes of IGNORE traffic in packets of every size,
 * and a service request answered after them. Skipped where sshd is not installed.
 *
 * <p>No rekey here: before user authentication, OpenSSH 9.2's sshd answers a KEXINIT with
 * SSH_MSG_UNIMPLEMENTED ({@code dispatch_protocol_error: type 20}), as OpenSSH's own client never
 * rekeys then. Rekeys against OpenSSH belong to the tests after authentication.
 */
class BlockingOpenSshTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void keyExchangeBulkTrafficAndAServiceRequestAgainstOpenSsh(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN) && Files.isDirectory(Path.of("/run/sshd")),
                "OpenSSH sshd not installed");
        Path hostKey = dir.resolve("host_ed25519");
        Process keygen = new ProcessBuilder(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0, "ssh-keygen failed");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, "HostKey " + hostKey + "\nListenAddress 127.0.0.1\nUsePAM no\nPidFile none\n"
                + "StrictModes no\nLogLevel DEBUG1\n");
        Path log = dir.resolve("sshd.log");
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(log, "Server listening on 127.0.0.1 port " + port);
            MessageLog upper = new MessageLog();
            BlockingConnection<Transport> c = BlockingConnection.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    now -> Engines.transport(Role.CLIENT, Engines.client().build(), TestRandom.seeded(1), upper, now),
                    BlockingOptions.defaults());
            try {
                KeyExchangeCompleted first = c.awaitEvent(KeyExchangeCompleted.class, WAIT);
                assertTrue(first.initial() && first.strict(), first.toString());
                assertTrue(c.call(Transport::peerVersion).startsWith("SSH-2.0-OpenSSH"));
                SplittableRandom r = new SplittableRandom(1);
                long sent = 0;
                for (int i = 0; i < 400; i++) {
                    byte[] filler = new byte[1 + r.nextInt(i % 2 == 0 ? 64 : 32 * 1024)];
                    r.nextBytes(filler);
                    c.await(t -> t.outbound().backlog() < 256 * 1024, WAIT);
                    c.run(t -> t.sendIgnore(filler));
                    sent += filler.length;
                }
                assertTrue(sent > 2_000_000, "sent " + sent);
                c.run(t -> t.send(new ServiceRequest("ssh-userauth"), Origin.APPLICATION));
                c.await(t -> upper.count() >= 1, WAIT);
                assertEquals(MessageNumbers.SERVICE_ACCEPT, upper.messages().get(0)[0] & 0xff);
                assertEquals(1, c.call(Transport::keyExchangeCount));
                assertNull(c.internalFailure());
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("failed; sshd said:\n" + Files.readString(log), e);
            } finally {
                c.close(t -> t.disconnect(DisconnectReason.BY_APPLICATION, "done"));
            }
            awaitLog(log, "Received disconnect from 127.0.0.1");
        } finally {
            sshd.descendants().forEach(ProcessHandle::destroy);
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
    }

    private static void awaitLog(Path log, String line) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sshd never logged \"" + line + "\":\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
