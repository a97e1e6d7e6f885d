package io.sanssh.drivers.api;

import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpRequests;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open remote file (an SFTP handle, draft-ietf-secsh-filexfer-02 §6.3) as a
 * {@link SeekableByteChannel}, made by {@link SftpClient#openChannel}.
 *
 * <p>Reading is sequential-friendly: while reads follow on from each other, up to
 * {@value #READ_AHEAD} READs run ahead of the position; a {@link #position(long)} elsewhere drops
 * them. Writing is pipelined: {@link #write} sends WRITEs and returns once they are queued, with
 * at most {@value #MAX_WRITES} unacknowledged; a failed WRITE is thrown by the next call, and
 * {@link #close()}, {@link #force} and {@link #size()} first wait for every acknowledgement, so
 * a close that returns normally means every byte was accepted by the server and the handle
 * closed. Thread-safe; one call runs at a time.
 */
public final class SftpFileChannel implements SeekableByteChannel {
    static final int READ_AHEAD = 16;
    static final int MAX_WRITES = 64;

    private record Ahead(long offset, int length, CompletableFuture<Bytes> data) {
    }

    private final SftpClient client;
    private final String path;
    private final Bytes handle;
    private final boolean readable;
    private final boolean writable;
    private final int chunk;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Void>> writes = new ArrayDeque<>();
    private long position;
    private long aheadNext;
    private int aheadWindow = 1;
    private ByteBuffer leftover;
    private volatile boolean open = true;

    private SftpFileChannel(SftpClient client, String path, Bytes handle, boolean readable, boolean writable) {
        this.client = client;
        this.path = path;
        this.handle = handle;
        this.readable = readable;
        this.writable = writable;
        this.chunk = client.requestSize();
    }

    static SftpFileChannel open(SftpClient client, String path, OpenOption... options) throws IOException {
        Set<OpenOption> o = Set.of(options);
        boolean append = o.contains(StandardOpenOption.APPEND);
        boolean write = append || o.contains(StandardOpenOption.WRITE);
        boolean read = o.contains(StandardOpenOption.READ) || !write;
        int flags = (read ? SftpConstants.SSH_FXF_READ : 0) | (write ? SftpConstants.SSH_FXF_WRITE : 0);
        if (append) {
            flags |= SftpConstants.SSH_FXF_APPEND;
        }
        if (o.contains(StandardOpenOption.CREATE_NEW)) {
            flags |= SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_EXCL;
        } else if (o.contains(StandardOpenOption.CREATE)) {
            flags |= SftpConstants.SSH_FXF_CREAT;
        }
        if (write && o.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            flags |= SftpConstants.SSH_FXF_TRUNC;
        }
        Bytes h = SftpClient.await(client.op(SftpRequests.open(SftpClient.utf8(path), flags, SftpAttributes.EMPTY),
                path, SftpCompletion.Succeeded::handle));
        SftpFileChannel c = new SftpFileChannel(client, path, h, read, write);
        if (append) {
            c.position = c.size();
        }
        return c;
    }

    /** The server's handle for the file, for requests this class does not make (e.g. copy-data). */
    public Bytes handle() {
        return handle;
    }

    /**
     * Reads at the position (READ, §6.4, from the read-ahead queue) and advances it; -1 at end of
     * file. Waits for pending WRITEs first, so a read sees what this channel wrote.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        lock.lock();
        try {
            requireOpen();
            if (!readable) {
                throw new NonReadableChannelException();
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            awaitWrites();
            if (leftover == null || !leftover.hasRemaining()) {
                leftover = next();
                if (leftover == null) {
                    return -1;
                }
            }
            int n = Math.min(dst.remaining(), leftover.remaining());
            ByteBuffer slice = leftover.slice();
            slice.limit(n);
            dst.put(slice);
            leftover.position(leftover.position() + n);
            position += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes at {@link #position}, from the read-ahead queue; null at EOF. */
    private ByteBuffer next() throws IOException {
        if (ahead.isEmpty() || ahead.peek().offset() != position) {
            ahead.clear();
            aheadNext = position;
            aheadWindow = 1;
        } else {
            aheadWindow = Math.min(READ_AHEAD, aheadWindow * 2);
        }
        while (ahead.size() < aheadWindow) {
            long off = aheadNext;
            CompletableFuture<Bytes> f = client.op(SftpRequests.read(handle, off, chunk), path,
                    SftpCompletion.Succeeded::data).exceptionally(e -> {
                        Throwable c = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                        if (c instanceof SftpException s && s.code() == SftpConstants.SSH_FX_EOF) {
                            return Bytes.EMPTY;
                        }
                        throw new java.util.concurrent.CompletionException(c);
                    });
            ahead.add(new Ahead(off, chunk, f));
            aheadNext += chunk;
        }
        Ahead head = ahead.poll();
        Bytes data = SftpClient.await(head.data());
        if (data.length() == 0) {
            ahead.clear();
            return null;
        }
        if (data.length() < head.length()) {
            // a short read: what was asked beyond it starts at the wrong offsets now
            ahead.clear();
        }
        return data.asReadOnlyBuffer();
    }

    /**
     * Sends all of {@code src} as WRITEs at the position and advances it; returns once they are
     * queued (waiting only while {@value #MAX_WRITES} are unacknowledged). Throws the failure of
     * an earlier WRITE if one failed meanwhile.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        lock.lock();
        try {
            requireOpen();
            if (!writable) {
                throw new NonWritableChannelException();
            }
            dropReadAhead();
            int total = 0;
            while (src.hasRemaining()) {
                byte[] piece = new byte[Math.min(chunk, src.remaining())];
                src.get(piece);
                while (!writes.isEmpty() && (writes.size() >= MAX_WRITES || writes.peek().isDone())) {
                    SftpClient.await(writes.poll());
                }
                writes.add(client.op(SftpRequests.write(handle, position, Bytes.wrap(piece)), path, s -> null));
                position += piece.length;
                total += piece.length;
            }
            return total;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for every WRITE sent so far; throws the first failure. */
    private void awaitWrites() throws IOException {
        IOException first = null;
        while (!writes.isEmpty()) {
            try {
                SftpClient.await(writes.poll());
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void dropReadAhead() {
        ahead.clear();
        leftover = null;
    }

    /** Where the next read or write happens. */
    @Override
    public long position() throws IOException {
        lock.lock();
        try {
            requireOpen();
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the position; read-ahead for the old one is dropped. */
    @Override
    public SftpFileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        lock.lock();
        try {
            requireOpen();
            if (newPosition != position) {
                dropReadAhead();
                position = newPosition;
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** FSTAT (§6.8) after every pending WRITE was acknowledged: the file's size. */
    @Override
    public long size() throws IOException {
        return attributes().size().orElse(0);
    }

    /** FSTAT (§6.8) after every pending WRITE was acknowledged. */
    public SftpAttributes attributes() throws IOException {
        lock.lock();
        try {
            requireOpen();
            awaitWrites();
            return SftpClient.await(client.op(SftpRequests.fstat(handle), path, SftpCompletion.Succeeded::attrs));
        } finally {
            lock.unlock();
        }
    }

    /** FSETSTAT (§6.9) of the size, after the pending WRITEs; the position moves back if it was beyond. */
    @Override
    public SftpFileChannel truncate(long size) throws IOException {
        lock.lock();
        try {
            requireOpen();
            if (!writable) {
                throw new NonWritableChannelException();
            }
            awaitWrites();
            dropReadAhead();
            SftpClient.await(client.op(SftpRequests.fsetstat(handle, SftpAttributes.builder().size(size).build()),
                    path, s -> null));
            position = Math.min(position, size);
            return this;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for every pending WRITE, then asks the server to flush the file to stable storage
     * ({@code fsync@openssh.com}; {@code SSH_FX_OP_UNSUPPORTED} if the server does not offer it).
     */
    public void force() throws IOException {
        lock.lock();
        try {
            requireOpen();
            awaitWrites();
            SftpClient.await(client.op(SftpRequests.fsync(handle), path, s -> null));
        } finally {
            lock.unlock();
        }
    }

    /** False once {@link #close()} was called. */
    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Waits for every pending WRITE, then CLOSEs the handle. Throws the first failure of either;
     * after a normal return every byte written was acknowledged. Idempotent.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            dropReadAhead();
            IOException first = null;
            try {
                awaitWrites();
            } catch (IOException e) {
                first = e;
            }
            try {
                client.closeHandle(handle, path);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
