package io.sanssh.drivers.api;

import io.sanssh.engine.sftp.SftpClientSession;
import io.sanssh.engine.sftp.SftpCompletion;
import io.sanssh.engine.sftp.SftpRequests;
import io.sanssh.engine.sftp.TransferListener;
import io.sanssh.engine.sftp.TransferOptions;
import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * An SFTP session (draft-ietf-secsh-filexfer-02, version 3, with OpenSSH's extensions) on the
 * "sftp" subsystem of one session channel, opened with {@link SshSession#sftp()}.
 *
 * <p>Every operation has a blocking form, which throws {@link SftpException} naming the request,
 * the {@code SSH_FX_*} code and the server's message, and an {@code ...Async} form whose future
 * fails with the same exception. Futures complete on a thread of this client, never on the
 * connection's event thread; their dependent stages may call this client's blocking methods.
 * Many operations may run at once from many threads: requests are pipelined and answered in any
 * order. Paths are UTF-8 and, unless absolute, relative to the server's starting directory.
 *
 * <p>The OpenSSH extensions are used when the server announces them: {@code limits@openssh.com}
 * sets the request size (else 32 KiB), {@code posix-rename@openssh.com} makes {@link #rename}
 * replace an existing target; statvfs, fsync, hardlink, expand-path, home-directory, copy-data
 * and users-groups-by-id fail with {@code SSH_FX_OP_UNSUPPORTED} when not offered.
 *
 * <p>Transfers are honest: {@link #put} returns only when every WRITE got STATUS OK and the
 * handle's CLOSE succeeded; {@link #get} counts bytes only once they are in the local file.
 * Close the client (try-with-resources) to end the channel; the SSH session stays open.
 */
public final class SftpClient implements AutoCloseable {
    /** The longest one socket read of a thread waiting for a transfer lasts (it then checks the transfer). */
    private static final long READ_SLICE_NANOS = 200_000_000L;
    /** How long a transfer's waiter waits at a time while another thread reads the connection. */
    private static final long WAIT_SLICE_MILLIS = 5;

    /** How long {@link #close()} waits for outstanding requests. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final SftpClientSession session;
    private final SftpClientChannel channel;
    private final ExecutorService callbacks;
    private volatile boolean closed;

    private SftpClient(SftpClientSession session, SftpClientChannel channel, ExecutorService callbacks) {
        this.session = session;
        this.channel = channel;
        this.callbacks = callbacks;
    }

    /** Opens a session channel, starts the "sftp" subsystem, exchanges INIT/VERSION and asks the limits. */
    static SftpClient open(Link link, ChannelRouter router, Duration timeout) throws IOException {
        ExecutorService callbacks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sanssh-sftp-callbacks");
            t.setDaemon(true);
            return t;
        });
        SftpClientSession session = new SftpClientSession(TransferOptions.DEFAULT_MAX_OUTSTANDING * 2);
        // after close() the pool is shut down: a late completion then runs on the thread that made it
        Executor deliver = r -> {
            try {
                callbacks.execute(r);
            } catch (RejectedExecutionException shutDown) {
                r.run();
            }
        };
        SftpClientChannel glue = new SftpClientChannel(link, session, deliver);
        ChannelState s;
        try {
            s = link.call(c -> {
                ChannelState st = router.register(c.channels().openSession());
                glue.bind(st, c);
                return st;
            });
            s.awaitOpen(timeout, "a session channel for sftp");
            long id = link.call(c -> c.channels().requestSubsystem(s.channel, "sftp", true));
            if (!s.awaitReply(id, timeout, "the sftp subsystem request")) {
                throw new SshChannelException("the server refused the sftp subsystem");
            }
            glue.start(timeout);
        } catch (IOException | RuntimeException e) {
            callbacks.shutdown();
            throw e;
        }
        SftpClient client = new SftpClient(session, glue, callbacks);
        if (client.offers(SftpConstants.EXT_LIMITS)) {
            try {
                client.await(client.op(SftpRequests.limits(), "limits", s1 -> null));
            } catch (SftpException refused) {
                // the default request size then
            } catch (IOException | RuntimeException e) {
                try {
                    client.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        return client;
    }

    // ---------------------------------------------------------------- the server

    /** The extensions the server announced in VERSION, e.g. {@code "posix-rename@openssh.com"}. */
    public Set<String> extensions() {
        return channel.locked(() -> session.server().map(x -> Set.copyOf(x.names())).orElse(Set.of()));
    }

    /** Whether the server announced extension {@code name}. */
    public boolean offers(String name) {
        return channel.locked(() -> session.offers(name));
    }

    /** The server's {@code limits@openssh.com} answer, when it offers the extension. */
    public Optional<LimitsReply> limits() {
        return channel.locked(session::serverLimits);
    }

    /** The bytes per READ or WRITE this client uses: the server's limits, else 32 KiB. */
    public int requestSize() {
        long read = limits().map(LimitsReply::maxReadLength).orElse(0L);
        long write = limits().map(LimitsReply::maxWriteLength).orElse(0L);
        long n = Math.min(read > 0 ? read : Long.MAX_VALUE, write > 0 ? write : Long.MAX_VALUE);
        return n == Long.MAX_VALUE ? TransferOptions.DEFAULT_REQUEST_SIZE : (int) Math.min(n, 256 * 1024);
    }

    // ---------------------------------------------------------------- names and attributes

    /** REALPATH (§6.11): the canonical absolute form of {@code path} ("." is the starting directory). */
    public String realpath(String path) throws IOException {
        return await(realpathAsync(path));
    }

    /** As {@link #realpath}, without waiting. */
    public CompletableFuture<String> realpathAsync(String path) {
        return op(SftpRequests.realpath(utf8(path)), path, s -> s.firstName().toUtf8());
    }

    /** STAT (§6.8): the attributes of {@code path}, following symbolic links. */
    public SftpAttributes stat(String path) throws IOException {
        return await(statAsync(path));
    }

    /** As {@link #stat}, without waiting. */
    public CompletableFuture<SftpAttributes> statAsync(String path) {
        return op(SftpRequests.stat(utf8(path)), path, SftpCompletion.Succeeded::attrs);
    }

    /** LSTAT (§6.8): the attributes of {@code path} itself, not of a link's target. */
    public SftpAttributes lstat(String path) throws IOException {
        return await(lstatAsync(path));
    }

    /** As {@link #lstat}, without waiting. */
    public CompletableFuture<SftpAttributes> lstatAsync(String path) {
        return op(SftpRequests.lstat(utf8(path)), path, SftpCompletion.Succeeded::attrs);
    }

    /** SETSTAT (§6.9): changes the attributes present in {@code attrs} (size, owner, mode, times). */
    public void setstat(String path, SftpAttributes attrs) throws IOException {
        await(setstatAsync(path, attrs));
    }

    /** As {@link #setstat}, without waiting. */
    public CompletableFuture<Void> setstatAsync(String path, SftpAttributes attrs) {
        return op(SftpRequests.setstat(utf8(path), attrs), path, s -> null);
    }

    /** Sets the permission bits of {@code path} (e.g. {@code 0640}), as {@code chmod}. */
    public void chmod(String path, int mode) throws IOException {
        await(chmodAsync(path, mode));
    }

    /** As {@link #chmod}, without waiting. */
    public CompletableFuture<Void> chmodAsync(String path, int mode) {
        return setstatAsync(path, SftpAttributes.ofPermissions(mode & 07777));
    }

    /** Lists a directory (OPENDIR, READDIR until EOF, CLOSE; §6.7), "." and ".." included as the server sends them. */
    public List<SftpEntry> list(String path) throws IOException {
        Bytes handle = await(op(SftpRequests.opendir(utf8(path)), path, SftpCompletion.Succeeded::handle));
        List<SftpEntry> entries = new ArrayList<>();
        try {
            while (true) {
                List<SftpReply.NameEntry> batch;
                try {
                    batch = await(op(SftpRequests.readdir(handle), path, SftpCompletion.Succeeded::names));
                } catch (SftpException e) {
                    if (e.code() == SftpConstants.SSH_FX_EOF) {
                        break;
                    }
                    throw e;
                }
                for (SftpReply.NameEntry n : batch) {
                    entries.add(new SftpEntry(n.filename().toUtf8(), n.longname().toUtf8(), n.attrs()));
                }
            }
        } finally {
            closeHandle(handle, path);
        }
        return entries;
    }

    /** As {@link #list}, without waiting. */
    public CompletableFuture<List<SftpEntry>> listAsync(String path) {
        return async(() -> list(path));
    }

    // ---------------------------------------------------------------- changing the tree

    /** MKDIR (§6.6) with mode {@code 0777} less the server's umask. */
    public void mkdir(String path) throws IOException {
        await(mkdirAsync(path));
    }

    /** As {@link #mkdir(String)}, without waiting. */
    public CompletableFuture<Void> mkdirAsync(String path) {
        return mkdirAsync(path, SftpAttributes.EMPTY);
    }

    /**
     * MKDIR (§6.6) asking for {@code attrs} on the new directory, usually just its permissions
     * ({@link SftpAttributes#ofPermissions}), which a POSIX server reduces by its umask, as
     * {@code mkdir(2)} does; fails if {@code path} exists. A recursive upload calls it to give a
     * directory the local one's mode.
     */
    public void mkdir(String path, SftpAttributes attrs) throws IOException {
        await(mkdirAsync(path, attrs));
    }

    /** As {@link #mkdir(String, SftpAttributes)}, without waiting. */
    public CompletableFuture<Void> mkdirAsync(String path, SftpAttributes attrs) {
        return op(SftpRequests.mkdir(utf8(path), attrs), path, s -> null);
    }

    /** RMDIR (§6.6): removes an empty directory. */
    public void rmdir(String path) throws IOException {
        await(rmdirAsync(path));
    }

    /** As {@link #rmdir}, without waiting. */
    public CompletableFuture<Void> rmdirAsync(String path) {
        return op(SftpRequests.rmdir(utf8(path)), path, s -> null);
    }

    /** REMOVE (§6.5): removes a file or symbolic link. */
    public void remove(String path) throws IOException {
        await(removeAsync(path));
    }

    /** As {@link #remove}, without waiting. */
    public CompletableFuture<Void> removeAsync(String path) {
        return op(SftpRequests.remove(utf8(path)), path, s -> null);
    }

    /**
     * Renames {@code from} to {@code to}: with {@code posix-rename@openssh.com} when offered (an
     * existing {@code to} is replaced atomically), else RENAME (§6.5), which fails if it exists.
     */
    public void rename(String from, String to) throws IOException {
        await(renameAsync(from, to));
    }

    /** As {@link #rename}, without waiting. */
    public CompletableFuture<Void> renameAsync(String from, String to) {
        IntFunction<SftpRequest> r = offers(SftpConstants.EXT_POSIX_RENAME)
                ? SftpRequests.posixRename(utf8(from), utf8(to)) : SftpRequests.rename(utf8(from), utf8(to));
        return op(r, from + " -> " + to, s -> null);
    }

    /** SYMLINK (§6.10): creates {@code link} pointing to {@code target} (stored as given, not resolved). */
    public void symlink(String target, String link) throws IOException {
        await(symlinkAsync(target, link));
    }

    /** As {@link #symlink}, without waiting. */
    public CompletableFuture<Void> symlinkAsync(String target, String link) {
        return op(SftpRequests.symlink(utf8(target), utf8(link)), link, s -> null);
    }

    /** READLINK (§6.10): the target of symbolic link {@code path}. */
    public String readlink(String path) throws IOException {
        return await(readlinkAsync(path));
    }

    /** As {@link #readlink}, without waiting. */
    public CompletableFuture<String> readlinkAsync(String path) {
        return op(SftpRequests.readlink(utf8(path)), path, s -> s.firstName().toUtf8());
    }

    /** {@code hardlink@openssh.com}: a new name {@code link} for the existing file {@code existing}. */
    public void hardlink(String existing, String link) throws IOException {
        await(hardlinkAsync(existing, link));
    }

    /** As {@link #hardlink}, without waiting. */
    public CompletableFuture<Void> hardlinkAsync(String existing, String link) {
        return op(SftpRequests.hardlink(utf8(existing), utf8(link)), link, s -> null);
    }

    // ---------------------------------------------------------------- OpenSSH extensions

    /** {@code statvfs@openssh.com}: statistics of the file system holding {@code path}. */
    public StatvfsReply statvfs(String path) throws IOException {
        return await(statvfsAsync(path));
    }

    /** As {@link #statvfs}, without waiting. */
    public CompletableFuture<StatvfsReply> statvfsAsync(String path) {
        return op(SftpRequests.statvfs(utf8(path)), path, s -> s.extended(StatvfsReply.class));
    }

    /** {@code expand-path@openssh.com}: REALPATH that also expands {@code ~} and {@code ~user}. */
    public String expandPath(String path) throws IOException {
        return await(expandPathAsync(path));
    }

    /** As {@link #expandPath}, without waiting. */
    public CompletableFuture<String> expandPathAsync(String path) {
        return op(SftpRequests.expandPath(utf8(path)), path, s -> s.firstName().toUtf8());
    }

    /** {@code home-directory}: the home directory of the user named {@code user}. */
    public String homeDirectory(String user) throws IOException {
        return await(homeDirectoryAsync(user));
    }

    /** As {@link #homeDirectory}, without waiting. */
    public CompletableFuture<String> homeDirectoryAsync(String user) {
        return op(SftpRequests.homeDirectory(user), "home of " + user, s -> s.firstName().toUtf8());
    }

    /** {@code users-groups-by-id@openssh.com}: names for numeric user and group ids ("" where unknown). */
    public UsersGroupsByIdReply usersGroupsById(List<Long> uids, List<Long> gids) throws IOException {
        return await(usersGroupsByIdAsync(uids, gids));
    }

    /** As {@link #usersGroupsById}, without waiting. */
    public CompletableFuture<UsersGroupsByIdReply> usersGroupsByIdAsync(List<Long> uids, List<Long> gids) {
        return op(SftpRequests.usersGroupsById(uids, gids), "users-groups-by-id",
                s -> s.extended(UsersGroupsByIdReply.class));
    }

    /**
     * {@code copy-data}: copies the file {@code from} to {@code to} on the server, without the
     * bytes crossing the network; {@code to} is created or truncated.
     */
    public void copy(String from, String to) throws IOException {
        if (!offers(SftpConstants.EXT_COPY_DATA)) {
            // fails with OP_UNSUPPORTED from the client, naming the request
            await(op(SftpRequests.copyData(Bytes.EMPTY, 0, 0, Bytes.EMPTY, 0), from + " -> " + to, s -> null));
        }
        try (SftpFileChannel src = openChannel(from, StandardOpenOption.READ);
             SftpFileChannel dst = openChannel(to, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            await(op(SftpRequests.copyData(src.handle(), 0, 0, dst.handle(), 0), from + " -> " + to, s -> null));
        }
    }

    /**
     * As {@link #copy}, without waiting: the OPENs, the copy-data request and the CLOSEs run in
     * turn on a thread of this client.
     */
    public CompletableFuture<Void> copyAsync(String from, String to) {
        return async(() -> {
            copy(from, to);
            return null;
        });
    }

    // ---------------------------------------------------------------- transfers

    /** Downloads {@code remote} into {@code local} (created or truncated); returns the byte count. */
    public long get(String remote, Path local) throws IOException {
        return get(remote, local, TransferOptions.defaults(), TransferListener.NONE);
    }

    /**
     * Downloads {@code remote} into {@code local} with {@code options}: with a start offset the
     * local file is kept and written from that offset on (resume); {@code listener} hears the
     * progress on the connection's thread (possibly holding its engine lock) and must return
     * quickly without using the connection.
     */
    public long get(String remote, Path local, TransferOptions options, TransferListener listener) throws IOException {
        return awaitReading(getAsync(remote, local, options, listener));
    }

    /** Resumes a download: fetches what {@code local} lacks of {@code remote}, from its current size on. */
    public long getResume(String remote, Path local, TransferListener listener) throws IOException {
        long have = Files.exists(local) ? Files.size(local) : 0;
        return get(remote, local, TransferOptions.defaults().withStartOffset(have), listener);
    }

    /** As {@link #getResume}, without waiting: the local size is read and the download runs on a thread of this client. */
    public CompletableFuture<Long> getResumeAsync(String remote, Path local, TransferListener listener) {
        return async(() -> getResume(remote, local, listener));
    }

    /** As {@link #get(String, Path, TransferOptions, TransferListener)}, without waiting. */
    public CompletableFuture<Long> getAsync(String remote, Path local, TransferOptions options,
                                           TransferListener listener) {
        return SftpFileTransfers.download(channel, session, remote, local, options, listener);
    }

    /** Uploads {@code local} to {@code remote} (created or truncated); returns the byte count. */
    public long put(Path local, String remote) throws IOException {
        return put(local, remote, TransferOptions.defaults(), TransferListener.NONE);
    }

    /**
     * Uploads {@code local} to {@code remote} with {@code options}: with a start offset the remote
     * file is kept and written from that offset on with the local bytes from the same offset
     * (resume). Returns when every WRITE was acknowledged and the handle closed.
     */
    public long put(Path local, String remote, TransferOptions options, TransferListener listener) throws IOException {
        return awaitReading(putAsync(local, remote, options, listener));
    }

    /** Resumes an upload: sends the bytes of {@code local} beyond the remote file's current size. */
    public long putResume(Path local, String remote, TransferListener listener) throws IOException {
        long have;
        try {
            have = stat(remote).size().orElse(0);
        } catch (SftpException e) {
            if (e.code() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
            have = 0;
        }
        return put(local, remote, TransferOptions.defaults().withStartOffset(have), listener);
    }

    /** As {@link #putResume}, without waiting: the remote size is asked and the upload runs on a thread of this client. */
    public CompletableFuture<Long> putResumeAsync(Path local, String remote, TransferListener listener) {
        return async(() -> putResume(local, remote, listener));
    }

    /** As {@link #put(Path, String, TransferOptions, TransferListener)}, without waiting. */
    public CompletableFuture<Long> putAsync(Path local, String remote, TransferOptions options,
                                           TransferListener listener) {
        return SftpFileTransfers.upload(channel, session, local, remote, options, listener);
    }

    // ---------------------------------------------------------------- open files

    /**
     * Opens {@code path} (OPEN, §6.3) as a seekable channel. Options: READ, WRITE, APPEND, CREATE,
     * CREATE_NEW, TRUNCATE_EXISTING (none: READ). Writes are pipelined; {@code close()} (and
     * {@code force}) wait for every acknowledgement and report the first failure.
     */
    public SftpFileChannel openChannel(String path, OpenOption... options) throws IOException {
        return SftpFileChannel.open(this, path, options);
    }

    /**
     * As {@link #openChannel}, without waiting: the future gives the open channel once the
     * server returned its handle (and, for APPEND, the file's size). Close the channel as usual.
     */
    public CompletableFuture<SftpFileChannel> openChannelAsync(String path, OpenOption... options) {
        OpenOption[] given = options.clone();
        return async(() -> openChannel(path, given));
    }

    /** Opens {@code path} for reading as a stream, reading ahead with several READs in flight. */
    public InputStream openInputStream(String path) throws IOException {
        return Channels.newInputStream(openChannel(path, StandardOpenOption.READ));
    }

    /** Opens {@code path} for writing (created or truncated) as a stream; close it to learn of failures. */
    public OutputStream openOutputStream(String path) throws IOException {
        return Channels.newOutputStream(openChannel(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING));
    }

    // ---------------------------------------------------------------- plumbing

    /** The glue between this client's session and its channel (for tests of its event-tap routes). */
    SftpClientChannel channel() {
        return channel;
    }

    /** Sends one request; the future maps its success with {@code map}. */
    <T> CompletableFuture<T> op(IntFunction<? extends SftpRequest> request, String context,
                                Function<SftpCompletion.Succeeded, T> map) {
        return channel.request(request, context).thenApply(map);
    }

    /** CLOSE (§6.3) of a handle, waiting for its STATUS. */
    void closeHandle(Bytes handle, String context) throws IOException {
        await(op(SftpRequests.close(handle), context, s -> null));
    }

    /** Runs {@code body} on a callback thread. */
    <T> CompletableFuture<T> async(IoSupplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IOException("the SFTP client is closed"));
            return f;
        }
        callbacks.execute(() -> {
            try {
                f.complete(body.get());
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** A body that may throw {@link IOException}. */
    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Waits for {@code f}; its failure is thrown as is ({@link SftpException} or {@link IOException}). */
    /**
     * Like {@link #await}, for a transfer: while it runs, the waiting thread reads the connection
     * itself when the driver lets it (see {@code Link.readTurn}), so the transfer's replies are
     * handled, and its next requests written, on this thread instead of waking driver threads for
     * every batch. Where another thread reads, it waits in short slices and offers again.
     */
    private <T> T awaitReading(CompletableFuture<T> f) throws IOException {
        while (!f.isDone()) {
            if (!channel.readTurn(READ_SLICE_NANOS)) {
                try {
                    f.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // offer to read again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the SFTP server");
                } catch (ExecutionException e) {
                    break; // await reports it
                }
            }
        }
        return await(f);
    }

    static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the SFTP server");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    static Bytes utf8(String path) {
        return Bytes.utf8(path);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends the SFTP session: waits (bounded) for outstanding requests, then closes the channel.
     * The SSH session stays open. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close(CLOSE_TIMEOUT);
        } finally {
            callbacks.shutdown();
        }
    }
}
