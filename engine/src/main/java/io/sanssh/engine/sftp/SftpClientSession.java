package io.sanssh.engine.sftp;

import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The client side of one SFTP session (draft-ietf-secsh-filexfer-02, version 3, with OpenSSH's
 * extensions), sans I/O: it consumes the bytes the server sent ({@link #receive}) and produces
 * the bytes to send ({@link #takeOutput}). It knows nothing of channels; the caller moves bytes
 * between it and the data of an "sftp" subsystem channel (or a pipe).
 *
 * <p>Lifecycle ({@link SftpLifecycle}): INIT is queued on construction; the server's VERSION
 * moves the session to READY and records the extensions it offers ({@link #server()}). Requests
 * may then be sent, many at once: each gets a fresh id, replies are matched by id in whatever
 * order they come (§6.1), and each request yields exactly one {@link SftpCompletion}, either
 * polled from {@link #pollCompletion()} or handed to the {@link SftpCompletionHandler} given with
 * it. {@link #close()} stops new requests and the session is CLOSED once the outstanding ones are
 * answered; {@link #channelEnded} ends it at once and fails whatever is outstanding.
 *
 * <p>Bounded: at most {@link #maxOutstanding()} requests may be unanswered or answered but not
 * yet polled; beyond that, sending returns {@link #NO_CAPACITY} (an answer, not an error) and
 * output and completions stay bounded. An extension request the server did not announce is never
 * sent: it completes at once with {@code SSH_FX_OP_UNSUPPORTED} from the client.
 *
 * <p>A server that breaks the protocol (a malformed packet, a reply to an id never sent, a reply
 * of the wrong type, a second VERSION) ends the session: {@link #protocolError()} says why, every
 * outstanding request fails with {@code SSH_FX_CONNECTION_LOST}, and the caller closes the
 * channel. Single-threaded: call from the engine thread only.
 */
public final class SftpClientSession {
    /** The default bound on outstanding requests. */
    public static final int DEFAULT_MAX_OUTSTANDING = 256;
    /** What the sending methods return when the session has no capacity left; never an id. */
    public static final int NO_CAPACITY = -1;

    private record Pending(SftpRequest request, SftpCompletionHandler handler) {
    }

    private final SftpLifecycle lifecycle = new SftpLifecycle();
    private final SftpFrameReader reader;
    private final PacketOutput output = new PacketOutput();
    /** Unanswered requests by id, in the order they were sent. */
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private final ArrayDeque<SftpCompletion> completions = new ArrayDeque<>();
    private final List<SessionParticipant> participants = new ArrayList<>();
    private final int maxOutstanding;
    private int nextId = 1;
    private SftpServerExtensions server;
    private String protocolError;
    private String endReason;

    /** A session with {@link #DEFAULT_MAX_OUTSTANDING}; INIT is queued as output. */
    public SftpClientSession() {
        this(DEFAULT_MAX_OUTSTANDING);
    }

    /** A session that allows {@code maxOutstanding} requests at once; INIT is queued as output. */
    public SftpClientSession(int maxOutstanding) {
        this(maxOutstanding, SftpFrameReader.DEFAULT_MAX_PACKET_LENGTH);
    }

    /**
     * A session that allows {@code maxOutstanding} requests at once and refuses server packets
     * longer than {@code maxPacketLength} (a protocol error); INIT is queued as output.
     */
    public SftpClientSession(int maxOutstanding, int maxPacketLength) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1: " + maxOutstanding);
        }
        this.maxOutstanding = maxOutstanding;
        this.reader = new SftpFrameReader(maxPacketLength);
        output.add(SftpRequest.Init.v3());
    }

    // ---- lifecycle and introspection

    /** Where the session is. */
    public SftpLifecycle.State state() {
        return lifecycle.current();
    }

    /** Whether requests may be sent: the server's VERSION arrived and {@link #close()} was not called. */
    public boolean isReady() {
        return lifecycle.current() == SftpLifecycle.State.READY;
    }

    /** Whether the session is over; the caller may close the channel once output is drained. */
    public boolean isClosed() {
        return lifecycle.isClosed();
    }

    /** What the server announced in VERSION; empty before it arrived. */
    public Optional<SftpServerExtensions> server() {
        return Optional.ofNullable(server);
    }

    /** Whether the server announced extension {@code name}; false before VERSION. */
    public boolean offers(String name) {
        return server != null && server.offers(name);
    }

    /** The server's limits, once a {@link #limits()} request was answered. */
    public Optional<LimitsReply> serverLimits() {
        return server == null ? Optional.empty() : server.limits();
    }

    /** Why the server's stream was refused, if it broke the protocol; the session is CLOSED then. */
    public Optional<String> protocolError() {
        return Optional.ofNullable(protocolError);
    }

    /** Why the session ended without a clean close (protocol error or channel end); empty otherwise. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** The longest server packet this session accepts (type byte and data, not the length field). */
    public int maxPacketLength() {
        return reader.maxPacketLength();
    }

    /** The bound on outstanding requests. */
    public int maxOutstanding() {
        return maxOutstanding;
    }

    /** Requests unanswered, plus completions answered but not yet polled. */
    public int outstanding() {
        return pending.size() + completions.size();
    }

    /** How many more requests may be sent now: 0 means wait for a completion. */
    public int capacity() {
        return Math.max(0, maxOutstanding - outstanding());
    }

    // ---- bytes in and out

    /**
     * Consumes all of {@code src}: bytes the server sent, in any pieces. Completed replies are
     * matched to their requests at once. After the session closed, input is dropped.
     */
    public void receive(ByteBuffer src) {
        feed(() -> reader.receive(src));
        src.position(src.limit());
    }

    /** As {@link #receive(ByteBuffer)}, for channel data as the engine delivers it: no copy of the whole first. */
    public void receive(Bytes data) {
        feed(() -> reader.receive(data));
    }

    /**
     * Gives back the bytes of a DATA reply once they are written where they go and nobody reads
     * them any more, so that a later reply is received into their array ({@link
     * SftpFrameReader#recycle}). Call it once per reply, never for bytes still in use.
     */
    public void recycle(Bytes data) {
        reader.recycle(data);
    }

    /** Runs {@code frame} (bytes into the reader) unless the session closed, then handles what it completed. */
    private void feed(Runnable frame) {
        if (lifecycle.isClosed()) {
            return;
        }
        try {
            frame.run();
        } catch (SshFormatException e) {
            failProtocol(e.getMessage());
        }
        handleReplies();
    }

    /** Matches every reply the reader completed to its request, then lets the participants send. */
    private void handleReplies() {
        try {
            SftpReply reply;
            while (!lifecycle.isClosed() && (reply = reader.pollReply()) != null) {
                handle(reply);
            }
        } catch (SshFormatException e) {
            failProtocol(e.getMessage());
        }
        pumpParticipants();
    }

    /** Bytes waiting to be sent to the server. */
    public long pendingOutput() {
        return output.pending();
    }

    /** Copies as much pending output as fits into {@code dst} and returns how many bytes; any split is fine. */
    public int takeOutput(ByteBuffer dst) {
        return output.take(dst);
    }

    /** A read-only view of the next pending bytes (possibly not all of them); pair with {@link #consumeOutput}. */
    public ByteBuffer peekOutput() {
        return output.peek();
    }

    /** Marks {@code n} bytes of the last {@link #peekOutput()} as sent. */
    public void consumeOutput(int n) {
        output.consume(n);
    }

    /** The next completion of a request sent without a handler, or null; polling frees its slot. */
    public SftpCompletion pollCompletion() {
        SftpCompletion c = completions.poll();
        if (c != null) {
            pumpParticipants();
        }
        return c;
    }

    // ---- ending

    /**
     * Stops new requests. The session becomes CLOSED when every outstanding request was
     * answered (at once if none is); then the caller closes the channel. Idempotent.
     */
    public void close() {
        SftpLifecycle.State s = lifecycle.current();
        if (s == SftpLifecycle.State.INIT || s == SftpLifecycle.State.READY) {
            lifecycle.fire(SftpLifecycle.Trigger.CLOSE);
            maybeDrained();
            notifyEnded("the SFTP session is closing");
        }
    }

    /**
     * Call when the channel carrying the session reached EOF or closed: the session ends, and
     * every outstanding request fails with {@code SSH_FX_CONNECTION_LOST} naming it. Idempotent.
     */
    public void channelEnded() {
        end("the SFTP channel closed");
    }

    // ---- sending

    /**
     * Sends the request {@code factory} builds for the id it is given; its completion goes to
     * {@link #pollCompletion()}. Returns the id, or {@link #NO_CAPACITY}. Throws
     * {@link IllegalStateException} unless {@link #isReady()}.
     */
    public int send(IntFunction<? extends SftpRequest> factory) {
        return send(factory, null);
    }

    /**
     * As {@link #send(IntFunction)}, but the completion goes to {@code handler} (null: the queue).
     * An extension the server did not announce completes at once, inside this call.
     */
    public int send(IntFunction<? extends SftpRequest> factory, SftpCompletionHandler handler) {
        return send(factory, handler, null);
    }

    /**
     * As {@link #send(IntFunction, SftpCompletionHandler)} for a WRITE the caller already encoded
     * ({@link WritePacket}, data read straight into it): {@code describe} builds the request the
     * packet stands for (its data may be left empty; it names the request in a failure), and the
     * id is written into {@code packet}, which the session keeps until sent.
     */
    int sendEncoded(IntFunction<? extends SftpRequest> describe, byte[] packet, SftpCompletionHandler handler) {
        return send(describe, handler, packet);
    }

    /**
     * An array of exactly {@code length} bytes to encode a packet for {@link #sendEncoded} into: one
     * already sent whole when there is one (its old bytes still in it; overwrite them all), else new.
     */
    byte[] packetBuffer(int length) {
        return output.buffer(length);
    }

    private int send(IntFunction<? extends SftpRequest> factory, SftpCompletionHandler handler, byte[] encoded) {
        if (!isReady()) {
            throw new IllegalStateException("the SFTP session is " + lifecycle.current() + ", not READY");
        }
        if (capacity() == 0) {
            return NO_CAPACITY;
        }
        int id = allocateId();
        SftpRequest r = factory.apply(id);
        if (requestId(r) != id) {
            throw new IllegalArgumentException("the request must carry id " + id + ": " + r);
        }
        Pending p = new Pending(r, handler);
        if (encoded != null) {
            if (r instanceof SftpExtended || encoded[4] != (byte) r.type()) {
                throw new IllegalArgumentException("the packet does not stand for " + r);
            }
            WritePacket.putInt(encoded, WritePacket.ID_OFFSET, id);
            pending.put(id, p);
            output.addEncoded(encoded);
            return id;
        }
        if (r instanceof SftpExtended e && !server.offers(e.requestName())) {
            deliver(p, new SftpCompletion.Failed(id, r, SftpFailure.local(id, r, SftpConstants.SSH_FX_OP_UNSUPPORTED,
                    e.requestName() + " is not supported by the server (not announced in its VERSION)")));
            return id;
        }
        pending.put(id, p);
        output.add(r);
        return id;
    }

    private int allocateId() {
        int id;
        do {
            id = nextId++;
        } while (id == NO_CAPACITY || pending.containsKey(id));
        return id;
    }

    private static int requestId(SftpRequest r) {
        if (r instanceof SftpPathRequest p) {
            return p.id();
        }
        if (r instanceof SftpHandleRequest h) {
            return h.id();
        }
        if (r instanceof SftpExtended e) {
            return e.id();
        }
        throw new IllegalArgumentException("not a request with an id: " + r);
    }

    // ---- replies

    private void handle(SftpReply reply) {
        if (reply instanceof SftpReply.Version v) {
            if (lifecycle.current() != SftpLifecycle.State.INIT) {
                throw new SshFormatException("the server sent VERSION again");
            }
            if (v.version() != SftpConstants.VERSION) {
                throw new SshFormatException("the server speaks SFTP version " + Integer.toUnsignedString(v.version())
                        + "; this client speaks version 3 only");
            }
            server = new SftpServerExtensions(v);
            if (!lifecycle.fire(SftpLifecycle.Trigger.HELLO)) {
                throw new SshFormatException("VERSION arrived in state " + lifecycle.current());
            }
            return;
        }
        if (lifecycle.current() == SftpLifecycle.State.INIT) {
            throw new SshFormatException(SftpConstants.packetTypeName(reply.type()) + " arrived before VERSION");
        }
        int id = replyId(reply);
        Pending p = pending.get(id);
        if (p == null) {
            throw new SshFormatException(SftpConstants.packetTypeName(reply.type()) + " answers request id "
                    + Integer.toUnsignedString(id) + ", which is not outstanding");
        }
        SftpCompletion c = ReplyMatcher.match(id, p.request(), reply);
        pending.remove(id);
        if (c instanceof SftpCompletion.Succeeded s && s.extendedData() instanceof LimitsReply l) {
            server.recordLimits(l);
        }
        deliver(p, c);
        maybeDrained();
    }

    private static int replyId(SftpReply reply) {
        if (reply instanceof SftpReply.Status r) {
            return r.id();
        } else if (reply instanceof SftpReply.Handle r) {
            return r.id();
        } else if (reply instanceof SftpReply.Data r) {
            return r.id();
        } else if (reply instanceof SftpReply.Name r) {
            return r.id();
        } else if (reply instanceof SftpReply.Attrs r) {
            return r.id();
        } else if (reply instanceof SftpReply.ExtendedReply r) {
            return r.id();
        }
        throw new IllegalStateException("no id in " + reply);
    }

    private void deliver(Pending p, SftpCompletion c) {
        if (p.handler() == null) {
            completions.add(c);
        } else {
            p.handler().completed(c);
        }
    }

    private void maybeDrained() {
        if (lifecycle.current() == SftpLifecycle.State.CLOSING && pending.isEmpty()) {
            lifecycle.fire(SftpLifecycle.Trigger.DRAINED);
        }
    }

    private void failProtocol(String why) {
        if (protocolError == null) {
            protocolError = why;
        }
        end("protocol error: " + why);
    }

    private void end(String reason) {
        if (!lifecycle.fire(SftpLifecycle.Trigger.END)) {
            return;
        }
        endReason = reason;
        List<Map.Entry<Integer, Pending>> lost = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<Integer, Pending> e : lost) {
            int id = e.getKey();
            SftpRequest r = e.getValue().request();
            deliver(e.getValue(), new SftpCompletion.Failed(id, r, SftpFailure.local(id, r,
                    SftpConstants.SSH_FX_CONNECTION_LOST, "the SFTP session ended before the server answered: " + reason)));
        }
        notifyEnded(reason);
    }

    // ---- participants (transfers)

    /** Registers a machine to pump after replies and polls; it stays until {@link #detach}. */
    void attach(SessionParticipant p) {
        participants.add(p);
    }

    /** Unregisters a machine. */
    void detach(SessionParticipant p) {
        participants.remove(p);
    }

    private void pumpParticipants() {
        if (participants.isEmpty() || !isReady()) {
            return;
        }
        for (SessionParticipant p : List.copyOf(participants)) {
            p.pump();
        }
    }

    private void notifyEnded(String reason) {
        for (SessionParticipant p : List.copyOf(participants)) {
            p.sessionEnded(reason);
        }
    }
}
