package io.sanssh.engine.sftp;

/**
 * How a {@link Download} or {@link Upload} runs. Immutable; start from {@link #defaults()} and
 * change what differs with the {@code with...} methods.
 *
 * @param maxOutstanding how many READs or WRITEs may be in flight at once (default 64); the
 *                       session's own capacity may lower it at any moment
 * @param requestSize bytes per READ or WRITE; 0 (the default) means the server's
 *                    {@code max-read-length} / {@code max-write-length} from
 *                    {@code limits@openssh.com} when it offers the extension, else 32 KiB.
 *                    A positive value is still capped by the server's limit when it is known.
 * @param startOffset where to start in the remote file (and in the source, for an upload): resume
 *                    a transfer from the bytes already there
 * @param length how many bytes at most, or -1 (the default) for everything: a download reads up
 *               to EOF, an upload until the source ends
 * @param fsync upload only: ask the server to fsync ({@code fsync@openssh.com}) before the
 *              CLOSE; a server that does not offer it fails the upload with OP_UNSUPPORTED
 * @param permissions upload only: the permissions of a file the upload creates, or -1 (the
 *                    default) to leave them to the server
 */
public record TransferOptions(int maxOutstanding, int requestSize, long startOffset, long length, boolean fsync,
                              long permissions) {
    /** The default number of requests in flight. */
    public static final int DEFAULT_MAX_OUTSTANDING = 64;
    /** The request size when the server states no limits: the draft's safe 32 KiB. */
    public static final int DEFAULT_REQUEST_SIZE = 32 * 1024;

    /** Checks the ranges. */
    public TransferOptions {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1: " + maxOutstanding);
        }
        if (requestSize < 0) {
            throw new IllegalArgumentException("requestSize must be 0 (automatic) or positive: " + requestSize);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must not be negative: " + startOffset);
        }
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (everything) or at least 0: " + length);
        }
        if (permissions < -1 || permissions > 07777) {
            throw new IllegalArgumentException("permissions must be -1 or 0..07777: " + permissions);
        }
    }

    /** 64 requests in flight, automatic request size, from offset 0, everything, no fsync. */
    public static TransferOptions defaults() {
        return new TransferOptions(DEFAULT_MAX_OUTSTANDING, 0, 0, -1, false, -1);
    }

    /** These options with {@code maxOutstanding} requests in flight. */
    public TransferOptions withMaxOutstanding(int n) {
        return new TransferOptions(n, requestSize, startOffset, length, fsync, permissions);
    }

    /** These options with a fixed request size (still capped by the server's limits). */
    public TransferOptions withRequestSize(int bytes) {
        return new TransferOptions(maxOutstanding, bytes, startOffset, length, fsync, permissions);
    }

    /** These options resuming at {@code offset}. */
    public TransferOptions withStartOffset(long offset) {
        return new TransferOptions(maxOutstanding, requestSize, offset, length, fsync, permissions);
    }

    /** These options transferring at most {@code bytes}. */
    public TransferOptions withLength(long bytes) {
        return new TransferOptions(maxOutstanding, requestSize, startOffset, bytes, fsync, permissions);
    }

    /** These options with or without an fsync before the upload's CLOSE. */
    public TransferOptions withFsync(boolean on) {
        return new TransferOptions(maxOutstanding, requestSize, startOffset, length, on, permissions);
    }

    /** These options creating the uploaded file with {@code mode} (e.g. 0644). */
    public TransferOptions withPermissions(long mode) {
        return new TransferOptions(maxOutstanding, requestSize, startOffset, length, fsync, mode);
    }

    /** Where the transfer stops: {@code startOffset + length}, or {@link Long#MAX_VALUE} for everything. */
    long endOffset() {
        return length < 0 ? Long.MAX_VALUE : startOffset + length;
    }
}
