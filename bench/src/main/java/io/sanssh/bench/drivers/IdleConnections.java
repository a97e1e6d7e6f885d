package io.sanssh.bench.drivers;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.ExecResult;
import io.sanssh.drivers.api.PasswordFile;
import io.sanssh.drivers.api.ServerOptions;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshServer;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.drivers.selector.SelectorOptions;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How many idle connections the selector driver holds, and what each costs in heap: a Sanssh
 * server and client in one JVM, each on one selector loop thread. Every connection does a
 * curve25519 key exchange, password authentication and one exec, then stays open and idle.
 *
 * <p>Phase 1 opens {@code heapN} connections and compares the heap after full GCs with the
 * baseline (server up, loops running, a few connections opened and closed to load the classes):
 * the difference over {@code heapN} is the heap per idle connection, client and server side
 * together, since both live in this JVM. Phase 2 keeps opening connections in batches, up to
 * {@code max}, and reports the most held at once (every one still open) and why it stopped.
 *
 * <p>Run: {@code mvn -B -q -o -pl bench -am package -DskipTests} then
 * {@code java -Xmx4g -cp bench/target/benchmarks.jar io.sanssh.bench.drivers.IdleConnections 2000 20000}.
 * The ephemeral port range (one server port) bounds {@code max} at about 28,000 on Linux.
 */
public final class IdleConnections {
    private static final int BATCH = 250;

    private IdleConnections() {
    }

    /** {@code args}: heapN (default 2000), max (default 10000), client threads (default 8). */
    public static void main(String[] args) throws Exception {
        int heapN = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int max = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        SecureRandom random = new SecureRandom();
        SshKeyPair hostKey = KeyPairs.generate(PublicKeys.ED25519, 0, random);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<SshSession> sessions = new ArrayList<>();
        try (SelectorLoop serverLoop = SelectorLoop.open(SelectorOptions.builder().threadName("bench-server").build());
             SelectorLoop clientLoop = SelectorLoop.open(SelectorOptions.builder().threadName("bench-client").build());
             SshServer server = SshServer.start(ServerOptions.builder()
                     .selectorLoop(serverLoop)
                     .hostKeys(List.of(hostKey))
                     .kexAlgorithms(List.of("curve25519-sha256"))
                     .passwordAuthenticator(PasswordFile.of(Map.of("bench", "bench")))
                     .execHandler((request, stdin, stdout, stderr) -> {
                         stdout.write("ok\n".getBytes(StandardCharsets.US_ASCII));
                         return 0;
                     })
                     .build())) {
            ClientOptions options = ClientOptions.builder()
                    .selectorLoop(clientLoop)
                    .trustedHostKeys(List.of(hostKey.publicKey()))
                    .kexAlgorithms(List.of("curve25519-sha256"))
                    .timeout(Duration.ofSeconds(20))
                    .build();
            // warm up: load and compile the paths, then let the connections go
            List<SshSession> warm = open(pool, server.port(), options, 200);
            closeAll(pool, warm);
            waitForZero(server, clientLoop);
            long baseline = heapAfterGc();

            long start = System.nanoTime();
            sessions.addAll(open(pool, server.port(), options, heapN));
            double openSeconds = (System.nanoTime() - start) / 1e9;
            // idle means idle: the engines free their packet buffers once no byte moved for 1 s
            // (BUFFER_RELEASE), so connections opened in the last second must get there first
            Thread.sleep(2_500);
            long loaded = heapAfterGc();
            check(sessions, server);
            System.out.printf("heap: baseline %.1f MiB, %d idle connections %.1f MiB: %.1f KiB per connection"
                            + " (client and server side together); opened at %.0f connections/s%n",
                    baseline / 1048576.0, heapN, loaded / 1048576.0, (loaded - baseline) / 1024.0 / heapN,
                    heapN / openSeconds);

            String stop = "reached the cap of " + max;
            while (sessions.size() < max) {
                try {
                    sessions.addAll(open(pool, server.port(), options, Math.min(BATCH, max - sessions.size())));
                } catch (Exception | Error e) {
                    stop = "stopped by " + e;
                    break;
                }
            }
            int held = check(sessions, server);
            System.out.printf("most held: %d connections open at once (%d on the server), %s; heap %.1f MiB;"
                            + " open files limit %s (each connection takes two descriptors here)%n",
                    held, server.connectionCount(), stop, heapAfterGc() / 1048576.0, openFilesLimit());
            closeAll(pool, sessions);
            waitForZero(server, clientLoop);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SshSession> open(ExecutorService pool, int port, ClientOptions options, int n)
            throws Exception {
        List<Future<SshSession>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                SshSession s = SshClient.connect("127.0.0.1", port, options);
                try {
                    if (!s.authPassword("bench", "bench")) {
                        throw new IllegalStateException("partial success");
                    }
                    ExecResult r = s.exec("true");
                    if (r.exitStatus() != 0 || !r.stdoutText().equals("ok\n")) {
                        throw new IllegalStateException("exec answered " + r);
                    }
                    return s;
                } catch (Exception | Error e) {
                    s.close();
                    throw e;
                }
            }));
        }
        List<SshSession> out = new ArrayList<>();
        Exception failure = null;
        for (Future<SshSession> f : futures) {
            try {
                out.add(f.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            closeAll(pool, out);
            throw failure;
        }
        return out;
    }

    /** Every session still open; returns how many. */
    private static int check(List<SshSession> sessions, SshServer server) {
        for (SshSession s : sessions) {
            if (!s.isOpen()) {
                throw new IllegalStateException("a connection dropped: " + s.disconnectCause());
            }
        }
        return sessions.size();
    }

    private static void closeAll(ExecutorService pool, List<SshSession> sessions) throws Exception {
        List<Future<?>> f = new ArrayList<>();
        for (SshSession s : sessions) {
            f.add(pool.submit(s::close));
        }
        for (Future<?> x : f) {
            x.get(60, TimeUnit.SECONDS);
        }
        sessions.clear();
    }

    private static void waitForZero(SshServer server, SelectorLoop clientLoop) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((server.connectionCount() > 0 || clientLoop.connectionCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String openFilesLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return line.substring("Max open files".length()).strip().replaceAll("\\s+", " ");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
