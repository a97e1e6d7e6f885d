package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A client session in the state a fuzz target starts from: VERSION received (the one our server
 * announces over {@link MemoryBackend}), then a download, an upload with fsync, a STAT and a
 * REALPATH outstanding. {@link #feed} gives it server bytes and checks the invariants after each
 * call; {@link #finish} ends the channel and checks that everything ended. Any broken invariant
 * is an {@link AssertionError}; anything else that escapes is a bug in the session.
 */
final class FuzzClient {
    static final int MAX_OUTSTANDING = 8;
    static final int DOWNLOAD_REQUEST = 4096;
    static final int DOWNLOAD_IN_FLIGHT = 4;
    static final int UPLOAD_SIZE = 20_000;

    final SftpClientSession session = new SftpClientSession(MAX_OUTSTANDING);
    final Download download;
    final Upload upload;
    private final Witness downWitness = new Witness();
    private final Witness upWitness = new Witness();
    private final SftpFrameReader requests = new SftpFrameReader(Integer.MAX_VALUE);
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private long sinkBytes;
    private int completions;

    /** Counts reports: at most one completion or one failure, never both. */
    private static final class Witness implements TransferListener {
        long completedBytes = -1;
        SftpFailure failure;

        @Override
        public void completed(long bytesDone) {
            check(completedBytes < 0 && failure == null, "a second report: completed after " + this);
            completedBytes = bytesDone;
        }

        @Override
        public void failed(SftpFailure f) {
            check(completedBytes < 0 && failure == null, "a second report: failed after " + this);
            failure = f;
        }

        @Override
        public String toString() {
            return failure != null ? "failed " + failure : "completed " + completedBytes;
        }
    }

    FuzzClient() {
        output();
        sent.reset();
        SftpServerSession announcer = new SftpServerSession(new MemoryBackend(1, 0));
        session.receive(ByteBuffer.wrap(SftpCodec.encode(
                new SftpReply.Version(3, announcer.announcedExtensions()))));
        check(session.isReady(), "READY after VERSION");
        download = Download.start(session, Bytes.utf8("f"), this::sink, TransferOptions.defaults()
                .withMaxOutstanding(DOWNLOAD_IN_FLIGHT).withRequestSize(DOWNLOAD_REQUEST), downWitness);
        upload = Upload.start(session, Bytes.utf8("g"), FuzzClient::source,
                TransferOptions.defaults().withMaxOutstanding(3).withRequestSize(3000).withFsync(true), upWitness);
        session.send(SftpRequests.stat(Bytes.utf8("f")));
        session.send(SftpRequests.realpath(Bytes.utf8(".")));
    }

    private void sink(long offset, ByteBuffer data) {
        check(offset == sinkBytes, "the sink got offset " + offset + " after " + sinkBytes + " bytes");
        sinkBytes += data.remaining();
    }

    private static int source(long offset, ByteBuffer dst) {
        if (offset >= UPLOAD_SIZE) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), UPLOAD_SIZE - offset);
        for (int i = 0; i < n; i++) {
            dst.put((byte) (offset + i));
        }
        return n;
    }

    /** Server bytes in; then output and completions drained and the invariants checked. */
    void feed(ByteBuffer bytes) {
        session.receive(bytes);
        check(!bytes.hasRemaining(), "receive consumes everything");
        output();
        for (SftpCompletion c = session.pollCompletion(); c != null; c = session.pollCompletion()) {
            completions++;
        }
        output();
        checkInvariants();
    }

    /** The requests sent since the last call, as bytes. */
    byte[] takeSent() {
        output();
        byte[] b = sent.toByteArray();
        sent.reset();
        return b;
    }

    /** Takes every pending request into {@link #takeSent}'s buffer; each must be a well-formed request. */
    private void output() {
        ByteArrayOutputStream out = sent;
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (session.pendingOutput() > 0) {
            b.clear();
            session.takeOutput(b);
            b.flip();
            out.write(b.array(), 0, b.limit());
            requests.receive(b);
        }
        for (byte[] body = requests.poll(); body != null; body = requests.poll()) {
            SftpCodec.decodeRequest(body);
        }
    }

    private void checkInvariants() {
        check(session.outstanding() <= MAX_OUTSTANDING, "outstanding " + session.outstanding());
        check(download.bufferedBytes() <= (long) DOWNLOAD_REQUEST * DOWNLOAD_IN_FLIGHT,
                "download buffer " + download.bufferedBytes());
        check(download.deliveredOffset() == sinkBytes,
                "delivered " + download.deliveredOffset() + " vs sink " + sinkBytes);
        check(upload.bytesTransferred() <= UPLOAD_SIZE, "upload claims " + upload.bytesTransferred());
        check(upload.bytesRead() <= UPLOAD_SIZE, "upload read " + upload.bytesRead());
        if (downWitness.completedBytes >= 0) {
            check(download.isCompleted() && downWitness.completedBytes == sinkBytes, "download completion honest");
        }
        if (upWitness.completedBytes >= 0) {
            check(upload.isCompleted() && upWitness.completedBytes == UPLOAD_SIZE, "upload completion honest");
        }
        if (session.protocolError().isPresent()) {
            check(session.isClosed(), "a protocol error closes the session");
        }
    }

    /** The channel ends: every transfer is over and nothing is outstanding once polled. */
    void finish() {
        session.channelEnded();
        for (SftpCompletion c = session.pollCompletion(); c != null; c = session.pollCompletion()) {
            completions++;
        }
        check(session.isClosed(), "closed after the channel ended");
        check(session.outstanding() == 0, "nothing outstanding: " + session.outstanding());
        check(download.isDone() && upload.isDone(), "transfers over: " + download.state() + ", " + upload.state());
        check(download.isCompleted() == (downWitness.completedBytes >= 0), "download report matches its state");
        check(upload.isCompleted() == (upWitness.completedBytes >= 0), "upload report matches its state");
        check(completions <= 2, "two plain requests, at most two completions: " + completions);
        checkInvariants();
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
