package io.sanssh.cli;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.KeepAliveCounts;
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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code sanssh demo}: a Sanssh server and a Sanssh client in one process, over 127.0.0.1, with
 * keys generated on the spot in a temporary directory. Shows the handshake's outcome, runs
 * commands, streams 64 MiB up and down through {@code cat} with a key re-exchange half-way, sends
 * keep-alives, forwards a port to a tiny echo server, prints a summary and shuts both down.
 * Needs no setup.
 */
final class DemoCommand {
    static final String HELP = String.join("\n",
            "usage: sanssh demo [--mib N]",
            "",
            "Starts an embedded Sanssh server on 127.0.0.1 (free port, new Ed25519 host key in a temporary",
            "directory) and connects the Sanssh client with a new Ed25519 user key. Then: runs two commands;",
            "streams N MiB (default 64) of pseudo-random bytes through cat, up and down at once, with a",
            "progress bar on a terminal (plain lines otherwise), starting a key re-exchange half-way;",
            "keep-alives every 250 ms; a local port forward to an echo server and back; a summary of the",
            "algorithms, bytes, throughput, rekeys and keep-alives. Exit status 0 when everything worked.",
            "");
    private static final long DEFAULT_MIB = 64;
    private static final Duration KEEP_ALIVE = Duration.ofMillis(250);

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        long mib = DEFAULT_MIB;
        if (args.size() == 2 && args.get(0).equals("--mib")) {
            try {
                mib = Long.parseLong(args.get(1));
            } catch (NumberFormatException e) {
                throw new UsageException("--mib needs a number, not '" + args.get(1) + "'");
            }
            if (mib < 1 || mib > 4096) {
                throw new UsageException("--mib must be 1..4096");
            }
        } else if (!args.isEmpty()) {
            throw new UsageException("demo takes only --mib N");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sanssh-demo-");
            return demo(dir, mib << 20);
        } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
            err.println("sanssh: demo failed: " + ExecCommand.oneLine(String.valueOf(e.getMessage())));
            return 1;
        } finally {
            deleteTree(dir);
        }
    }

    private int demo(Path dir, long size) throws IOException, NoSuchAlgorithmException {
        SecureRandom random = new SecureRandom();
        long t0 = System.nanoTime();
        SshKeyPair userKey = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        Path hostKeyFile = dir.resolve("ssh_host_ed25519_key");
        ServerOptions serverOptions = ServerOptions.builder()
                .hostKeyFile(hostKeyFile)
                .publicKeyAuthenticator(AuthorizedKeys.parse(PublicKeys.toOpenSshLine(userKey.publicKey(), "demo")))
                .sftpRoot(dir)
                .allowTcpForwarding(true)
                .random(random)
                .build();
        try (SshServer server = SshServer.start(serverOptions)) {
            SshPublicKey hostKey = server.hostKeys().get(0);
            out.printf("server   listening on 127.0.0.1:%d, host key %s %s%n", server.port(), hostKey.keyType(),
                    hostKey.fingerprint());
            out.printf("         (generated in %s)%n", hostKeyFile);
            ClientOptions clientOptions = ClientOptions.builder()
                    .trustedHostKeys(List.of(hostKey))
                    .keepAliveInterval(KEEP_ALIVE)
                    .keepAliveCountMax(20)
                    .random(random)
                    .build();
            String user = System.getProperty("user.name", "demo");
            try (SshSession session = SshClient.connect("127.0.0.1", server.port(), clientOptions)) {
                NegotiatedAlgorithms a = session.algorithms();
                out.printf("client   connected to %s in %d ms%n", session.serverVersion(), (System.nanoTime() - t0) / 1_000_000);
                out.printf("         kex %s%n", a.kex());
                out.printf("         host key %s %s (pinned: matches the server's)%n", a.hostKey(),
                        session.hostKey().fingerprint());
                out.printf("         cipher %s%n", ciphers(a));
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
                out.printf("$ cat    (%d MiB of pseudo-random bytes up and back down; a rekey half-way)%n", size >> 20);
                DemoTransfer.Result t = new DemoTransfer(session, out, Progress.isTerminal(out)).run(size, random.nextLong());
                ok &= t.matched() && t.rekeysDuring() >= 1;
                out.println("$ forward 127.0.0.1:(local) -> server -> 127.0.0.1:(echo server)");
                String message = "ping through the tunnel";
                DemoForward.Result f = DemoForward.roundTrip(session, message);
                out.printf("         local port %d -> echo port %d: \"%s\" came back %s in %.1f ms%n", f.listenPort(),
                        f.echoPort(), message, f.echoed() ? "unchanged" : "CHANGED", f.millis());
                ok &= f.echoed();
                KeepAliveCounts k = awaitKeepAliveAnswer(session);
                ok &= k.answered() >= 1;
                summary(session, t, k, (System.nanoTime() - t0) / 1e9);
                out.println(ok ? "done: closing the client and the server" : "done, with failures");
                out.flush();
                return ok ? 0 : 1;
            }
        }
    }

    /** Waits (at most 3 intervals) until at least one keep-alive was answered, then returns the counts. */
    private static KeepAliveCounts awaitKeepAliveAnswer(SshSession session) {
        long deadline = System.nanoTime() + 3 * KEEP_ALIVE.toNanos();
        KeepAliveCounts k = session.keepAlives();
        while (k.answered() < 1 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            k = session.keepAlives();
        }
        return k;
    }

    private void summary(SshSession session, DemoTransfer.Result t, KeepAliveCounts k, double totalSeconds) {
        NegotiatedAlgorithms a = session.algorithms();
        out.println("summary");
        out.printf("         algorithms  kex %s, host key %s, cipher %s%n", a.kex(), a.hostKey(), ciphers(a));
        out.printf("         transfer    %d bytes up + %d bytes down in %.2f s: %.1f MB/s (SHA-256 %s)%n",
                t.bytesEachWay(), t.bytesEachWay(), t.seconds(), 2.0 * t.bytesEachWay() / 1e6 / t.seconds(),
                t.matched() ? "matches" : "DIFFERS");
        out.printf("         rekeys      %d during the transfer (%d key exchanges in all)%n", t.rekeysDuring(),
                session.keyExchangeCount());
        out.printf("         keep-alives %d sent, %d answered (every %d ms)%n", k.sent(), k.answered(),
                KEEP_ALIVE.toMillis());
        out.printf("         total       %.2f s%n", totalSeconds);
    }

    private static String ciphers(NegotiatedAlgorithms a) {
        return a.cipherClientToServer() + " / " + a.cipherServerToClient()
                + (a.macClientToServer() == null ? " (AEAD)" : ", mac " + a.macClientToServer() + " / " + a.macServerToClient());
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
