package io.sanssh.bench.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exec stream against OpenSSH's sshd on 127.0.0.1: OpenSSH's {@code ssh} and Sanssh's client,
 * measured in the same run, alternating, several repetitions each, over one private sshd that
 * offers only the cipher under test.
 *
 * <ul>
 *   <li>{@code down}: {@code head -c N /dev/zero} runs remotely and the client copies its stdout to
 *       /dev/null ({@code ssh ... > /dev/null}; Sanssh: {@code ExecProcess.getInputStream()}).
 *   <li>{@code up}: {@code cat > /dev/null} runs remotely and the client feeds its stdin from a
 *       sparse N-byte file ({@code ssh ... < file}; Sanssh: {@code getOutputStream()}).
 *   <li>{@code get} and {@code put}: SFTP download and upload of an N-byte file with OpenSSH's
 *       sftp-server on the other side ({@code sftp -b} with one {@code get} or {@code put};
 *       Sanssh: {@code SshSession.sftp()} then {@code SftpClient.get} or {@code put}), into and from
 *       files in the daemon's temporary directory (deleted after every run).
 * </ul>
 *
 * <p>Each run is one whole connection: TCP connect, key exchange, public key authentication, the
 * stream, exit status, close. Client CPU: for {@code ssh}, the user+system time of the ssh process
 * as its parent shell's {@code times} reports it (children's times, 1 ms resolution); for Sanssh,
 * the process CPU time of a separate JVM that runs only the client ({@link SansshStreamClient}),
 * across the connection, every thread included (JIT and GC too). That JVM is warmed up with
 * {@code --warmup} unrecorded runs first, as a long-running application would be; ssh needs none.
 * For Sanssh the context switches of its JVM per GiB are printed too (from /proc), the main cost
 * of its threaded driver.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sanssh.bench.peer.ExecStreamBench --reps 5</pre>
 *
 * Options: {@code --bytes N} (default 1 GiB), {@code --reps N} (5), {@code --warmup N} (5: on 2 cores C2 takes about five 1 GiB runs to compile the AES-GCM paths with their intrinsics; before that GHASH runs as plain Java),
 * {@code --directions down,up} (also {@code get,put}), {@code --cipher NAME} (aes128-gcm@openssh.com),
 * {@code --child-jvm-args "ARGS"} (e.g. a JFR recording), {@code --only sanssh|ssh}, {@code --serve no}.
 *
 * <p>With {@code get} or {@code put}, the Sanssh client also runs against {@code sanssh serve}
 * (the cli's server in its own JVM, serving the daemon's directory), compared with OpenSSH's
 * {@code sftp} against sshd in the same run; {@code --serve no} leaves it out.
 */
public final class ExecStreamBench {
    private static final PrintStream OUT = System.out;

