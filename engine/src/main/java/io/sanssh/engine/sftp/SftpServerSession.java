package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtensionPair;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of one SFTP session (draft-ietf-secsh-filexfer-02, version 3, with OpenSSH's
 * extensions), sans I/O: requests in ({@link #receive}), replies out ({@link #takeOutput}), served
 * by an {@link SftpFileSystemBackend}. It knows nothing of channels; the caller moves bytes between
 * it and an "sftp" subsystem channel (or a pipe).
 *
 * <p>The first packet must be INIT; the answer is VERSION 3 announcing {@code limits@openssh.com}
 * and the extensions the backend implements (PROTOCOL §4.2). Requests are then answered one by
 * one, in arrival order. A request type the draft does not define, or an extension not
 * announced, gets {@code SSH_FX_OP_UNSUPPORTED}. Anything that makes the stream unreadable (a
 * malformed packet, a request before INIT, a second INIT) ends the session with
 * {@link #protocolError()} set; the caller then closes the channel.
 *
 * <p>Bounded output: while more than the high-water mark of reply bytes waits to be taken,
 * received requests stay queued unanswered and {@link #wantsRead()} turns false, so the caller
 * stops enlarging the channel window; taking output resumes the work. Single-threaded: call from
 * the engine thread only.
 */
public final class SftpServerSession {
    /** The default bound on open handles. */
    public static final int DEFAULT_MAX_HANDLES = 256;
    /** The default output high-water mark: 1 MiB, four of the largest DATA replies. */
    public static final long DEFAULT_OUTPUT_HIGH_WATER = 1024 * 1024;
    /** The largest packet this server announces in {@code limits@openssh.com}, as OpenSSH: 256 KiB. */
    public static final long MAX_PACKET_LENGTH = 256 * 1024;
    /** The largest READ it serves and WRITE it expects, as OpenSSH: 1 KiB below the packet limit. */
    public static final long MAX_READ_WRITE_LENGTH = MAX_PACKET_LENGTH - 1024;

    /** The extensions a server can announce, in OpenSSH's order, with the versions OpenSSH 9.2 announces. */
    private static final List<SftpExtensionPair> ANNOUNCEABLE = List.of(
            SftpExtensionPair.of(SftpConstants.EXT_POSIX_RENAME, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_STATVFS, "2"),
            SftpExtensionPair.of(SftpConstants.EXT_FSTATVFS, "2"),
            SftpExtensionPair.of(SftpConstants.EXT_HARDLINK, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_FSYNC, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_LSETSTAT, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_LIMITS, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_EXPAND_PATH, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_COPY_DATA, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_HOME_DIRECTORY, "1"),
            SftpExtensionPair.of(SftpConstants.EXT_USERS_GROUPS_BY_ID, "1"));

    private final SftpLifecycle lifecycle = new SftpLifecycle();
    private final SftpFrameReader reader = new SftpFrameReader();
    private final PacketOutput output = new PacketOutput();
    private final SftpFileSystemBackend backend;
    private final HandleTable handles;
    private final long highWater;
    private final List<SftpExtensionPair> announced;
    private final ServerDispatcher dispatcher;
    private String protocolError;
    private boolean processing;

    /** A server over {@code backend} with {@link #DEFAULT_MAX_HANDLES} and {@link #DEFAULT_OUTPUT_HIGH_WATER}. */
    public SftpServerSession(SftpFileSystemBackend backend) {
        this(backend, DEFAULT_MAX_HANDLES, DEFAULT_OUTPUT_HIGH_WATER);
    }

    /**
     * A server over {@code backend} that keeps at most {@code maxHandles} files and directories
     * open and stops answering while more than {@code outputHighWater} bytes of replies wait.
     */
    public SftpServerSession(SftpFileSystemBackend backend, int maxHandles, long outputHighWater) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.handles = new HandleTable(maxHandles);
        if (outputHighWater < 1) {
            throw new IllegalArgumentException("outputHighWater must be positive: " + outputHighWater);
        }
        this.highWater = outputHighWater;
        Set<String> offered = new LinkedHashSet<>(backend.extensions());
        offered.add(SftpConstants.EXT_LIMITS);
        List<SftpExtensionPair> ann = new ArrayList<>();
        for (SftpExtensionPair p : ANNOUNCEABLE) {
            if (offered.contains(p.name())) {
                ann.add(p);
            }
        }
        this.announced = List.copyOf(ann);
        Set<String> names = new LinkedHashSet<>();
        announced.forEach(p -> names.add(p.name()));
        this.dispatcher = new ServerDispatcher(backend, handles, Set.copyOf(names),
                new LimitsReply(MAX_PACKET_LENGTH, MAX_READ_WRITE_LENGTH, MAX_READ_WRITE_LENGTH, maxHandles));
    }

    /** Where the session is: INIT until the client's INIT, READY, then CLOSED. */
    public SftpLifecycle.State state() {
        return lifecycle.current();
    }

    /** Whether the session is over; the caller closes the channel once output is drained. */
    public boolean isClosed() {
        return lifecycle.isClosed();
    }

    /** Why the client's stream was refused, if it broke the protocol. */
    public Optional<String> protocolError() {
        return Optional.ofNullable(protocolError);
    }

    /** The extensions VERSION announces (or announced), in wire order. */
    public List<SftpExtensionPair> announcedExtensions() {
        return announced;
    }

    /** Handles open now. */
    public int openHandles() {
        return handles.size();
    }

    /**
     * Whether the caller should keep feeding input (and enlarging the channel window): false
     * while replies over the high-water mark wait to be taken, or once the session is over.
     */
    public boolean wantsRead() {
        return !lifecycle.isClosed() && output.pending() <= highWater;
    }

    /**
     * Consumes all of {@code src}: bytes the client sent, in any pieces. Complete requests are
     * answered now unless output is over the high-water mark; then they wait for
     * {@link #takeOutput}. After the session closed, input is dropped.
     */
    public void receive(ByteBuffer src) {
        feed(() -> reader.receive(src));
        src.position(src.limit());
    }

    /** As {@link #receive(ByteBuffer)}, for channel data as the engine delivers it: no copy of the whole first. */
    public void receive(Bytes data) {
        feed(() -> reader.receive(data));
    }

    /** Runs {@code frame} (bytes into the reader) unless the session closed, then answers what it completed. */
    private void feed(Runnable frame) {
        if (lifecycle.isClosed()) {
            return;
        }
        try {
            frame.run();
        } catch (SshFormatException e) {
            fail(e.getMessage());
            return;
        }
        process();
    }

    /** Bytes of replies waiting to be sent. */
    public long pendingOutput() {
        return output.pending();
    }

    /** Copies as much pending output as fits into {@code dst}, returns how many bytes, and answers queued requests. */
    public int takeOutput(ByteBuffer dst) {
        int n = output.take(dst);
        process();
        return n;
    }

    /** A read-only view of the next pending bytes; pair with {@link #consumeOutput}. */
    public ByteBuffer peekOutput() {
        return output.peek();
    }

    /** Marks {@code n} bytes of the last {@link #peekOutput()} as sent, and answers queued requests. */
    public void consumeOutput(int n) {
        output.consume(n);
        process();
    }

    /**
     * Call when the channel reached EOF or closed: every open handle is closed in the backend
     * and the session ends. Requests still queued are dropped (nobody could read the answers).
     * Idempotent.
     */
    public void channelEnded() {
        end();
    }

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            SftpRequest request;
            while (!lifecycle.isClosed() && output.pending() <= highWater && (request = reader.pollRequest()) != null) {
                handle(request);
            }
        } catch (SshFormatException e) {
            fail(e.getMessage());
        } finally {
            processing = false;
        }
    }

    private void handle(SftpRequest request) {
        if (request instanceof SftpRequest.Init) {
            if (!lifecycle.fire(SftpLifecycle.Trigger.HELLO)) {
                throw new SshFormatException("the client sent INIT again");
            }
            // whatever version the client offers, this server speaks 3 (OpenSSH answers the same)
            output.add(new SftpReply.Version(SftpConstants.VERSION, announced));
            return;
        }
        if (lifecycle.current() == SftpLifecycle.State.INIT) {
            throw new SshFormatException(SftpConstants.packetTypeName(request.type()) + " arrived before INIT");
        }
        if (request instanceof SftpRequest.Unknown u) {
            long id = u.idIfPresent();
            if (id < 0) {
                throw new SshFormatException("packet type " + u.type() + " is too short to carry a request id");
            }
            output.add(SftpReply.Status.of((int) id, SftpConstants.SSH_FX_OP_UNSUPPORTED,
                    "Unsupported request type " + u.type()));
            return;
        }
        if (request instanceof SftpHandleRequest.Read r) {
            dispatcher.answerRead(r.id(), r, output);
            return;
        }
        output.add(dispatcher.answer(requestId(request), request));
        if (request instanceof SftpHandleRequest.Write w) {
            // the backend has written the data (writes are synchronous): its body takes the next WRITE
            reader.recycle(w.data());
        }
    }

    private static int requestId(SftpRequest r) {
        if (r instanceof SftpPathRequest p) {
            return p.id();
        }
        if (r instanceof SftpHandleRequest h) {
            return h.id();
        }
        return ((SftpExtended) r).id();
    }

    private void fail(String why) {
        if (protocolError == null && !lifecycle.isClosed()) {
            protocolError = why;
        }
        end();
    }

    private void end() {
        lifecycle.fire(SftpLifecycle.Trigger.END);
        for (Object o : handles.removeAll()) {
            try {
                if (o instanceof SftpOpenFile f) {
                    f.close();
                } else if (o instanceof SftpOpenDirectory d) {
                    d.close();
                }
            } catch (SftpStatusException | RuntimeException e) {
                // nobody is left to tell; the backend has released what it could
            }
        }
    }

    /** The backend this session serves. */
    public SftpFileSystemBackend backend() {
        return backend;
    }
}
