package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes the seed corpus of {@link SftpSessionFuzzTest}: a whole recorded session between
 * {@link FuzzClient} and {@link FuzzServer} (each side's stream, cut as it was received), plus a few
 * short streams by hand. Run once with the test class path and the resources folder as argument;
 * the files are committed.
 */
public final class SftpFuzzSeeds {
    private SftpFuzzSeeds() {
    }

    /** Writes the seeds under {@code args[0]} (the {@code SftpSessionFuzzTestInputs} folder). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path client = Files.createDirectories(dir.resolve("clientReceive"));
        Path server = Files.createDirectories(dir.resolve("serverReceive"));
        FuzzClient c = new FuzzClient();
        FuzzServer s = new FuzzServer();
        ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        for (int round = 0; round < 1000; round++) {
            byte[] req = c.takeSent();
            if (req.length > 0) {
                segment(toServer, req);
                s.feed(ByteBuffer.wrap(req));
            }
            byte[] rep = s.drainAll().toByteArray();
            if (req.length == 0 && rep.length == 0) {
                break;
            }
            if (rep.length > 0) {
                segment(toClient, rep);
                c.feed(ByteBuffer.wrap(rep));
            }
        }
        if (!c.download.isCompleted() || !c.upload.isCompleted()) {
            throw new IllegalStateException("the recorded session did not complete: " + c.download.failure()
                    + " " + c.upload.failure());
        }
        Files.write(client.resolve("recorded-session"), toClient.toByteArray());
        Files.write(server.resolve("recorded-session"), toServer.toByteArray());
        Files.write(client.resolve("reply-to-unknown-id"), segmented(new SftpReply.Handle(99, Bytes.utf8("h"))));
        Files.write(client.resolve("opens-refused"), concat(
                segmented(SftpReply.Status.of(1, SftpConstants.SSH_FX_NO_SUCH_FILE, "no such file")),
                segmented(SftpReply.Status.of(2, SftpConstants.SSH_FX_PERMISSION_DENIED, "denied"))));
        Files.write(client.resolve("short-data-then-eof"), concat(
                segmented(new SftpReply.Handle(1, Bytes.utf8("d"))),
                segmented(new SftpReply.Handle(2, Bytes.utf8("u"))),
                segmented(new SftpReply.Attrs(3, SftpAttributes.EMPTY)),
                segmented(new SftpReply.Data(5, Bytes.utf8("abc"))),
                segmented(SftpReply.Status.of(6, SftpConstants.SSH_FX_EOF, "eof"))));
        List<IntFunction<SftpRequest>> kinds = List.of(
                SftpRequests.opendir(Bytes.utf8("/")), SftpRequests.readdir(Bytes.utf8("0")),
                SftpRequests.mkdir(Bytes.utf8("d"), SftpAttributes.ofPermissions(0755)),
                SftpRequests.setstat(Bytes.utf8("f"), SftpAttributes.builder().size(5).build()),
                SftpRequests.rename(Bytes.utf8("f"), Bytes.utf8("f2")), SftpRequests.remove(Bytes.utf8("f2")),
                SftpRequests.symlink(Bytes.utf8("f"), Bytes.utf8("l")), SftpRequests.readlink(Bytes.utf8("l")),
                SftpRequests.limits(), SftpRequests.statvfs(Bytes.utf8("/")),
                SftpRequests.open(Bytes.utf8("n"), SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT,
                        SftpAttributes.EMPTY),
                SftpRequests.write(Bytes.utf8("1"), 1 << 19, Bytes.utf8("far")),
                SftpRequests.close(Bytes.utf8("1")));
        ByteArrayOutputStream every = new ByteArrayOutputStream();
        int id = 100;
        for (IntFunction<SftpRequest> k : kinds) {
            every.writeBytes(segmented(k.apply(id++)));
        }
        Files.write(server.resolve("every-kind"), every.toByteArray());
        Files.write(server.resolve("second-init"), segmented(SftpRequest.Init.v3()));
    }

    private static byte[] segmented(io.sanssh.spec.sftp.SftpPacket p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segment(out, SftpCodec.encode(p));
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Appends {@code bytes} as length-prefixed pieces of at most 65535 bytes. */
    private static void segment(ByteArrayOutputStream out, byte[] bytes) {
        int at = 0;
        do {
            int n = Math.min(0xffff, bytes.length - at);
            out.write(n >>> 8);
            out.write(n);
            out.write(bytes, at, n);
            at += n;
        } while (at < bytes.length);
    }
}
