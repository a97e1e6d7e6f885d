package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The server side of the driver scenarios, in Java so that every driver runs the very same
 * commands: {@code hello}, {@code echo}, {@code both N} (N pattern bytes each way at once),
 * {@code stall MS} (reads nothing for MS milliseconds, so the client's window closes) and
 * {@code flood} (writes until the channel fails).
 */
final class ScenarioExecHandler implements ExecHandler {
    /** Server packets received, read at the start and the end of a stall. */
    volatile LongSupplier serverPackets = () -> 0;
    volatile long stallStartPackets = -1;
    volatile long stallEndPackets = -1;
    /** How the server's command lets time pass: the wall clock, or the simulator's virtual one. */
    volatile Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    /** Lets a duration pass. */
    interface Sleeper {
        void sleep(java.time.Duration d) throws InterruptedException;
    }

    /** The byte at {@code offset} of the pattern both sides send and check. */
    static byte pattern(long offset) {
        return (byte) (offset ^ (offset >>> 8) ^ (offset >>> 19));
    }

    @Override
    public int run(ExecRequest request, InputStream stdin, OutputStream stdout, OutputStream stderr)
            throws IOException, InterruptedException {
        String[] cmd = request.command().split(" ");
        switch (cmd[0]) {
            case "hello" -> {
                stdout.write("hello\n".getBytes(StandardCharsets.UTF_8));
                stderr.write("oops\n".getBytes(StandardCharsets.UTF_8));
                return 3;
            }
            case "echo" -> {
                stdin.transferTo(stdout);
                return 0;
            }
            case "both" -> {
                return both(Long.parseLong(cmd[1]), stdin, stdout);
            }
            case "stall" -> {
                stallStartPackets = serverPackets.getAsLong();
                sleeper.sleep(java.time.Duration.ofMillis(Long.parseLong(cmd[1])));
                stallEndPackets = serverPackets.getAsLong();
                return verify(stdin, Long.parseLong(cmd[2])) ? 0 : 1;
            }
            case "flood" -> {
                byte[] chunk = new byte[32 * 1024];
                while (true) {
                    stdout.write(chunk);
                }
            }
            default -> {
                return 127;
            }
        }
    }

    private static int both(long n, InputStream stdin, OutputStream stdout) throws InterruptedException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                writePattern(stdout, n);
            } catch (IOException e) {
                failed.set(e);
            }
        }, "scenario-server-writer");
        writer.start();
        boolean ok;
        try {
            ok = verify(stdin, n);
        } catch (IOException e) {
            ok = false;
        }
        writer.join();
        return ok && failed.get() == null ? 0 : 1;
    }

    /** Writes {@code n} pattern bytes in 32 KiB writes. */
    static void writePattern(OutputStream out, long n) throws IOException {
        byte[] buf = new byte[32 * 1024];
        for (long off = 0; off < n;) {
            int len = (int) Math.min(buf.length, n - off);
            for (int i = 0; i < len; i++) {
                buf[i] = pattern(off + i);
            }
            out.write(buf, 0, len);
            off += len;
        }
    }

    /** Reads to EOF; true if exactly {@code n} bytes came, all matching the pattern. */
    static boolean verify(InputStream in, long n) throws IOException {
        byte[] buf = new byte[32 * 1024];
        long off = 0;
        boolean ok = true;
        for (int r; (r = in.read(buf)) > 0;) {
            for (int i = 0; i < r && ok; i++) {
                ok = buf[i] == pattern(off + i);
            }
            off += r;
        }
        return ok && off == n;
    }
}