    private ExecStreamBench() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        long bytes = Long.parseLong(o.getOrDefault("bytes", String.valueOf(1L << 30)));
        int reps = Integer.parseInt(o.getOrDefault("reps", "5"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        String cipher = o.getOrDefault("cipher", "aes128-gcm@openssh.com");
        List<String> directions = List.of(o.getOrDefault("directions", "down,up").split(","));
        String only = o.getOrDefault("only", "");
        boolean serve = !o.getOrDefault("serve", "yes").equals("no")
                && (directions.contains("get") || directions.contains("put"));
        String jvmArgs = o.getOrDefault("child-jvm-args", "");
        try (PrivateSshd sshd = PrivateSshd.start(cipher, List.of("Subsystem sftp /usr/lib/openssh/sftp-server"));
             SansshChild child = SansshChild.start(sshd.port(), sshd.clientKey(), sshd.hostPublicKey(), cipher, jvmArgs);
             SansshServe served = serve ? SansshServe.start(sshd.directory()) : null;
             SansshChild toServe = serve ? SansshChild.start(served.port(), sshd.clientKey(), served.hostPublicKey(),
                     cipher, jvmArgs) : null) {
            Path upFile = sshd.directory().resolve("upload.bin");
            try (RandomAccessFile f = new RandomAccessFile(upFile.toFile(), "rw")) {
                f.setLength(bytes);
            }
            // SFTP: "get" fetches this sparse file into get.out; "put" sends upload.bin to put.out.
            Path remoteFile = sshd.directory().resolve("remote.bin");
            try (RandomAccessFile f = new RandomAccessFile(remoteFile.toFile(), "rw")) {
                f.setLength(bytes);
            }
            OUT.printf(Locale.ROOT, "# %s, %d bytes per run, %d repetitions, %d warm-up runs of Sanssh's JVM; %s%n",
                    cipher, bytes, reps, warmup, OpenSshClient.version());
            String sshdDir = sshd.directory().toString();
            for (String dir : directions) {
                boolean sftp = dir.equals("get") || dir.equals("put");
                for (int i = 0; i < warmup && !only.equals("ssh"); i++) {
                    child.run(dir, bytes, upFile, sshdDir);
                    Files.deleteIfExists(sshd.directory().resolve(dir + ".out"));
                    if (toServe != null && sftp) {
                        toServe.run(dir, bytes, upFile, "");
                        Files.deleteIfExists(sshd.directory().resolve(dir + ".out"));
                    }
                }
                List<Sample> ssh = new ArrayList<>();
                List<Sample> sanssh = new ArrayList<>();
                List<Sample> sansshToServe = new ArrayList<>();
                for (int i = 0; i < reps; i++) {
                    if (!only.equals("sanssh")) {
                        ssh.add(report(dir, "openssh", i, OpenSshClient.run(sshd, cipher, dir, bytes, upFile)));
                        Files.deleteIfExists(sshd.directory().resolve(dir + ".out"));
                    }
                    if (!only.equals("ssh")) {
                        sanssh.add(report(dir, "sanssh", i, child.run(dir, bytes, upFile, sshdDir)));
                        Files.deleteIfExists(sshd.directory().resolve(dir + ".out"));
                        if (toServe != null && sftp) {
                            // the Sanssh client against `sanssh serve` (root: the daemon's directory)
                            sansshToServe.add(report(dir, "s->serve", i, toServe.run(dir, bytes, upFile, "")));
                            Files.deleteIfExists(sshd.directory().resolve(dir + ".out"));
                        }
                    }
                }
                summarise(dir, ssh, sanssh);
                summarise(dir + " (sanssh client to sanssh serve, against openssh sftp to sshd)", ssh, sansshToServe);
            }
        }
    }

    /** One run: wall and CPU nanoseconds, bytes moved. */
    record Sample(long wallNanos, long cpuNanos, long bytes, long contextSwitches) {
        double mbPerSecond() {
            return bytes / (wallNanos / 1e9) / 1e6;
        }

        double cpuSecondsPerGib() {
            return cpuNanos / 1e9 * (1L << 30) / bytes;
        }
    }

    private static Sample report(String dir, String client, int rep, Sample s) {
        OUT.printf(Locale.ROOT, "%-4s %-7s rep %d: %7.1f MB/s  %5.3f CPU s/GiB  (%.3f s wall, %.3f s CPU%s)%n", dir,
                client, rep, s.mbPerSecond(), s.cpuSecondsPerGib(), s.wallNanos() / 1e9, s.cpuNanos() / 1e9,
                s.contextSwitches() < 0 ? "" : ", " + s.contextSwitches() * (1L << 30) / s.bytes() + " context switches/GiB");
        return s;
    }

    private static void summarise(String dir, List<Sample> ssh, List<Sample> sanssh) {
        if (ssh.isEmpty() || sanssh.isEmpty()) {
            return;
        }
        double sshMb = median(ssh.stream().mapToDouble(Sample::mbPerSecond).toArray());
        double sshCpu = median(ssh.stream().mapToDouble(Sample::cpuSecondsPerGib).toArray());
        double ourMb = median(sanssh.stream().mapToDouble(Sample::mbPerSecond).toArray());
        double ourCpu = median(sanssh.stream().mapToDouble(Sample::cpuSecondsPerGib).toArray());
        OUT.printf(Locale.ROOT, "SUMMARY %s (medians): openssh %.0f MB/s %.3f CPU s/GiB | sanssh %.0f MB/s %.3f CPU"
                + " s/GiB | speed ratio sanssh/openssh %.2f, CPU ratio sanssh/openssh %.2f%n", dir, sshMb, sshCpu, ourMb,
                ourCpu, ourMb / sshMb, ourCpu / sshCpu);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    /** OpenSSH's ssh, run under a shell whose {@code times} reports the CPU time ssh used. */
    static final class OpenSshClient {
        static String version() throws IOException, InterruptedException {
            Process p = new ProcessBuilder("ssh", "-V").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        }

        static Sample run(PrivateSshd sshd, String cipher, String dir, long bytes, Path upFile)
                throws IOException, InterruptedException {
            if (dir.equals("get") || dir.equals("put")) {
                return sftp(sshd, cipher, dir, bytes, upFile);
            }
            List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                    "f=$1; shift; if [ -n \"$f\" ]; then \"$@\" < \"$f\" > /dev/null; else \"$@\" < /dev/null > /dev/null;"
                            + " fi; s=$?; times; exit $s", "bash", dir.equals("up") ? upFile.toString() : ""));
            cmd.addAll(List.of("ssh", "-F", "/dev/null", "-T", "-i", sshd.clientKey().toString(), "-o",
                    "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o",
                    "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-c", cipher, "-p",
                    String.valueOf(sshd.port()), System.getProperty("user.name") + "@127.0.0.1",
                    dir.equals("up") ? "cat > /dev/null" : "head -c " + bytes + " /dev/zero"));
            return timed(cmd, bytes);
        }

        /** {@code sftp -b}: one get or put of the benchmark file, CPU from the shell's {@code times}. */
        static Sample sftp(PrivateSshd sshd, String cipher, String dir, long bytes, Path upFile)
                throws IOException, InterruptedException {
            Path d = sshd.directory();
            Path batch = d.resolve(dir + ".batch");
            Files.writeString(batch, dir.equals("get") ? "get " + d.resolve("remote.bin") + " " + d.resolve("get.out") + "\n"
                    : "put " + upFile + " " + d.resolve("put.out") + "\n", StandardCharsets.US_ASCII);
            List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$@\" > /dev/null; s=$?; times; exit $s", "bash",
                    "sftp", "-q", "-F", "/dev/null", "-b", batch.toString(), "-i", sshd.clientKey().toString(), "-o",
                    "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
                    "LogLevel=ERROR", "-c", cipher, "-P", String.valueOf(sshd.port()),
                    System.getProperty("user.name") + "@127.0.0.1"));
            return timed(cmd, bytes);
        }

        private static Sample timed(List<String> cmd, long bytes) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(cmd.get(4) + " failed: " + out);
            }
            long wall = System.nanoTime() - t0;
            // "times": first line the shell's own user and system time, second line its children's.
            String[] lines = out.strip().split("\n");
            String[] children = lines[lines.length - 1].trim().split("\\s+");
            return new Sample(wall, seconds(children[0]) + seconds(children[1]), bytes, -1);
        }

        /** "1m2.345s" in nanoseconds. */
        private static long seconds(String t) {
            int m = t.indexOf('m');
            double s = Long.parseLong(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
            return Math.round(s * 1e9);
        }
    }

    /** The JVM running {@link SansshStreamClient}, driven one command line at a time. */
    static final class SansshChild implements AutoCloseable {
        private final Process process;
        private final BufferedReader answers;
        private final PrintStream commands;

        private SansshChild(Process process) {
            this.process = process;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** Starts the client JVM for the server on {@code port} with host key {@code hostPub} (an OpenSSH line). */
        static SansshChild start(int port, Path clientKey, Path hostPub, String cipher, String jvmArgs) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            if (!jvmArgs.isBlank()) {
                cmd.addAll(List.of(jvmArgs.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SansshStreamClient.class.getName(),
                    String.valueOf(port), clientKey.toString(), hostPub.toString(), cipher));
            return new SansshChild(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        /** One run; {@code remoteDir} is the SFTP path of the daemon's directory on the server. */
        Sample run(String dir, long bytes, Path upFile, String remoteDir) throws IOException {
            Path d = upFile.getParent();
            commands.println(switch (dir) {
                case "up" -> "up " + bytes + " " + upFile;
                case "get" -> "get " + bytes + " " + remoteDir + "/remote.bin " + d.resolve("get.out");
                case "put" -> "put " + bytes + " " + remoteDir + "/put.out " + upFile;
                default -> "down " + bytes;
            });
            String line;
            while ((line = answers.readLine()) != null && !line.startsWith("RESULT ")) {
                OUT.println("  (sanssh client) " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the Sanssh client JVM ended early");
            }
            String[] w = line.split(" ");
            return new Sample(Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4]));
        }

        @Override
        public void close() throws InterruptedException {
            commands.println("quit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
