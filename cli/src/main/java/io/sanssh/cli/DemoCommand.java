package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.ExecResult;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.auth.AuthorizedKeys;
import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code sanssh demo}: a Sanssh server and a Sanssh client in one process, over 127.0.0.1, with
 * keys generated on the spot in a temporary directory. Shows the handshake's outcome, runs a few
 * commands and a 1 MiB round trip through {@code cat}, then shuts both down. Needs no setup.
 */
final class DemoCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh demo",
            "",
            "Starts an embedded Sanssh server on 127.0.0.1 (free port, new Ed25519 host key in a temporary",
            "directory), connects the Sanssh client with a new Ed25519 user key, runs a few commands and",
            "streams 1 MiB through cat, then shuts down. Exit status 0 when everything worked.",
            "");
    private static final int STREAM_BYTES = 1 << 20;

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("demo takes no arguments");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sanssh-demo-");
            return demo(dir);
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            err.println("sanssh: demo failed: " + ExecCommand.oneLine(String.valueOf(e.getMessage())));
            return 1;
        } finally {
            deleteTree(dir);
        }
    }

    private int demo(Path dir) throws IOException, NoSuchAlgorithmException {
        SecureRandom random = new SecureRandom();
        long t0 = System.nanoTime();
        SshKeyPair userKey = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        Path hostKeyFile = dir.resolve("ssh_host_ed25519_key");
        ServerOptions serverOptions = ServerOptions.builder()
                .hostKeyFile(hostKeyFile)
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(userKey.publicKey(), "demo")))
                .sftpRoot(dir)
                .random(random)
                .build();
        try (SshServer server = SshServer.start(serverOptions)) {
            SshPublicKey hostKey = server.hostKeys().get(0);
            out.printf("server   listening on 127.0.0.1:%d, host key %s %s%n", server.port(), hostKey.keyType(),
                    hostKey.fingerprint());
            out.printf("         (generated in %s)%n", hostKeyFile);
            ClientOptions clientOptions = ClientOptions.builder()
                    .trustedHostKeys(List.of(hostKey))
                    .random(random)
                    .build();
            String user = System.getProperty("user.name", "demo");
            try (SshSession session = SshClient.connect("127.0.0.1", server.port(), clientOptions)) {
                NegotiatedAlgorithms a = session.algorithms();
                out.printf("client   connected to %s in %d ms%n", session.serverVersion(), (System.nanoTime() - t0) / 1_000_000);
                out.printf("         kex %s%n", a.kex());
                out.printf("         host key %s %s (pinned: matches the server's)%n", a.hostKey(),
                        session.hostKey().fingerprint());
                out.printf("         cipher %s / %s%s%n", a.cipherClientToServer(), a.cipherServerToClient(),
                        a.macClientToServer() == null ? " (AEAD, no separate MAC)"
                                : ", mac " + a.macClientToServer() + " / " + a.macServerToClient());
                session.authPublicKey(user, userKey);
                out.printf("client   authenticated as %s with publickey %s %s%n", user,
                        userKey.publicKey().keyType(), userKey.publicKey().fingerprint());
                boolean ok = true;
                for (String command : List.of("echo hello from sanssh", "uname -a")) {
                    out.println("$ " + command);
                    ExecResult r = session.exec(command);
                    out.print(r.stdoutText());
                    out.print(r.stderrText());
                    if (r.exitStatus() != 0) {
                        out.println("(exit status " + r.exitStatus() + ")");
                        ok = false;
                    }
                }
                ok &= streamThroughCat(session, random);
                out.println(ok ? "done: closing the client and the server" : "done, with failures");
                out.flush();
                return ok ? 0 : 1;
            }
        }
    }

    /** Streams 1 MiB of random bytes through {@code cat} and compares SHA-256 both ways. */
    private boolean streamThroughCat(SshSession session, SecureRandom random)
            throws IOException, NoSuchAlgorithmException {
        byte[] data = new byte[STREAM_BYTES];
        random.nextBytes(data);
        out.println("$ cat    (1 MiB of random bytes in, read back)");
        long start = System.nanoTime();
        ExecProcess p = session.execStreaming("cat");
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(data);
            } catch (IOException e) {
                writeFailure.set(e);
            }
        }, "sanssh-demo-writer");
        writer.start();
        MessageDigest back = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[32 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                back.update(buf, 0, n);
                received += n;
            }
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String sent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        String got = HexFormat.of().formatHex(back.digest());
        boolean same = sent.equals(got) && received == data.length && status == 0 && writeFailure.get() == null;
        out.printf("sha256 sent     %s%n", sent);
        out.printf("sha256 received %s  %s%n", got, same ? "(match)" : "(MISMATCH)");
        out.printf("%d bytes each way in %.0f ms: %.1f MB/s%n", received, seconds * 1000,
                2.0 * data.length / 1e6 / seconds);
        return same;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary directory: the OS will clean it up
                }
            });
        } catch (IOException e) {
            // a temporary directory: the OS will clean it up
        }
    }
}
