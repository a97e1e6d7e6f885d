package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.GlobalRequestReceived;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.spec.connection.GlobalRequest;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.connection.RequestFailure;
import io.sanssh.spec.connection.RequestSuccess;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayDeque;

/**
 * Global requests (RFC 4254 §4, §7.1; OpenSSH PROTOCOL §2.2, §2.4, §2.5), both directions.
 *
 * <p>Ours, including the layer's own keep-alive probes, are remembered in send order and each
 * REQUEST_SUCCESS or REQUEST_FAILURE answers the oldest; a probe's answer goes to the keep-alive
 * counter, any other becomes {@link GlobalRequestReplied}.
 *
 * <p>The peer's are answered in arrival order (outbound rule 7) as internal messages. The layer
 * answers "keepalive@openssh.com" and unknown requests with REQUEST_FAILURE (OpenSSH's answer),
 * records "no-more-sessions@openssh.com" on a server, and passes to the application what its role
 * handles: the forwarding requests and "hostkeys-prove-00@openssh.com" on a server,
 * "hostkeys-00@openssh.com" on a client (sent without want-reply; informational).
 */
final class GlobalRequests {
    /** Told about answers to our keep-alive probes. */
    interface ProbeListener {
        void probeAnswered();
    }

    private final LayerContext ctx;
    private final Channels channels;
    private final ProbeListener probes;
    private final ArrayDeque<OurRequest> ours = new ArrayDeque<>();
    private final ReplyQueue theirs = new ReplyQueue();

    GlobalRequests(LayerContext ctx, Channels channels, ProbeListener probes) {
        this.ctx = ctx;
        this.channels = channels;
        this.probes = probes;
    }

    /** Sends a global request for the application; returns its identifier. */
    long send(String name, GlobalRequestBody body, boolean wantReply) {
        if (ctx.transport.isClosed()) {
            throw new IllegalStateException("connection closed");
        }
        GlobalRequest m = new GlobalRequest(name, wantReply, body);
        long id = ctx.nextRequestId();
        ctx.sendApplication(m);
        ctx.trace.controlSent(ChannelTrace.GLOBAL, MessageNumbers.GLOBAL_REQUEST);
        if (wantReply) {
            ours.addLast(new OurRequest(id, name, false));
        }
        if (body instanceof GlobalRequestBody.NoMoreSessions && ctx.role == Role.CLIENT) {
            channels.noMoreSessionsSent = true;
        }
        return id;
    }

    /** Sends a keep-alive probe (want-reply), as an internal message. */
    void sendProbe() {
        long id = ctx.nextRequestId();
        ctx.sendInternal(GlobalRequest.of(true, GlobalRequestBody.KeepAlive.EMPTY));
        ctx.trace.controlSent(ChannelTrace.GLOBAL, MessageNumbers.GLOBAL_REQUEST);
        ours.addLast(new OurRequest(id, GlobalRequestBody.KEEPALIVE, true));
    }

    /** REQUEST_SUCCESS (81) or REQUEST_FAILURE (82). */
    void onReply(boolean success, Bytes data) {
        OurRequest r = ours.pollFirst();
        if (r == null) {
            throw new SshFormatException(MessageNumbers.name(success ? MessageNumbers.REQUEST_SUCCESS
                    : MessageNumbers.REQUEST_FAILURE) + " without a global request waiting for it");
        }
        if (r.internal()) {
            probes.probeAnswered();
        } else {
            ctx.emit(new GlobalRequestReplied(r.id(), r.type(), success, data));
        }
    }

    /** GLOBAL_REQUEST (80) from the peer. */
    void onRequest(GlobalRequest m) {
        long id = ctx.nextRequestId();
        boolean want = m.wantReply();
        if (want) {
            ctx.trace.requestReceived(ChannelTrace.GLOBAL, id);
        }
        boolean server = ctx.role == Role.SERVER;
        GlobalRequestBody body = m.body();
        Boolean answer; // null: the application decides
        if (body instanceof GlobalRequestBody.NoMoreSessions) {
            if (server) {
                channels.noMoreSessionsReceived = true;
            }
            answer = server;
        } else if (body instanceof GlobalRequestBody.HostKeys) {
            if (!server) {
                ctx.emit(new GlobalRequestReceived(id, m.name(), false, body));
            }
            answer = !server;
        } else if (server && (body instanceof GlobalRequestBody.TcpipForward
                || body instanceof GlobalRequestBody.CancelTcpipForward
                || body instanceof GlobalRequestBody.StreamLocalForward
                || body instanceof GlobalRequestBody.CancelStreamLocalForward
                || body instanceof GlobalRequestBody.HostKeysProve)) {
            ctx.emit(new GlobalRequestReceived(id, m.name(), want, body));
            answer = null;
        } else {
            answer = false; // keepalive@openssh.com, unknown requests, the wrong role's requests
        }
        if (!want) {
            return;
        }
        if (answer == null) {
            theirs.addPending(id);
        } else {
            theirs.addDecided(id, answer, Bytes.EMPTY);
        }
        flush();
    }

    /**
     * The application's answer to the peer's global request {@code requestId}; {@code data}
     * follows REQUEST_SUCCESS (for example the bound port, RFC 4254 §7.1).
     *
     * @throws IllegalStateException if no such request waits for an answer
     */
    void reply(long requestId, boolean success, Bytes data) {
        if (!theirs.decide(requestId, success, success ? data : Bytes.EMPTY)) {
            throw new IllegalStateException("no global request " + requestId + " waits for an answer");
        }
        flush();
    }

    private void flush() {
        theirs.flush((id, ok, data) -> {
            ctx.sendInternal(ok ? (data.length() == 0 ? RequestSuccess.EMPTY : new RequestSuccess(data))
                    : RequestFailure.INSTANCE);
            ctx.trace.replySent(ChannelTrace.GLOBAL, id);
        });
    }
}
