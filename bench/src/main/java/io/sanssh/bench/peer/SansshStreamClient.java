package io.sanssh.bench.peer;

import io.sanssh.drivers.api.ClientOptions;
import io.sanssh.drivers.api.ExecProcess;
import io.sanssh.drivers.api.SftpClient;
import io.sanssh.drivers.api.SshClient;
import io.sanssh.drivers.api.SshSession;
import io.sanssh.engine.keys.PrivateKeyFiles;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Sanssh side of {@link ExecStreamBench}, run in its own JVM so that its CPU time is the
 * client's alone. It reads commands from stdin, one per line, and answers each with one line:
 *
 * <ul>
 *   <li>{@code down N}: connect, authenticate, run {@code head -c N /dev/zero}, copy stdout to
 *       /dev/null (as {@code ssh ... > /dev/null} does), wait for exit status 0, close;
 *   <li>{@code up N FILE}: the same with {@code cat > /dev/null}, stdin fed from FILE;
 *   <li>{@code get N REMOTE LOCAL} and {@code put N REMOTE LOCAL}: an SFTP download or upload of
 *       N bytes with {@code SshSession.sftp()};
 *   <li>{@code quit}.
 * </ul>
 *
 * The answer is {@code RESULT wallNanos cpuNanos bytes contextSwitches}, where the CPU time is this whole process's
 * ({@code OperatingSystemMXBean.getProcessCpuTime}: every thread, JIT and GC included) across the
 * run, from before the TCP connect to after the close.
 *
 * <p>Arguments: port, client private key file, host public key file, cipher.
 */
public final class SansshStreamClient {
    private static final int BUFFER = 64 * 1024;
    /** {@link #contextSwitches()} when the stream ended, while the connection's threads still live. */
    private static long switchesAtEnd;
    /** CPU time of the main (application) thread when the current run began. */
    private static long mainCpuAtStart;

    private SansshStreamClient() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SshKeyPair key = PrivateKeyFiles.read(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), null);
        SshPublicKey hostKey = PublicKeys.parseOpenSshLine(Files.readString(Path.of(args[2]), StandardCharsets.US_ASCII));
        ClientOptions options = ClientOptions.builder().trustedHostKeys(List.of(hostKey)).knownHostsFile(null)
                .ciphers(List.of(args[3])).build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] w = line.split(" ");
            long bytes = Long.parseLong(w[1]);
            long switches0 = contextSwitches();
            mainCpuAtStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long moved = switch (w[0]) {
                case "down" -> download(port, key, options, bytes);
                case "up" -> upload(port, key, options, Path.of(w[2]));
                default -> sftp(port, key, options, w[0], w[2], Path.of(w[3]), bytes);
            };
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long switches = switchesAtEnd - switches0;
            System.out.println("RESULT " + wall + " " + cpu + " " + moved + " " + switches);
            System.out.flush();
        }
    }

    /**
     * CPU seconds per GiB of the connection's own threads (reader and pump, "sanssh-blocking-N";
     * events, "sanssh-client-events-..."), which start with the connection, and of the
     * application thread ("main") since the run began: where the client's CPU goes.
     */
    private static String threadCpu(long bytes) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder sb = new StringBuilder("thread CPU s/GiB:");
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            String name = t.getThreadName();
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (name.equals("main")) {
                cpu -= mainCpuAtStart;
            } else if (!name.startsWith("sanssh-")) {
                continue;
            }
            sb.append(String.format(java.util.Locale.ROOT, " %s=%.3f", name, cpu / 1e9 * (1L << 30) / bytes));
        }
        return sb.toString();
    }

    /**
     * Context switches of every live thread of this process so far (voluntary and involuntary, from
     * /proc/self/task/N/status), or -1 where /proc is missing. Threads that ended are not counted,
     * so the end of a run is counted before the connection's threads end.
     */
    static long contextSwitches() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"), StandardCharsets.US_ASCII)) {
                        if (line.contains("ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    private static long download(int port, SshKeyPair key, ClientOptions options, long bytes) throws IOException {
        try (SshSession s = SshClient.connect("127.0.0.1", port, options);
             OutputStream sink = new FileOutputStream("/dev/null")) {
            s.authPublicKey(System.getProperty("user.name"), key);
            ExecProcess p = s.execStreaming("head -c " + bytes + " /dev/zero");
            p.getOutputStream().close();
            p.getErrorStream().close();
            InputStream out = p.getInputStream();
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = out.read(buf)) >= 0) {
                sink.write(buf, 0, n);
                total += n;
            }
            check(p, total, bytes);
            return total;
        }
    }

    private static long upload(int port, SshKeyPair key, ClientOptions options, Path file) throws IOException {
        long bytes = Files.size(file);
        try (SshSession s = SshClient.connect("127.0.0.1", port, options);
             InputStream src = new FileInputStream(file.toFile())) {
            s.authPublicKey(System.getProperty("user.name"), key);
            ExecProcess p = s.execStreaming("cat > /dev/null");
            p.getInputStream().close();
            p.getErrorStream().close();
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            try (OutputStream stdin = p.getOutputStream()) {
                while ((n = src.read(buf)) >= 0) {
                    stdin.write(buf, 0, n);
                    total += n;
                }
            }
            check(p, total, bytes);
            return total;
        }
    }

    /** {@code get}: remote to local; {@code put}: local to remote; through Sanssh's SftpClient. */
    private static long sftp(int port, SshKeyPair key, ClientOptions options, String op, String remote, Path local,
            long bytes) throws IOException {
        try (SshSession s = SshClient.connect("127.0.0.1", port, options)) {
            s.authPublicKey(System.getProperty("user.name"), key);
            long moved;
            try (SftpClient sftp = s.sftp()) {
                moved = op.equals("get") ? sftp.get(remote, local) : sftp.put(local, remote);
            }
            switchesAtEnd = contextSwitches();
            System.out.println(threadCpu(moved));
            if (moved != bytes) {
                throw new IllegalStateException("sftp " + op + " moved " + moved + " of " + bytes + " bytes");
            }
            return moved;
        }
    }

    private static void check(ExecProcess p, long moved, long expected) throws IOException {
        int status = p.waitFor();
        switchesAtEnd = contextSwitches();
        System.out.println(threadCpu(moved));
        if (status != 0 || moved != expected) {
            throw new IllegalStateException("moved " + moved + " of " + expected + " bytes, exit status " + status);
        }
    }
}
