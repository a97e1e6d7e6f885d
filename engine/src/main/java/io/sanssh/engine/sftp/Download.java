package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Reads a remote file into a {@link ByteSink} with many READs in flight
 * (draft-ietf-secsh-filexfer-02 §6.4), as a machine over an {@link SftpClientSession}.
 *
 * <p>The file is read in requests of {@link #requestSize()} bytes, at most
 * {@link TransferOptions#maxOutstanding()} at once. Replies may come in any order; the sink
 * still receives the bytes in offset order, the early ones buffered meanwhile. The buffer is
 * bounded: a READ is sent only while the bytes between the sink's position and the end of the
 * new request fit in {@code maxOutstanding x requestSize}.
 *
 * <p>A DATA shorter than asked for is legal (§6.4): the missing tail is requested again. EOF at an
 * offset ends the file there. The file's size from FSTAT, when the server gives it, is only a
 * hint that stops the pipeline from running far past the end: beyond it one READ at a time
 * probes for EOF, so a file that grew is still read whole.
 */
public final class Download extends SftpTransfer {
    private final ByteSink sink;
    private final long endOffset;
    private long requestSize;
    private long window;
    /** Everything below this offset is in the sink. */
    private long delivered;
    /** The next offset no READ has asked for yet. */
    private long nextOffset;
    /** Where the server said EOF; {@code Long.MAX_VALUE} until then. */
    private long eofAt = Long.MAX_VALUE;
    private long sizeHint = -1;
    private int readsOutstanding;
    private int probesOutstanding;
    /** Tails of short reads, to request again: {offset, length}. */
    private final ArrayDeque<long[]> gaps = new ArrayDeque<>();
    /** Data that arrived ahead of {@link #delivered}, by offset. */
    private final TreeMap<Long, Bytes> buffered = new TreeMap<>();
    private long bufferedBytes;

    private Download(SftpClientSession session, ByteSink sink, TransferOptions options, TransferListener listener) {
        super(session, options, listener);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.endOffset = options.endOffset();
        this.delivered = options.startOffset();
        this.nextOffset = options.startOffset();
    }

    /**
     * Opens {@code path} for reading and downloads it into {@code sink}; the handle is closed at
     * the end, and the download completes only when that CLOSE succeeded. The session must be
     * READY.
     */
    public static Download start(SftpClientSession session, Bytes path, ByteSink sink, TransferOptions options,
                                 TransferListener listener) {
        Download d = new Download(session, sink, options, listener);
        d.begin(SftpRequests.openForRead(path), null);
        return d;
    }

    /** Downloads from a handle the caller opened for reading and will close itself. */
    public static Download fromHandle(SftpClientSession session, Bytes handle, ByteSink sink, TransferOptions options,
                                      TransferListener listener) {
        Download d = new Download(session, sink, options, listener);
        d.begin(null, Objects.requireNonNull(handle, "handle"));
        return d;
    }

    /** Bytes handed to the sink. */
    @Override
    public long bytesTransferred() {
        return delivered - options.startOffset();
    }

    /** The offset up to which the sink has every byte. */
    public long deliveredOffset() {
        return delivered;
    }

    /** Bytes received ahead of the sink's position and held until the gap before them fills. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** The bytes asked for per READ, once decided (0 before TRANSFERRING). */
    public long requestSize() {
        return requestSize;
    }

    /** The file's size as FSTAT reported it, or -1 when unknown. */
    public long sizeHint() {
        return sizeHint;
    }

    @Override
    void prepared() {
        // the size is a hint: a failure here costs only pipelining past the end
        send(SftpRequests.fstat(handle), c -> {
            if (!c.succeeded() && !c.failure().fromServer()) {
                fail(c.failure());
                return;
            }
            if (c instanceof SftpCompletion.Succeeded s && s.attrs().size().isPresent()) {
                sizeHint = s.attrs().size().getAsLong();
            }
            if (state == State.PREPARING) {
                decideSizes();
                transferring();
            }
        });
    }

    private void decideSizes() {
        long maxRead = session.serverLimits().map(LimitsReply::maxReadLength).filter(v -> v > 0).orElse(0L);
        long size = options.requestSize() > 0 ? options.requestSize()
                : maxRead > 0 ? maxRead : TransferOptions.DEFAULT_REQUEST_SIZE;
        if (maxRead > 0) {
            size = Math.min(size, maxRead);
        }
        // a DATA reply must fit this session's frame limit: type, id and length take 9 bytes
        size = Math.min(size, session.maxPacketLength() - 9L);
        requestSize = Math.max(1, size);
        window = requestSize * options.maxOutstanding();
    }

    @Override
    IntFunction<SftpRequest> nextRequest() {
        return SftpRequests.read(handle, nextOffset, Math.max(1, requestSize));
    }

    @Override
    void fill() {
        while (state == State.TRANSFERRING && readsOutstanding < options.maxOutstanding() && canSend()) {
            long end = Math.min(eofAt, endOffset);
            long off;
            long len;
            if (!gaps.isEmpty()) {
                long[] g = gaps.poll();
                off = g[0];
                len = Math.min(g[1], end - off);
                if (len <= 0) {
                    continue;
                }
            } else {
                if (nextOffset >= end || nextOffset + Math.min(requestSize, end - nextOffset) - delivered > window) {
                    break;
                }
                if (sizeHint >= 0 && nextOffset >= sizeHint && probesOutstanding > 0) {
                    break;
                }
                off = nextOffset;
                len = Math.min(requestSize, end - nextOffset);
                nextOffset += len;
            }
            sendRead(off, len);
        }
        maybeFinish();
    }

    private void sendRead(long off, long len) {
        boolean probe = sizeHint >= 0 && off >= sizeHint;
        readsOutstanding++;
        if (probe) {
            probesOutstanding++;
        }
        boolean sent = trySend(SftpRequests.read(handle, off, len), c -> onRead(off, len, probe, c));
        if (!sent) {
            // canSend() was true just before: only a session that stopped in between gets here
            readsOutstanding--;
            if (probe) {
                probesOutstanding--;
            }
            gaps.addFirst(new long[] {off, len});
        }
    }

    private void onRead(long off, long len, boolean probe, SftpCompletion c) {
        readsOutstanding--;
        if (probe) {
            probesOutstanding--;
        }
        if (state != State.TRANSFERRING) {
            return;
        }
        if (!c.succeeded()) {
            if (c.failure().isEof() && c.failure().fromServer()) {
                endAt(off);
                fill();
            } else {
                fail(c.failure());
            }
            return;
        }
        Bytes data = ((SftpCompletion.Succeeded) c).data();
        long n = data.length();
        if (n == 0 || n > len) {
            failLocally(c.requestId(), c.request(), SftpConstants.SSH_FX_BAD_MESSAGE, "the server answered a READ of "
                    + len + " bytes with " + n + " bytes");
            return;
        }
        if (off + n > eofAt) {
            // the file changed under us after an EOF: keep the bytes below the EOF only
            n = eofAt - off;
            if (n <= 0) {
                fill();
                return;
            }
            data = Bytes.of(data.toByteArray(), 0, (int) n);
        }
        if (n < len) {
            gaps.add(new long[] {off + n, len - n});
        }
        if (off == delivered) {
            if (!toSink(off, data, c) || !drainBuffered(c)) {
                return;
            }
        } else {
            buffered.put(off, data);
            bufferedBytes += n;
        }
        fill();
    }

    /** The server said EOF at {@code off}: the file ends there, so nothing after it is wanted. */
    private void endAt(long off) {
        if (off >= eofAt) {
            return;
        }
        eofAt = off;
        gaps.removeIf(g -> g[0] >= eofAt);
        Map<Long, Bytes> beyond = buffered.tailMap(eofAt, true);
        for (Bytes b : beyond.values()) {
            bufferedBytes -= b.length();
        }
        beyond.clear();
    }

    private boolean drainBuffered(SftpCompletion c) {
        Map.Entry<Long, Bytes> e;
        while ((e = buffered.firstEntry()) != null && e.getKey() == delivered) {
            buffered.pollFirstEntry();
            bufferedBytes -= e.getValue().length();
            if (!toSink(e.getKey(), e.getValue(), c)) {
                return false;
            }
        }
        return true;
    }

    private boolean toSink(long off, Bytes data, SftpCompletion c) {
        try {
            sink.write(off, data.asReadOnlyBuffer());
        } catch (RuntimeException e) {
            failLocally(c.requestId(), c.request(), SftpConstants.SSH_FX_FAILURE,
                    "the sink refused the bytes at offset " + off + ": " + e);
            return false;
        }
        delivered = off + data.length();
        session.recycle(data);  // the sink has written it (the bytes were only borrowed for the call)
        listener.progress(bytesTransferred(), sizeHint < 0 ? -1 : Math.max(0, Math.min(sizeHint, endOffset)
                - options.startOffset()));
        return true;
    }

    private void maybeFinish() {
        if (state == State.TRANSFERRING && readsOutstanding == 0 && gaps.isEmpty()
                && delivered >= Math.min(eofAt, endOffset)) {
            finish();
        }
    }
}
