package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;

/**
 * What the parts of the connection layer share: the transport, the configuration, the channel
 * table, the trace sink, and the helpers that send, emit and look channels up with the right
 * error type (a peer naming an unknown channel is a protocol error; the application doing so is
 * told in its own terms by the caller).
 */
final class LayerContext {
    final Transport transport;
    final ConnectionConfig config;
    final Role role;
    final ChannelTable table;
    final long highWater;
    ChannelTrace trace = ChannelTrace.NONE;
    private long nextRequestId = 1;

    LayerContext(Transport transport, ConnectionConfig config, Role role, long highWater) {
        this.transport = transport;
        this.config = config;
        this.role = role;
        this.table = new ChannelTable(config.maxChannels());
        this.highWater = highWater;
    }

    /** A fresh identifier for a request, ours or the peer's; unique in the connection. */
    long nextRequestId() {
        return nextRequestId++;
    }

    void emit(SshEvent e) {
        transport.emit(e);
    }

    /** Queues a message the layer generates itself: never refused (outbound rule 2). */
    void sendInternal(SshMessage m) {
        transport.sendPayload(m.encode(), Origin.INTERNAL);
    }

    /** Queues a message the application asked for. */
    void sendApplication(SshMessage m) {
        transport.sendPayload(m.encode(), Origin.APPLICATION);
    }

    /**
     * The channel the peer addresses as {@code recipient}.
     *
     * @throws SshFormatException (PROTOCOL_ERROR) if we have no channel with that number
     */
    Channel peerChannel(int recipient, int messageNumber) {
        Channel c = table.get(recipient);
        if (c == null) {
            throw new SshFormatException(MessageNumbers.name(messageNumber) + " for unknown channel "
                    + Integer.toUnsignedString(recipient));
        }
        return c;
    }

    /** A protocol error about {@code c}. */
    static SshFormatException fault(Channel c, String what) {
        return new SshFormatException(what + " on " + c);
    }

    /**
     * Whether the outbound backlog leaves room for application data: {@code highWater - backlog},
     * floored at 0 (DESIGN.md: credit is min(peer window, outbound budget)).
     */
    long outboundBudget() {
        long b = highWater - transport.outbound().backlog();
        return b > 0 ? b : 0;
    }
}
