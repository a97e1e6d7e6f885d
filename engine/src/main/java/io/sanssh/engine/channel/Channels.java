package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.channel.ChannelLifecycle.Trigger;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenFailed;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.spec.connection.ChannelClose;
import io.sanssh.spec.connection.ChannelOpen;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelOpenConfirmation;
import io.sanssh.spec.connection.ChannelOpenFailure;
import io.sanssh.spec.connection.OpenFailureReason;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.SshFormatException;

/**
 * Opening and closing channels (RFC 4254 §5.1, §5.3), both directions: every lifecycle change
 * goes through the channel's {@link ChannelLifecycle} machine, and a transition it refuses is a
 * protocol error (peer) or an {@link IllegalStateException} (application).
 *
 * <p>Channel order (outbound rule 6): no data after our EOF (credit is 0 and writes throw), nothing
 * after our CLOSE (requests are dropped, pending replies forgotten, no window adjusts), CLOSE once
 * (the machine has no second LOCAL_CLOSE). When the peer's CLOSE arrives first we echo ours at
 * once, as an internal message. The number is freed when CLOSE has gone both ways.
 *
 * <p>Which incoming opens reach the application: a server decides on "session", "direct-tcpip"
 * and "direct-streamlocal@openssh.com"; a client on "forwarded-tcpip" and
 * "forwarded-streamlocal@openssh.com". Everything else is refused here: "x11" (we never ask for
 * X11 forwarding), types the peer's role may not open (ADMINISTRATIVELY_PROHIBITED), unknown types
 * (UNKNOWN_CHANNEL_TYPE), and any open beyond {@link ConnectionConfig#maxChannels()}
 * (RESOURCE_SHORTAGE).
 */
final class Channels {
    private final LayerContext ctx;
    private final FlowControl flow;
    private final ChannelRequests requests;
    /** We sent "no-more-sessions@openssh.com" (client): no more session opens from us. */
    boolean noMoreSessionsSent;
    /** The peer sent "no-more-sessions@openssh.com" (server): session opens are refused. */
    boolean noMoreSessionsReceived;

    Channels(LayerContext ctx, FlowControl flow, ChannelRequests requests) {
        this.ctx = ctx;
        this.flow = flow;
        this.requests = requests;
    }

    // ---------------------------------------------------------------- our opens

    /** Sends CHANNEL_OPEN for {@code body} and returns our number for the channel. */
    int open(String type, ChannelOpenBody body) {
        if (ctx.transport.isClosed()) {
            throw new IllegalStateException("connection closed");
        }
        if (ChannelOpenBody.SESSION.equals(type) && noMoreSessionsSent) {
            throw new IllegalStateException("no-more-sessions@openssh.com was sent: no more session channels");
        }
        int id = ctx.table.nextFree();
        if (id < 0) {
            throw new IllegalStateException("too many channels: " + ctx.table.size());
        }
        Channel c = new Channel(id, type, body, State.OPENING, ctx.config.initialWindow(), ctx.config.maxPacket());
        ctx.table.put(c);
        ctx.sendApplication(new ChannelOpen(type, id, c.localWindowMax, c.localMaxPacket, body));
        ctx.trace.controlSent(id, MessageNumbers.CHANNEL_OPEN);
        return id;
    }

    void onConfirmation(ChannelOpenConfirmation m) {
        Channel c = ctx.peerChannel(m.recipient(), MessageNumbers.CHANNEL_OPEN_CONFIRMATION);
        checkMaxPacket(m.maxPacket());
        if (!c.fire(Trigger.CONFIRMED)) {
            throw LayerContext.fault(c, "open confirmation");
        }
        c.setPeer(m.sender(), m.initialWindow(), m.maxPacket());
        ctx.trace.peerWindowKnown(c.id, m.initialWindow(), m.maxPacket());
        if (c.closeWhenConfirmed) {
            sendClose(c, Trigger.LOCAL_CLOSE);
        } else {
            ctx.emit(new ChannelOpened(c.id, c.type, m.initialWindow(), m.maxPacket()));
        }
    }

    void onOpenFailure(ChannelOpenFailure m) {
        Channel c = ctx.peerChannel(m.recipient(), MessageNumbers.CHANNEL_OPEN_FAILURE);
        if (!c.fire(Trigger.OPEN_FAILED)) {
            throw LayerContext.fault(c, "open failure");
        }
        free(c);
        ctx.emit(new ChannelOpenFailed(c.id, m.reasonCode(), m.description()));
    }

    // ---------------------------------------------------------------- the peer's opens

    void onOpen(ChannelOpen m) {
        checkMaxPacket(m.maxPacket());
        String type = m.type();
        OpenFailureReason refusal = refusal(type, m.body());
        String why = refusal == null ? null : "channel type " + type + " not accepted here";
        if (refusal == null && ChannelOpenBody.SESSION.equals(type) && noMoreSessionsReceived) {
            if (ctx.config.disconnectOnSessionAfterNoMoreSessions()) {
                throw new SshFormatException("session channel opened after no-more-sessions@openssh.com");
            }
            refusal = OpenFailureReason.ADMINISTRATIVELY_PROHIBITED;
            why = "no more sessions";
        }
        int id = refusal == null ? ctx.table.nextFree() : -1;
        if (refusal == null && id < 0) {
            refusal = OpenFailureReason.RESOURCE_SHORTAGE;
            why = "too many channels";
        }
        if (refusal != null) {
            ctx.sendInternal(ChannelOpenFailure.of(m.senderChannel(), refusal, why));
            return;
        }
        Channel c = new Channel(id, type, m.body(), State.ACCEPTING, ctx.config.initialWindow(),
                ctx.config.maxPacket());
        c.setPeer(m.senderChannel(), m.initialWindow(), m.maxPacket());
        ctx.table.put(c);
        ctx.emit(new ChannelOpenRequested(id, type, m.body()));
    }

