package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.event.ChannelEowReceived;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ExitSignalReceived;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.spec.connection.ChannelFailure;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelRequest;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.ChannelSuccess;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;

/**
 * Channel requests (RFC 4254 §5.4, §6; RFC 4335; OpenSSH PROTOCOL §2.1), both directions.
 *
 * <p>Ours: a want-reply request is remembered per channel, and each CHANNEL_SUCCESS or
 * CHANNEL_FAILURE is matched to the oldest one (replies carry no identifier).
 *
 * <p>The peer's: replies leave in arrival order per channel (outbound rule 7) through a {@link
 * ReplyQueue}, as internal messages, so neither blocked output nor a key exchange refuses them.
 * The layer answers by itself "keepalive@openssh.com" (CHANNEL_FAILURE, as OpenSSH does) and any
 * request it does not hand to the application (CHANNEL_FAILURE, RFC 4254 §5.4). It reports
 * exit-status, exit-signal and eow@openssh.com as their own events. Session requests reach the
 * application only on "session" channels, and only those the peer's role sends: a server gets
 * pty-req, x11-req, env, shell, exec, subsystem, window-change, signal and break; a client gets
 * xon-xoff.
 */
final class ChannelRequests {
    private final LayerContext ctx;

    ChannelRequests(LayerContext ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- ours

    /**
     * Sends a request on {@code c}. Returns its identifier, or -1 when {@code c} is closing (we
     * sent CLOSE: nothing may follow it, and the peer's CLOSE will end the channel).
     */
    long send(Channel c, String type, ChannelRequestBody body, boolean wantReply) {
        if (c.state == State.OPENING || c.state == State.ACCEPTING) {
            throw new IllegalStateException("request " + type + " on " + c + " before it is open");
        }
        if (!c.canSendControl()) {
            return -1;
        }
        ChannelRequest m = new ChannelRequest(c.peerId, type, wantReply, body);
        long id = ctx.nextRequestId();
        ctx.sendApplication(m);
        ctx.trace.controlSent(c.id, MessageNumbers.CHANNEL_REQUEST);
        if (wantReply) {
            c.ourRequests().addLast(new OurRequest(id, type, false));
        }
        return id;
    }

    /** CHANNEL_SUCCESS (99) or CHANNEL_FAILURE (100): the answer to our oldest want-reply request. */
    void onReply(int recipient, boolean success) {
        int number = success ? MessageNumbers.CHANNEL_SUCCESS : MessageNumbers.CHANNEL_FAILURE;
        Channel c = ctx.peerChannel(recipient, number);
        if (c.state != State.OPEN && c.state != State.CLOSE_SENT) {
            throw LayerContext.fault(c, MessageNumbers.name(number));
        }
        if (!c.hasOurRequests()) {
            throw LayerContext.fault(c, MessageNumbers.name(number) + " without a request waiting for it");
        }
        OurRequest r = c.ourRequests().removeFirst();
        ctx.emit(new ChannelRequestReplied(c.id, r.id(), r.type(), success));
    }

    // ---------------------------------------------------------------- the peer's

    /** CHANNEL_REQUEST (98) from the peer. */
    void onRequest(ChannelRequest m) {
        Channel c = ctx.peerChannel(m.recipient(), MessageNumbers.CHANNEL_REQUEST);
        if (c.state != State.OPEN && c.state != State.CLOSE_SENT) {
            throw LayerContext.fault(c, "request " + m.type());
        }
        if (c.state == State.CLOSE_SENT) {
            return; // we closed: the request is moot and no reply may follow our CLOSE
        }
        long id = ctx.nextRequestId();
        boolean want = m.wantReply();
        if (want) {
            ctx.trace.requestReceived(c.id, id);
        }
        ChannelRequestBody body = m.body();
        boolean session = ChannelOpenBody.SESSION.equals(c.type);
        boolean fromClient = ctx.role == Role.SERVER;
        Boolean answer = null; // null: the application decides
        if (body instanceof ChannelRequestBody.ExitStatus s && session && !fromClient) {
            ctx.emit(new ExitStatusReceived(c.id, s.status()));
            answer = true;
        } else if (body instanceof ChannelRequestBody.ExitSignal s && session && !fromClient) {
            ctx.emit(new ExitSignalReceived(c.id, s.signal(), s.coreDumped(), s.errorMessage(), s.language()));
            answer = true;
        } else if (body instanceof ChannelRequestBody.Eow && session) {
            ctx.emit(new ChannelEowReceived(c.id));
            answer = true;
        } else if (!session || !handledByApplication(body, fromClient)) {
            answer = false; // keepalive@openssh.com, unknown types, the wrong role's requests
        } else {
            ctx.emit(new ChannelRequestReceived(c.id, id, m.type(), want, body));
        }
        if (!want) {
            return;
        }
        if (answer == null) {
            c.peerRequests().addPending(id);
        } else {
            c.peerRequests().addDecided(id, answer, Bytes.EMPTY);
        }
        flush(c);
    }

    private static boolean handledByApplication(ChannelRequestBody body, boolean fromClient) {
        if (fromClient) {
            return body instanceof ChannelRequestBody.PtyReq || body instanceof ChannelRequestBody.X11Req
                    || body instanceof ChannelRequestBody.Env || body instanceof ChannelRequestBody.Shell
                    || body instanceof ChannelRequestBody.Exec || body instanceof ChannelRequestBody.Subsystem
                    || body instanceof ChannelRequestBody.WindowChange || body instanceof ChannelRequestBody.Signal
                    || body instanceof ChannelRequestBody.Break;
        }
        return body instanceof ChannelRequestBody.XonXoff;
    }

    /**
     * The application's answer to the peer's request {@code requestId} on {@code c}. Ignored once we
     * sent CLOSE (the request is moot).
     *
     * @throws IllegalStateException if no such request waits for an answer
     */
    void reply(Channel c, long requestId, boolean success) {
        if (c.state == State.CLOSE_SENT) {
            return;
        }
        if (!c.hasPeerRequests() || !c.peerRequests().decide(requestId, success, Bytes.EMPTY)) {
            throw new IllegalStateException("no request " + requestId + " waits for an answer on " + c);
        }
        flush(c);
    }

    private void flush(Channel c) {
        c.peerRequests().flush((id, ok, data) -> {
            ctx.sendInternal(ok ? new ChannelSuccess(c.peerId) : new ChannelFailure(c.peerId));
            ctx.trace.replySent(c.id, id);
        });
    }

    /** We sent CLOSE on {@code c}: its undecided requests will never be answered. */
    void dropPeerRequests(Channel c) {
        if (c.hasPeerRequests()) {
            c.peerRequests().clear();
            ctx.trace.repliesDropped(c.id);
        }
    }
}
