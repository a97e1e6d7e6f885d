package io.sanssh.drivers.api;

import io.sanssh.engine.sftp.ByteSink;
import io.sanssh.engine.sftp.ByteSource;
import io.sanssh.engine.sftp.Download;
import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpFailure;
import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.engine.sftp.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the engine's {@link Download} and {@link Upload} machines between a remote file and a
 * local one. The machines run under the channel's lock on whichever thread moves them (on the
 * blocking driver mostly its reader thread, inside the event tap with the engine lock held; else
 * the connection's event thread): the local file is read and written there with positional
 * {@link FileChannel} calls, straight from and into the SFTP packet's buffer. So the
 * {@link TransferListener} is called there too and must be quick and must not use the connection.
 */
final class SftpFileTransfers {
    private SftpFileTransfers() {
    }

    /** Starts a download of {@code remote} into {@code local}; the future gives the bytes written. */
    static CompletableFuture<Long> download(SftpClientChannel channel, SftpClientSession session, String remote,
                                            Path local, TransferOptions options, TransferListener listener) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        FileChannel file;
        boolean existed = Files.exists(local);
        try {
            file = options.startOffset() > 0
                    ? FileChannel.open(local, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                    : FileChannel.open(local, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            f.completeExceptionally(e);
            return f;
        }
        ByteSink sink = (offset, data) -> {
            try {
                long at = offset;
                while (data.hasRemaining()) {
                    at += file.write(data, at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + local, e);
            }
        };
        // a download that fails before its first byte leaves no empty file it created behind
        Runnable cleanup = () -> {
            try {
                if (!existed && Files.size(local) == 0) {
                    Files.deleteIfExists(local);
                }
            } catch (IOException gone) {
                // nothing to clean up
            }
        };
        start(f, channel, remote, file, listener, cleanup, l -> Download.start(session, SftpClient.utf8(remote),
                sink, options, l));
        return f;
    }

    /** Starts an upload of {@code local} to {@code remote}; the future gives the bytes acknowledged. */
    static CompletableFuture<Long> upload(SftpClientChannel channel, SftpClientSession session, Path local,
                                          String remote, TransferOptions options, TransferListener listener) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        FileChannel file;
        try {
            file = FileChannel.open(local, StandardOpenOption.READ);
        } catch (IOException e) {
            f.completeExceptionally(e);
            return f;
        }
        ByteSource source = (offset, dst) -> {
            try {
                return file.read(dst, offset);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + local, e);
            }
        };
        start(f, channel, remote, file, listener, () -> { }, l -> Upload.start(session, SftpClient.utf8(remote), source,
                options, l));
        return f;
    }

    /** Starts a machine made by {@code starter} under the lock; the future completes on the callback executor. */
    private static void start(CompletableFuture<Long> f, SftpClientChannel channel, String remote, FileChannel file,
                              TransferListener user, Runnable onFailure,
                              java.util.function.Function<TransferListener, ?> starter) {
        // the user's listener runs inside the engine call that made the progress: an exception
        // from it must not escape into the driver's thread; the transfer's future reports it
        java.util.concurrent.atomic.AtomicReference<RuntimeException> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        TransferListener l = new TransferListener() {
            @Override
            public void progress(long bytesDone, long expectedTotal) {
                if (thrown.get() == null) {
                    guard(thrown, () -> user.progress(bytesDone, expectedTotal));
                }
            }

            @Override
            public void completed(long bytesDone) {
                closeQuietly(file);
                guard(thrown, () -> user.completed(bytesDone));
                RuntimeException e = thrown.get();
                if (e == null) {
                    channel.completeLater(f, bytesDone, null, remote);
                } else {
                    channel.failLater(f, new IOException("the transfer of " + remote + " completed (" + bytesDone
                            + " bytes), but its listener threw: " + e, e));
                }
            }

            @Override
            public void failed(SftpFailure failure) {
                closeQuietly(file);
                onFailure.run();
                guard(thrown, () -> user.failed(failure));
                channel.completeLater(f, null, failure, remote);
            }
        };
        try {
            channel.locked(() -> starter.apply(l));
        } catch (IllegalStateException e) {
            closeQuietly(file);
            onFailure.run();
            f.completeExceptionally(new IOException("the SFTP session cannot start a transfer: " + e.getMessage(), e));
        }
    }

    /** Runs a user callback; keeps the first exception it throws in {@code thrown}. */
    private static void guard(java.util.concurrent.atomic.AtomicReference<RuntimeException> thrown, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            thrown.compareAndSet(null, e);
        }
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // the transfer's outcome is already decided
        }
    }
}
