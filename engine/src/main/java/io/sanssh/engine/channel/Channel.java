package io.sanssh.engine.channel;

import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.channel.ChannelLifecycle.Trigger;
import io.sanssh.spec.connection.ChannelOpenBody;
import java.util.ArrayDeque;

/**
 * Everything the layer knows about one channel: both numbers, both windows, the EOF flags, the
 * write-scheduling marks and the request queues. The lifecycle proper is a {@link
 * ChannelLifecycle} machine; its state is cached in {@link #state} so that the bulk paths read a
 * field instead of asking squirrel.
 *
 * <p>Window arithmetic, ours (what the peer may send us): {@code localWindow + unconsumed +
 * consumedPending == localWindowMax} at all times. Data arriving moves bytes from {@code
 * localWindow} to {@code unconsumed}; the application's {@code consumed(n)} moves them to {@code
 * consumedPending}; a WINDOW_ADJUST moves them back to {@code localWindow}. The peer's window
 * (what we may send) only shrinks by what we send and grows by its adjusts; it never goes negative
 * because a write never takes more than the credit.
 */
final class Channel {
    final int id;
    final String type;
    final ChannelOpenBody openBody;
    private final ChannelLifecycle lifecycle;
    /** The lifecycle state, cached after every fire. */
    State state;

    /** The peer's number for the channel (valid once OPEN or ACCEPTING). */
    int peerId;
    /** Bytes we may still send before the peer adjusts (RFC 4254 §5.2), 0..2^32-1. */
    long peerWindow;
    /** The peer's advertised maximum packet size. */
    long peerMaxPacket;
    /** The most data bytes per packet we send: min(peer's maximum, {@link ConnectionConfig#MAX_SEND_PACKET}). */
    int sendPacket;

    /** The window we advertise, and restore with adjusts. */
    final long localWindowMax;
    /** The largest data packet we accept. */
    final int localMaxPacket;
    /** Bytes the peer may still send us. */
    long localWindow;
    /** Bytes delivered to the application and not yet reported consumed. */
    long unconsumed;
    /** Bytes consumed and not yet returned to the peer by a WINDOW_ADJUST. */
    long consumedPending;

    boolean eofSent;
    boolean eofReceived;
    /** Our application closed the channel before the peer confirmed it: CLOSE as soon as it does. */
    boolean closeWhenConfirmed;

    /** Whether the channel waits in the write scheduler for credit. */
    boolean blocked;
    /** The write scheduler's counter value at this channel's latest accepted write (fairness). */
    long lastServed;

    /** Our want-reply channel requests, oldest first; created on first use. */
    private ArrayDeque<OurRequest> ourRequests;
    /** The peer's want-reply requests awaiting our replies, in arrival order; created on first use. */
    private ReplyQueue peerRequests;

    Channel(int id, String type, ChannelOpenBody openBody, State initial, long localWindowMax, int localMaxPacket) {
        this.id = id;
        this.type = type;
        this.openBody = openBody;
        this.lifecycle = new ChannelLifecycle(initial);
        this.state = lifecycle.current();
        this.localWindowMax = localWindowMax;
        this.localMaxPacket = localMaxPacket;
        this.localWindow = localWindowMax;
    }

    /** Moves the lifecycle; false (nothing changed) if the table has no such transition. */
    boolean fire(Trigger trigger) {
        if (!lifecycle.fire(trigger)) {
            return false;
        }
        state = lifecycle.current();
        return true;
    }

    /** Records the peer's side of the channel, from its OPEN or its confirmation. */
    void setPeer(int peerId, long window, long maxPacket) {
        this.peerId = peerId;
        this.peerWindow = window;
        this.peerMaxPacket = maxPacket;
        this.sendPacket = (int) Math.min(maxPacket, ConnectionConfig.MAX_SEND_PACKET);
    }

    /** Whether our side may still send data: open, and neither EOF nor CLOSE sent. */
    boolean canSendData() {
        return state == State.OPEN && !eofSent;
    }

    /** Whether our side may still send requests and replies: open and CLOSE not sent. */
    boolean canSendControl() {
        return state == State.OPEN;
    }

    ArrayDeque<OurRequest> ourRequests() {
        if (ourRequests == null) {
            ourRequests = new ArrayDeque<>(4);
        }
        return ourRequests;
    }

    boolean hasOurRequests() {
        return ourRequests != null && !ourRequests.isEmpty();
    }

    ReplyQueue peerRequests() {
        if (peerRequests == null) {
            peerRequests = new ReplyQueue();
        }
        return peerRequests;
    }

    boolean hasPeerRequests() {
        return peerRequests != null && !peerRequests.isEmpty();
    }

    @Override
    public String toString() {
        return "channel " + id + " (" + type + ", " + state + ")";
    }
}