    private OpenFailureReason refusal(String type, ChannelOpenBody body) {
        if (body instanceof ChannelOpenBody.UnknownOpen) {
            return OpenFailureReason.UNKNOWN_CHANNEL_TYPE;
        }
        boolean server = ctx.role == Role.SERVER;
        return switch (type) {
            case ChannelOpenBody.SESSION, ChannelOpenBody.DIRECT_TCPIP, ChannelOpenBody.DIRECT_STREAMLOCAL ->
                    server ? null : OpenFailureReason.ADMINISTRATIVELY_PROHIBITED;
            case ChannelOpenBody.FORWARDED_TCPIP, ChannelOpenBody.FORWARDED_STREAMLOCAL ->
                    server ? OpenFailureReason.ADMINISTRATIVELY_PROHIBITED : null;
            default -> OpenFailureReason.ADMINISTRATIVELY_PROHIBITED;
        };
    }

    /** The application accepts the peer's open: CHANNEL_OPEN_CONFIRMATION with our window. */
    void accept(Channel c) {
        if (!c.fire(Trigger.ACCEPTED)) {
            throw new IllegalStateException("no open decision pending for " + c);
        }
        ctx.sendInternal(ChannelOpenConfirmation.of(c.peerId, c.id, c.localWindowMax, c.localMaxPacket));
        ctx.trace.controlSent(c.id, MessageNumbers.CHANNEL_OPEN_CONFIRMATION);
        ctx.trace.peerWindowKnown(c.id, c.peerWindow, c.peerMaxPacket);
    }

    /** The application refuses the peer's open: CHANNEL_OPEN_FAILURE; the number is free again. */
    void reject(Channel c, OpenFailureReason reason, String description) {
        if (!c.fire(Trigger.REJECTED)) {
            throw new IllegalStateException("no open decision pending for " + c);
        }
        ctx.sendInternal(ChannelOpenFailure.of(c.peerId, reason, description));
        free(c);
    }

    // ---------------------------------------------------------------- EOF and CLOSE

    /** Our application will send no more data (RFC 4254 §5.3). Idempotent; a no-op after our CLOSE. */
    void sendEof(Channel c) {
        if (c.state == State.OPENING || c.state == State.ACCEPTING) {
            throw new IllegalStateException("EOF on " + c + " before it is open");
        }
        if (c.state != State.OPEN || c.eofSent) {
            return;
        }
        c.eofSent = true;
        flow.forget(c);
        ctx.sendApplication(new io.sanssh.spec.connection.ChannelEof(c.peerId));
        ctx.trace.eofSent(c.id);
    }

    /** Our application closes the channel. Idempotent; before the confirmation it is deferred. */
    void close(Channel c) {
        switch (c.state) {
            case OPENING -> c.closeWhenConfirmed = true;
            case ACCEPTING -> throw new IllegalStateException("close on " + c + ": reject it instead");
            case OPEN -> sendClose(c, Trigger.LOCAL_CLOSE);
            default -> {
                // CLOSE already sent: CLOSE once (rule 6)
            }
        }
    }

    void onEof(int recipient) {
        Channel c = ctx.peerChannel(recipient, MessageNumbers.CHANNEL_EOF);
        if (c.state != State.OPEN && c.state != State.CLOSE_SENT) {
            throw LayerContext.fault(c, "EOF");
        }
        if (c.eofReceived) {
            return;
        }
        c.eofReceived = true;
        if (c.state == State.OPEN) {
            ctx.emit(new ChannelEof(c.id));
        }
    }

    void onClose(int recipient) {
        Channel c = ctx.peerChannel(recipient, MessageNumbers.CHANNEL_CLOSE);
        boolean first = c.state == State.OPEN;
        ctx.trace.closeReceived(c.id);
        if (first) {
            sendClose(c, Trigger.PEER_CLOSE);
        } else if (!c.fire(Trigger.PEER_CLOSE)) {
            throw LayerContext.fault(c, "close");
        }
        free(c);
        ctx.emit(new ChannelClosed(c.id, first));
    }

    private void sendClose(Channel c, Trigger trigger) {
        if (!c.fire(trigger)) {
            throw new IllegalStateException("cannot close " + c);
        }
        flow.forget(c);
        requests.dropPeerRequests(c);
        // The echo of the peer's CLOSE is internal (never refused, rule 2); our own is the application's.
        ctx.transport.sendPayload(new ChannelClose(c.peerId).encode(),
                trigger == Trigger.PEER_CLOSE ? Origin.INTERNAL : Origin.APPLICATION);
        ctx.trace.closeSent(c.id);
    }

    private void free(Channel c) {
        flow.forget(c);
        ctx.table.free(c);
        ctx.trace.channelFreed(c.id);
    }

    private static void checkMaxPacket(long maxPacket) {
        if (maxPacket == 0) {
            throw new SshFormatException("channel maximum packet size 0: no data could ever be sent");
        }
    }
}
