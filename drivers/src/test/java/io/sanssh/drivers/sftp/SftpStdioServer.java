package io.sanssh.drivers.sftp;

import io.sanssh.engine.sftp.SftpServerSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A test program that serves SFTP on its stdin and stdout, as OpenSSH's sftp-server does, with
 * {@link SftpServerSession} over {@link NioFileSystemBackend}: what {@code sftp -D} runs in
 * {@link OpenSshSftpClientTest}. Arguments: the root directory, and "ro" for read-only.
 */
public final class SftpStdioServer {
    private SftpStdioServer() {
    }

    /** Serves until stdin ends. */
    public static void main(String[] args) throws IOException {
        boolean readOnly = args.length > 1 && args[1].equals("ro");
        SftpServerSession server = new SftpServerSession(new NioFileSystemBackend(Path.of(args[0]), readOnly, "/"));
        InputStream in = System.in;
        OutputStream out = System.out;
        byte[] buf = new byte[256 * 1024];
        ByteBuffer outBuf = ByteBuffer.allocate(256 * 1024);
        while (!server.isClosed()) {
            while (server.pendingOutput() > 0) {
                outBuf.clear();
                server.takeOutput(outBuf);
                out.write(outBuf.array(), 0, outBuf.position());
            }
            out.flush();
            int n = in.read(buf);
            if (n < 0) {
                server.channelEnded();
                break;
            }
            server.receive(ByteBuffer.wrap(buf, 0, n));
        }
        while (server.pendingOutput() > 0) {
            outBuf.clear();
            server.takeOutput(outBuf);
            out.write(outBuf.array(), 0, outBuf.position());
        }
        out.flush();
    }
}
