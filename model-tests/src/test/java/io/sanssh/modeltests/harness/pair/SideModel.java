package io.sanssh.modeltests.harness.pair;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One side of the pure model: the variables of {@code tla/OutboundQueue.tla} for this side's
 * outbound path (held, wire as a stream of encrypted packets with transmitted and delivered
 * offsets, seqNext, strict, our KEX state, the peer's KEXINIT) and of {@code ChannelModel.tla} for
 * its channels (peer window, local window, EOF/CLOSE each way), plus the want_reply requests it
 * sent and awaits replies to.
 */
final class SideModel {
    enum Kex { IDLE, INIT, DH }

    /** One message as the model sees it; {@code seq} and {@code size} are set when encrypted. */
    static final class Pkt {
        final String kind;
        final int k;
        final long amount;
        final long reqId;
        int seq = -1;
        long size;

        Pkt(String kind, int k, long amount, long reqId) {
            this.kind = kind;
            this.k = k;
            this.amount = amount;
            this.reqId = reqId;
        }

        @Override
        public String toString() {
            return kind + (seq >= 0 ? "#" + seq : "");
        }
    }

    /** A channel as one side sees it. */
    static final class Chan {
        boolean open;
        boolean eofSent;
        boolean closeSent;
        boolean eofReceived;
        boolean closeReceived;
        long peerWindow;
        long localWindow = PairSystem.WINDOW;
        long consumedPending;
        long sent;
        long received;

        boolean gone() {
            return closeSent && closeReceived;
        }

        boolean canSendData() {
            return open && !eofSent && !closeSent && !closeReceived;
        }
    }

    final int side;
    final boolean strict;
    final Deque<Pkt> held = new ArrayDeque<>();
    /** Every packet encrypted since the model started, in order. */
    final List<Pkt> stream = new ArrayList<>();
    final List<Long> ends = new ArrayList<>();
    long streamEnd;
    long transmitted;
    long delivered;
    int seqNext;
    Kex kex = Kex.IDLE;
    boolean peerKexInit;
    /** The exchange is not over until the peer's NEWKEYS arrived too; no new one starts before. */
    boolean awaitingPeerNewKeys;
    final List<Chan> chans = new ArrayList<>();
    final Deque<Long> outstanding = new ArrayDeque<>();
    final List<Long> requests = new ArrayList<>();
    final List<Long> replies = new ArrayList<>();
    /** OutboundQueue.tla's {@code disconnect}: "none", or "queued" once our DISCONNECT is encrypted. */
    String disconnect = "none";
    /** The peer's DISCONNECT arrived: this side is closed and reads and sends nothing more. */
    boolean closedByPeer;

    SideModel(int side, boolean strict, int seqNext) {
        this.side = side;
        this.strict = strict;
        this.seqNext = seqNext;
    }

    boolean kexActive() {
        return kex != Kex.IDLE;
    }

    /** Unsent ciphertext (WireBacklog). */
    long wireBacklog() {
        return streamEnd - transmitted;
    }

    /** Input pauses at the high-water mark; only the wire counts (design point 1). */
    boolean wantsRead() {
        return !closedByPeer && disconnect.equals("none") && wireBacklog() < PairSystem.HIGH_WATER;
    }

    /** Credit: min(peer window, budget), 0 during our KEX or when the channel cannot send. */
    long credit(int k) {
        Chan c = chans.get(k);
        if (kexActive() || !c.canSendData()) {
            return 0;
        }
        return Math.max(0, Math.min(c.peerWindow, PairSystem.HIGH_WATER - wireBacklog()));
    }

    Chan chan(int k) {
        while (chans.size() <= k) {
            chans.add(new Chan());
        }
        return chans.get(k);
    }
}
