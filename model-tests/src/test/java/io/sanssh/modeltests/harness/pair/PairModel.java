package io.sanssh.modeltests.harness.pair;

import io.sanssh.modeltests.harness.pair.SideModel.Chan;
import io.sanssh.modeltests.harness.pair.SideModel.Kex;
import io.sanssh.modeltests.harness.pair.SideModel.Pkt;

/**
 * The pure model of both sides, updated by the same actions as {@link PairSystem}. It decides on
 * its own what each side queues (application messages, replies, window adjusts, close echoes, the
 * key-exchange messages), where each goes (encrypted at once, or held during our KEX as {@code
 * OutboundQueue.tla}'s {@code Enqueue} says), which sequence number it gets, how much a write may
 * take, when input pauses and which packets a delivery completes. The only thing it takes from
 * the engine is each packet's ciphertext size ({@link EngineTap}), which the model abstracts
 * away; at that moment it also checks that the engine encrypted the same kind with the same
 * sequence number.
 */
final class PairModel {
    /** A deliberately wrong variant of the model, to show the harness finds and shrinks failures. */
    enum Variant { CORRECT, CREDIT_DURING_KEX }

    final SideModel[] sides = new SideModel[2];
    /** Statistics: writes that took less than asked, window adjusts, messages held during a KEX. */
    int shortWrites;
    int adjusts;
    int heldMessages;
    private final EngineTap[] taps = new EngineTap[2];
    private final int[] tapStart = new int[2];
    private final Variant variant;

    PairModel(PairSystem system, Variant variant) {
        this.variant = variant;
        for (int i = 0; i < 2; i++) {
            PairSystem.End e = system.ends[i];
            taps[i] = e.tap;
            tapStart[i] = e.tap.count();
            sides[i] = new SideModel(i, e.conn.transport().strictKex(), e.conn.transport().outbound().nextSequenceNumber());
        }
    }

    // ---------------------------------------------------------------- application actions

    int open() {
        SideModel c = sides[PairSystem.CLIENT];
        int k = c.chans.size();
        c.chan(k);
        enqueue(c, new Pkt("open", k, 0, 0));
        return k;
    }

    /** The bytes a write of {@code n} takes, and the data packets it queues. */
    long write(int side, int k, int n) {
        SideModel s = sides[side];
        long credit = variant == Variant.CREDIT_DURING_KEX && s.chans.get(k).canSendData()
                ? Math.max(0, Math.min(s.chans.get(k).peerWindow, PairSystem.HIGH_WATER - s.wireBacklog()))
                : s.credit(k);
        long take = Math.min(n, credit);
        if (take < n) {
            shortWrites++;
        }
        Chan c = s.chans.get(k);
        for (long sent = 0; sent < take; ) {
            long chunk = Math.min(take - sent, PairSystem.MAX_PACKET);
            c.peerWindow -= chunk;
            c.sent += chunk;
            sent += chunk;
            enqueue(s, new Pkt("data", k, chunk, 0));
        }
        return take;
    }

    void eof(int side, int k) {
        SideModel s = sides[side];
        s.chans.get(k).eofSent = true;
        enqueue(s, new Pkt("eof", k, 0, 0));
    }

    void close(int side, int k) {
        SideModel s = sides[side];
        s.chans.get(k).closeSent = true;
        enqueue(s, new Pkt("close", k, 0, 0));
    }

    void keepAlive(int side, long id) {
        SideModel s = sides[side];
        s.outstanding.addLast(id);
        s.requests.add(id);
        enqueue(s, new Pkt("global", -1, 0, id));
    }

    /** Rekey: a no-op unless idle (Transport.requestRekey). */
    void rekey(int side) {
        SideModel s = sides[side];
        if (s.kex == Kex.IDLE && !s.awaitingPeerNewKeys) {
            startKex(s);
        }
    }

    /** Disconnect: DISCONNECT is encrypted at once (it passes during a KEX); nothing follows it. */
    void disconnect(int side) {
        SideModel s = sides[side];
        encrypt(s, new Pkt("disconnect", -1, 0, 0));
        s.disconnect = "queued";
        s.held.clear();
    }

    // ---------------------------------------------------------------- the driver

    /** Transmit(n): the driver takes min(n, backlog) bytes. */
    long transmit(int side, int n) {
        SideModel s = sides[side];
        long take = Math.min(Math.max(0, n), s.wireBacklog());
        s.transmitted += take;
        return take;
    }

    /** Delivery cut at packet ends while the receiver wants to read; each completed packet is received. */
    long deliver(int side, long n) {
        SideModel from = sides[side];
        SideModel to = sides[1 - side];
        long done = 0;
        while (done < n && from.transmitted > from.delivered && to.wantsRead()) {
            int idx = nextPacketEndingAfter(from, from.delivered);
            long end = from.ends.get(idx);
            long len = Math.min(Math.min(n - done, from.transmitted - from.delivered), end - from.delivered);
            from.delivered += len;
            done += len;
            if (from.delivered == end) {
                receive(to, from.stream.get(idx));
            }
        }
        return done;
    }

    private static int nextPacketEndingAfter(SideModel s, long offset) {
        int i = 0;
        while (s.ends.get(i) <= offset) {
            i++;
        }
        return i;
    }

