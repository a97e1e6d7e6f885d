package io.sanssh.modeltests.interop.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.Driver;
import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.ExecResult;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.modeltests.interop.support.DropbearServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Sanssh client (the user API, over both socket drivers) against a real dropbear server
 * (2022.83 here): every key exchange, cipher and MAC that dropbear offers, exec with exit status,
 * stdin and stdout a few MiB both ways at once, rekey under load, and dropbear's own keep-alives
 * while the client application is idle. Password login as the local test user.
 */
@Timeout(120)
class ClientWithDropbearServerTest {
    /** What dropbear 2022.83 offers (read from its KEXINIT), minus its kexguess2 and strict-KEX markers. */
    static final List<String> KEX = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256", "diffie-hellman-group14-sha256",
            "diffie-hellman-group14-sha1");
    static final List<String[]> CIPHER_MAC = List.of(new String[] {"chacha20-poly1305@openssh.com", "hmac-sha2-256"},
            new String[] {"aes128-ctr", "hmac-sha2-256"}, new String[] {"aes256-ctr", "hmac-sha1"},
            new String[] {"aes128-ctr", "hmac-sha1"});
    static final List<String> HOST_KEY_ALGORITHMS = List.of("ssh-ed25519", "rsa-sha2-256");

    static DropbearServer dropbear;

    @BeforeAll
    static void start() {
        // -K 1: a keep-alive every second of silence; no answer for 3 of them and dropbear hangs up
        dropbear = DropbearServer.start("-K", "1");
    }

    @AfterAll
    static void stop() {
        if (dropbear != null) {
            dropbear.close();
        }
    }

    private static ClientOptions.Builder options(Driver driver) {
        return ClientOptions.builder().driver(driver).trustedHostKeys(List.copyOf(dropbear.hostKeys().values()))
                .timeout(Duration.ofSeconds(30));
    }

    private static SshSession login(ClientOptions options) throws IOException {
        SshSession s = SshClient.connect("127.0.0.1", dropbear.port(), options);
        try {
            assertTrue(s.authPassword(DropbearServer.PASSWORD_USER, DropbearServer.PASSWORD));
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    @Test
    void everyKeyExchangeCipherAndMacDropbearOffersRunsACommand() throws Exception {
        List<String> failures = new ArrayList<>();
        int combinations = 0;
        for (String kex : KEX) {
            for (String[] cm : CIPHER_MAC) {
                String hostKeyAlg = HOST_KEY_ALGORITHMS.get(combinations++ % HOST_KEY_ALGORITHMS.size());
                String what = kex + " / " + cm[0] + " / " + cm[1] + " / " + hostKeyAlg;
                try (SshSession s = login(options(Driver.BLOCKING).kexAlgorithms(List.of(kex))
                        .ciphers(List.of(cm[0])).macs(List.of(cm[1])).hostKeyAlgorithms(List.of(hostKeyAlg)).build())) {
                    NegotiatedAlgorithms a = s.algorithms();
                    assertEquals(kex, a.kex(), what);
                    assertEquals(hostKeyAlg, a.hostKey(), what);
                    assertEquals(cm[0], a.cipherClientToServer(), what);
                    assertEquals(cm[0], a.cipherServerToClient(), what);
                    assertEquals(cm[0].startsWith("chacha20") ? null : cm[1], a.macClientToServer(), what);
                    ExecResult r = s.exec("echo ok; echo err >&2; exit 7");
                    assertEquals("ok\n", r.stdoutText(), what);
                    assertEquals("err\n", withoutChdirNotice(r.stderrText()), what);
                    assertEquals(7, r.exitStatus(), what);
                } catch (IOException | RuntimeException | AssertionError e) {
                    failures.add(what + ": " + e);
                }
            }
        }
        assertEquals(List.of(), failures, "failed combinations; dropbear log:\n" + tail(dropbear.log()));
        assertEquals(KEX.size() * CIPHER_MAC.size(), combinations);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void stdinAndStdoutFourMebibytesBothWaysAtOnceWithExitStatus(Driver driver) throws Exception {
        try (SshSession s = login(options(driver).build())) {
            byte[] input = new byte[4 << 20];
            new Random(5).nextBytes(input);
            assertArrayEquals(input, pipe(s, "cat; exit 5", input, 5));
            assertTrue(s.serverVersion().startsWith("SSH-2.0-dropbear"), s.serverVersion());
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void rekeyUnderLoad(Driver driver) throws Exception {
        try (SshSession s = login(options(driver).rekeyBytes(1 << 20).build())) {
            int before = s.keyExchangeCount();
            byte[] input = new byte[6 << 20];
            new Random(6).nextBytes(input);
            s.rekey();
            assertArrayEquals(input, pipe(s, "cat", input, 0));
            // 12 MiB through a 1 MiB limit
            assertTrue(s.keyExchangeCount() >= before + 5, before + " -> " + s.keyExchangeCount());
            assertEquals("after\n", s.exec("echo after").stdoutText());
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void dropbearKeepAlivesAreAnsweredWhileTheApplicationIsIdle(Driver driver) throws Exception {
        try (SshSession s = login(options(driver).build())) {
            Thread.sleep(4500); // dropbear -K 1 gives up after 3 unanswered keep-alives
            assertTrue(s.isOpen(), "dropped: " + s.disconnectCause() + "\n" + tail(dropbear.log()));
            assertEquals("alive\n", s.exec("echo alive").stdoutText());
        }
    }

    /** Runs {@code command}, writing {@code input} while reading stdout; checks the exit status. */
    private static byte[] pipe(SshSession s, String command, byte[] input, int status) throws Exception {
        ExecProcess p = s.execStreaming(command);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = p.getOutputStream()) {
                for (int off = 0; off < input.length; off += 32 * 1024) {
                    out.write(input, off, Math.min(32 * 1024, input.length - off));
                }
            } catch (IOException | RuntimeException e) {
                failed.set(e);
            }
        });
        writer.start();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(got);
        }
        writer.join(30_000);
        assertEquals(null, failed.get());
        assertTrue(p.waitFor(Duration.ofSeconds(30)));
        assertEquals(status, p.exitStatus());
        return got.toByteArray();
    }

    /**
     * Dropbear tells the session on stderr when the user's home directory is missing (the test
     * user has none on a bare machine) and runs the command in / instead.
     */
    private static String withoutChdirNotice(String stderr) {
        return stderr.replaceFirst("^Failed chdir '[^']*': No such file or directory\n", "");
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }
}
