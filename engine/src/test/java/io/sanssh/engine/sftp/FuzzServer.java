package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A server session in the state a fuzz target starts from: INIT received and VERSION sent, over a
 * {@link MemoryBackend} with a file "f" and a 1 MiB quota. {@link #feed} gives it client bytes and
 * {@link #drain} takes its replies, which must all be well-formed replies; {@link #finish} ends
 * the channel and checks that every handle was released.
 */
final class FuzzServer {
    static final int MAX_HANDLES = 8;
    static final long HIGH_WATER = 64 * 1024;

    final MemoryBackend backend = new MemoryBackend(1, 0);
    final SftpServerSession session;
    private final SftpFrameReader replies = new SftpFrameReader(Integer.MAX_VALUE);
    private long replyCount;

    FuzzServer() {
        backend.maxFileSize = 1 << 20;
        byte[] f = new byte[10_000];
        for (int i = 0; i < f.length; i++) {
            f[i] = (byte) i;
        }
        backend.files.put("f", f);
        session = new SftpServerSession(backend, MAX_HANDLES, HIGH_WATER);
        session.receive(ByteBuffer.wrap(SftpCodec.encode(SftpRequest.Init.v3())));
        ByteBuffer out = ByteBuffer.allocate(4096);
        session.takeOutput(out);
        out.flip();
        replies.receive(out);
        SftpReply v = SftpCodec.decodeReply(replies.poll());
        FuzzClient.check(v instanceof SftpReply.Version, "VERSION first: " + v);
    }

    /** Client bytes in; the invariants are checked after. */
    void feed(ByteBuffer bytes) {
        session.receive(bytes);
        FuzzClient.check(!bytes.hasRemaining(), "receive consumes everything");
        checkInvariants();
    }

    /** Takes up to {@code max} bytes of replies; every complete reply must decode. Returns the bytes. */
    byte[] drain(int max) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(1, max));
        session.takeOutput(b);
        b.flip();
        byte[] taken = new byte[b.remaining()];
        b.get(taken);
        replies.receive(ByteBuffer.wrap(taken));
        for (byte[] body = replies.poll(); body != null; body = replies.poll()) {
            SftpReply r = SftpCodec.decodeReply(body);
            FuzzClient.check(!(r instanceof SftpReply.Version), "one VERSION only");
            replyCount++;
        }
        checkInvariants();
        return taken;
    }

    /** Drains everything there is. */
    ByteArrayOutputStream drainAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (session.pendingOutput() > 0) {
            out.writeBytes(drain(65536));
        }
        return out;
    }

    private void checkInvariants() {
        FuzzClient.check(session.openHandles() <= MAX_HANDLES, "handles " + session.openHandles());
        // one reply may cross the mark; then requests wait
        FuzzClient.check(session.pendingOutput() <= HIGH_WATER + SftpServerSession.MAX_PACKET_LENGTH + 1024,
                "output " + session.pendingOutput());
        FuzzClient.check(session.wantsRead() == (!session.isClosed() && session.pendingOutput() <= HIGH_WATER),
                "wantsRead follows the output bound");
        if (session.protocolError().isPresent()) {
            FuzzClient.check(session.isClosed(), "a protocol error closes the session");
        }
        for (byte[] f : backend.files.values()) {
            FuzzClient.check(f.length <= backend.maxFileSize, "quota");
        }
    }

    /** The channel ends: every handle is released. */
    void finish() {
        drainAll();
        session.channelEnded();
        FuzzClient.check(session.isClosed(), "closed");
        FuzzClient.check(session.openHandles() == 0, "handles left open: " + session.openHandles());
    }

    /** Replies taken so far. */
    long replyCount() {
        return replyCount;
    }
}
