package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Writes the bytes of a {@link ByteSource} to a remote file with many WRITEs in flight
 * (draft-ietf-secsh-filexfer-02 §6.4), as a machine over an {@link SftpClientSession}.
 *
 * <p>The source is read in order, {@link #requestSize()} bytes at a time, and each piece leaves
 * as one WRITE at its offset, at most {@link TransferOptions#maxOutstanding()} at once; memory is
 * bounded by that many pieces. The server may answer the WRITEs in any order.
 *
 * <p>Honest completion: bytes count as done only when their WRITE got STATUS OK, and the upload
 * completes only when every WRITE got OK, the optional {@code fsync@openssh.com} succeeded, and
 * the CLOSE of the handle it opened succeeded (a server may report a deferred write error only at
 * CLOSE). The first failing request fails the upload and is named in its {@link SftpFailure}.
 */
public final class Upload extends SftpTransfer {
    private final ByteSource source;
    private final long endOffset;
    private long requestSize;
    private long nextOffset;
    private long acknowledged;
    private boolean sourceEnded;
    private int writesOutstanding;

    private Upload(SftpClientSession session, ByteSource source, TransferOptions options, TransferListener listener) {
        super(session, options, listener);
        this.source = Objects.requireNonNull(source, "source");
        this.endOffset = options.endOffset();
        this.nextOffset = options.startOffset();
    }

    /**
     * Opens (creating) {@code path} for writing and uploads {@code source} into it; the file is
     * truncated first unless the options resume at a non-zero offset. The handle is closed at the
     * end. The session must be READY.
     */
    public static Upload start(SftpClientSession session, Bytes path, ByteSource source, TransferOptions options,
                               TransferListener listener) {
        Upload u = new Upload(session, source, options, listener);
        int flags = SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT;
        if (options.startOffset() == 0) {
            flags |= SftpConstants.SSH_FXF_TRUNC;
        }
        SftpAttributes attrs = options.permissions() < 0 ? SftpAttributes.EMPTY
                : SftpAttributes.ofPermissions(options.permissions());
        u.begin(SftpRequests.open(path, flags, attrs), null);
        return u;
    }

    /**
     * Uploads into a handle the caller opened for writing and will close itself; completion then
     * means every WRITE (and the optional fsync) got OK.
     */
    public static Upload toHandle(SftpClientSession session, Bytes handle, ByteSource source, TransferOptions options,
                                  TransferListener listener) {
        Upload u = new Upload(session, source, options, listener);
        u.begin(null, Objects.requireNonNull(handle, "handle"));
        return u;
    }

    /** Bytes whose WRITE the server acknowledged with STATUS OK. */
    @Override
    public long bytesTransferred() {
        return acknowledged;
    }

    /** Bytes taken from the source so far (sent or about to be). */
    public long bytesRead() {
        return nextOffset - options.startOffset();
    }

    /** The bytes per WRITE, once decided (0 before TRANSFERRING). */
    public long requestSize() {
        return requestSize;
    }

    /**
     * Call after the source returned 0 and has bytes again: the upload reads on. Harmless at any
     * other time.
     */
    public void resume() {
        if (state == State.TRANSFERRING) {
            fill();
        }
    }

    @Override
    void prepared() {
        LimitsReply limits = session.serverLimits().orElse(null);
        long maxWrite = limits == null ? 0 : limits.maxWriteLength();
        long size = options.requestSize() > 0 ? options.requestSize()
                : maxWrite > 0 ? maxWrite : TransferOptions.DEFAULT_REQUEST_SIZE;
        if (maxWrite > 0) {
            size = Math.min(size, maxWrite);
        }
        if (limits != null && limits.maxPacketLength() > 0) {
            // type, id, handle string, offset and data length around the data
            size = Math.min(size, limits.maxPacketLength() - (4 + 1 + 4 + 4 + handle.length() + 8 + 4));
        }
        requestSize = Math.max(1, Math.min(size, Integer.MAX_VALUE - 16));
        transferring();
    }

    @Override
    IntFunction<SftpRequest> nextRequest() {
        return SftpRequests.write(handle, nextOffset, Bytes.EMPTY);
    }

    @Override
    void fill() {
        while (state == State.TRANSFERRING && !sourceEnded && writesOutstanding < options.maxOutstanding()
                && canSend()) {
            if (nextOffset >= endOffset) {
                sourceEnded = true;
                break;
            }
            int want = (int) Math.min(requestSize, endOffset - nextOffset);
            // the source reads straight into the WRITE packet, behind room for its header; the
            // array is mostly one the session already sent, so no fresh one is zeroed per packet
            int header = WritePacket.headerLength(handle);
            byte[] packet = session.packetBuffer(header + want);
            int n;
            try {
                n = source.read(nextOffset, ByteBuffer.wrap(packet, header, want));
            } catch (RuntimeException e) {
                failLocally(0, nextRequest().apply(0), SftpConstants.SSH_FX_FAILURE,
                        "the source failed at offset " + nextOffset + ": " + e);
                return;
            }
            if (n < 0) {
                sourceEnded = true;
                break;
            }
            if (n == 0) {
                break;
            }
            if (n > want) {
                throw new IllegalStateException("the source returned " + n + " bytes for a " + want + "-byte buffer");
            }
            if (n < want) {
                packet = Arrays.copyOf(packet, header + n);
            }
            long off = nextOffset;
            nextOffset += n;
            writesOutstanding++;
            WritePacket.writeHeader(packet, handle, off, n);
            if (!trySendEncoded(SftpRequests.write(handle, off, Bytes.EMPTY), packet, c -> onWrite(n, c))) {
                // canSend() was true just before: only a session that stopped in between gets here
                writesOutstanding--;
                nextOffset = off;
                break;
            }
        }
        maybeFinish();
    }

    private void onWrite(int n, SftpCompletion c) {
        writesOutstanding--;
        if (state != State.TRANSFERRING) {
            return;
        }
        if (!c.succeeded()) {
            fail(c.failure());
            return;
        }
        acknowledged += n;
        listener.progress(acknowledged, options.length());
        fill();
    }

    private void maybeFinish() {
        if (state != State.TRANSFERRING || !sourceEnded || writesOutstanding > 0) {
            return;
        }
        if (options.fsync()) {
            // a server that does not offer fsync fails it with OP_UNSUPPORTED: the caller asked for durability
            state = State.CLOSING;
            send(SftpRequests.fsync(handle), c -> {
                if (state != State.CLOSING) {
                    return;
                }
                if (c.succeeded()) {
                    finish();
                } else {
                    fail(c.failure());
                }
            });
        } else {
            finish();
        }
    }
}
