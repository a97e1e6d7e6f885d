package io.sanssh.engine.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SFTP server process speaking raw SFTP on its stdin and stdout, such as OpenSSH's
 * {@code sftp-server}. A reader thread drains its stdout all the time, so the process never
 * blocks on a full pipe while the test writes to its stdin.
 */
public final class ProcessPeer implements SftpTestPeer, AutoCloseable {
    /** OpenSSH's server, as Debian installs it. */
    public static final Path OPENSSH_SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");

    private static final byte[] EOF_MARK = new byte[0];

    private final Process process;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<byte[]> fromProcess = new LinkedBlockingQueue<>();
    private volatile boolean eof;

    /** Starts {@code command} in {@code workingDir}; its stderr is discarded. */
    public ProcessPeer(List<String> command, Path workingDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        process = pb.start();
        stdin = process.getOutputStream();
        InputStream stdout = process.getInputStream();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[256 * 1024];
            try {
                int n;
                while ((n = stdout.read(buf)) > 0) {
                    fromProcess.add(Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // the process is gone
            }
            fromProcess.add(EOF_MARK);
        }, "sftp-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** OpenSSH's sftp-server in {@code workingDir}. */
    public static ProcessPeer openSsh(Path workingDir) throws IOException {
        return new ProcessPeer(List.of(OPENSSH_SFTP_SERVER.toString()), workingDir);
    }

    @Override
    public void toServer(ByteBuffer bytes) throws IOException {
        if (!process.isAlive()) {
            bytes.position(bytes.limit());
            return;
        }
        try {
            stdin.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            stdin.flush();
        } catch (IOException e) {
            // a killed process: the bytes are lost, as on a cut connection
        }
        bytes.position(bytes.limit());
    }

    @Override
    public ByteBuffer fromServer(long waitMillis) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        try {
            byte[] first = waitMillis > 0 ? fromProcess.poll(waitMillis, TimeUnit.MILLISECONDS) : fromProcess.poll();
            if (first != null) {
                chunks.add(first);
                fromProcess.drainTo(chunks);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int total = 0;
        for (byte[] c : chunks) {
            if (c == EOF_MARK) {
                eof = true;
            }
            total += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        chunks.forEach(b::put);
        return b.flip();
    }

    @Override
    public boolean ended() {
        return eof;
    }

    /** Kills the process at once, as a server that vanishes. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Closes stdin (EOF for the server) and waits for the process to exit. */
    @Override
    public void close() throws IOException {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