    // ---------------------------------------------------------------- reception and internal messages

    private void receive(SideModel r, Pkt p) {
        switch (p.kind) {
            case "open" -> {
                Chan c = r.chan(p.k);
                c.open = true;
                c.peerWindow = PairSystem.WINDOW;
                enqueue(r, new Pkt("confirm", p.k, 0, 0));
            }
            case "confirm" -> {
                Chan c = r.chan(p.k);
                c.open = true;
                c.peerWindow = PairSystem.WINDOW;
            }
            case "data" -> {
                Chan c = r.chan(p.k);
                c.localWindow -= p.amount;
                if (c.closeSent) {
                    return; // in flight when we closed: dropped, never returned
                }
                c.received += p.amount;
                c.consumedPending += p.amount; // the application consumes at once
                // window returns once three maximum packets are consumed, or half the window if less
                if (!c.eofReceived && c.consumedPending >= Math.min((PairSystem.WINDOW + 1) / 2,
                        3L * PairSystem.MAX_PACKET)) {
                    long add = c.consumedPending;
                    c.consumedPending = 0;
                    c.localWindow += add;
                    adjusts++;
                    enqueue(r, new Pkt("adjust", p.k, add, 0));
                }
            }
            case "adjust" -> r.chan(p.k).peerWindow += p.amount;
            case "eof" -> r.chan(p.k).eofReceived = true;
            case "close" -> {
                Chan c = r.chan(p.k);
                c.closeReceived = true;
                if (!c.closeSent) {
                    c.closeSent = true;
                    enqueue(r, new Pkt("close", p.k, 0, 0));
                }
            }
            case "global" -> enqueue(r, new Pkt("reply", -1, 0, p.reqId));
            case "reply" -> {
                Long head = r.outstanding.pollFirst();
                if (head == null || head != p.reqId) {
                    throw new AssertionError("model: reply for request " + p.reqId + " but the oldest outstanding is " + head);
                }
                r.replies.add(p.reqId);
            }
            case "kexinit" -> {
                r.peerKexInit = true;
                if (r.kex == Kex.IDLE) {
                    startKex(r);
                } else if (r.side == PairSystem.CLIENT && r.kex == Kex.INIT) {
                    kexMessage(r);
                }
            }
            case "kexdh" -> {
                if (r.side == PairSystem.SERVER) {
                    kexMessage(r);
                }
                newKeys(r);
            }
            case "newkeys" -> r.awaitingPeerNewKeys = false; // inbound keys switch; nothing leaves
            case "disconnect" -> r.closedByPeer = true; // closed: no answer, nothing more leaves
            default -> throw new AssertionError("model: unexpected kind " + p.kind);
        }
    }

    /** StartKex: our KEXINIT; a client that knows the peer's continues at once. */
    private void startKex(SideModel s) {
        s.kex = Kex.INIT;
        s.awaitingPeerNewKeys = true;
        encrypt(s, new Pkt("kexinit", -1, 0, 0));
        if (s.side == PairSystem.CLIENT && s.peerKexInit) {
            kexMessage(s);
        }
    }

    private void kexMessage(SideModel s) {
        s.kex = Kex.DH;
        encrypt(s, new Pkt("kexdh", -1, 0, 0));
    }

    /** NewKeys: NEWKEYS, the numbering restarts under strict KEX, and held leaves in order. */
    private void newKeys(SideModel s) {
        encrypt(s, new Pkt("newkeys", -1, 0, 0));
        if (s.strict) {
            s.seqNext = 0;
        }
        s.kex = Kex.IDLE;
        s.peerKexInit = false;
        while (!s.held.isEmpty()) {
            encrypt(s, s.held.pollFirst());
        }
    }

    /** Enqueue: encrypt now, or hold while our KEX runs and section 7.1 forbids the kind. */
    private void enqueue(SideModel s, Pkt p) {
        if (s.kexActive() && !Kinds.passesDuringKex(p.kind)) {
            s.held.addLast(p);
            heldMessages++;
        } else {
            encrypt(s, p);
        }
    }

    /** EncryptNow: the next sequence number; the size is the engine's, kind and number must agree. */
    private void encrypt(SideModel s, Pkt p) {
        p.seq = s.seqNext;
        s.seqNext = s.seqNext + 1;
        int index = tapStart[s.side] + s.stream.size();
        String who = s.side == PairSystem.CLIENT ? "client" : "server";
        if (index >= taps[s.side].count()) {
            throw new AssertionError("model: " + who + " should have encrypted " + p + " but the engine did not");
        }
        EngineTap.Encrypted e = taps[s.side].packet(index);
        if (!Kinds.of(e.number()).equals(p.kind) || e.seq() != p.seq) {
            throw new AssertionError("model: " + who + " should encrypt " + p + " next, the engine encrypted " + e);
        }
        p.size = e.size();
        s.stream.add(p);
        s.streamEnd += p.size;
        s.ends.add(s.streamEnd);
    }

    /** Packets the model encrypted on {@code side} since it started. */
    int encryptedCount(int side) {
        return sides[side].stream.size();
    }

    int tapStart(int side) {
        return tapStart[side];
    }
}
