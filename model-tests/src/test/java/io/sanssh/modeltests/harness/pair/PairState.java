package io.sanssh.modeltests.harness.pair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.SshConnection;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.transport.OutboundQueue;
import io.sanssh.modeltests.harness.pair.SideModel.Chan;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.Arrays;
import java.util.List;

/**
 * The harness state: the engine pair and the model, with the per-step comparison of their
 * projections and the DESIGN.md outbound invariants, and the heal phase that requires progress.
 */
final class PairState {
    /** Held plus unsent ciphertext may exceed the high-water mark by at most this (rule 8's burst). */
    static final long BURST = 32 * 1024;
    private static final String[] NAMES = {"client", "server"};

    final PairSystem system;
    final PairModel model;
    private final int[] seqSeen = new int[2];
    private final boolean[] seqKnown = new boolean[2];

    PairState(long seed, PairModel.Variant variant) {
        system = new PairSystem(seed);
        model = new PairModel(system, variant);
    }

    static String name(int side) {
        return NAMES[side];
    }

    /** After every step: projections equal, invariants hold. */
    void check() {
        for (int side = 0; side < 2; side++) {
            checkSide(side);
        }
        for (int side = 0; side < 2; side++) {
            assertEquals(model.sides[side].transmitted - model.sides[side].delivered, system.inFlight(side),
                    name(side) + ": bytes in flight");
        }
    }

    private void checkSide(int side) {
        String who = name(side);
        PairSystem.End e = system.ends[side];
        SideModel m = model.sides[side];
        SshConnection conn = e.conn;
        OutboundQueue out = conn.transport().outbound();
        assertNull(e.disconnected, who + " disconnected");
        // the engine encrypted nothing the model did not predict (each predicted one was compared)
        assertEquals(model.tapStart(side) + model.encryptedCount(side), e.tap.count(),
                who + ": packets encrypted (model " + m.stream + ")");
        for (EngineTap.Encrypted p : e.tap.take()) {
            // rule 3, KEX quiet; rule 4, contiguous numbers
            assertTrue(!p.duringKex() || Kinds.passesDuringKex(Kinds.of(p.number())), who + ": " + p + " during KEX");
            if (seqKnown[side]) {
                assertEquals(seqSeen[side], p.seq(), who + ": sequence numbers contiguous");
            }
            seqKnown[side] = true;
            seqSeen[side] = p.number() == 21 && m.strict ? 0 : p.seq() + 1;
        }
        assertEquals(m.kexActive(), conn.transport().kexActive(), who + ": key exchange running");
        assertEquals(m.held.size(), out.heldCount(), who + ": held messages " + m.held);
        assertEquals(m.wireBacklog(), out.wireBytes(), who + ": unsent ciphertext");
        assertEquals(m.wantsRead(), conn.wantsRead(), who + ": wantsRead");
        assertEquals(m.replies, e.repliesInOrder, who + ": replies, in request order (rule 7)");
        // rule 8, bounded; rule 9, no stuck state
        assertTrue(out.backlog() <= PairSystem.HIGH_WATER + BURST, who + ": backlog " + out.backlog());
        assertFalse(!conn.wantsRead() && !conn.wantsWrite(), who + ": input paused with nothing to transmit");
        ConnectionLayer ch = conn.channels();
        for (int k = 0; k < m.chans.size(); k++) {
            Chan c = m.chans.get(k);
            if (!system.knows(side, k)) {
                assertFalse(c.open, who + ": channel " + k + " open in the model only");
                continue;
            }
            int id = e.ids.get(k);
            assertEquals(c.received, e.received.get(k).size(), who + ": bytes received on channel " + k);
            if (c.gone() || !c.open) {
                continue;
            }
            assertTrue(c.peerWindow >= 0, who + ": window of channel " + k + " negative (rule 5)");
            assertEquals(c.peerWindow, ch.peerWindow(id), who + ": peer window of channel " + k);
            assertEquals(c.localWindow, ch.localWindow(id), who + ": local window of channel " + k);
            assertEquals(m.credit(k), ch.credit(id), who + ": credit of channel " + k);
        }
    }

    /** Heal: the driver drains both ways; then every obligation must have been met. */
    void heal() {
        for (int round = 0; round < 1000 && !(system.quiet() && modelQuiet()); round++) {
            for (int side = 0; side < 2; side++) {
                int sent = system.transmit(side, Integer.MAX_VALUE);
                assertEquals(model.transmit(side, Integer.MAX_VALUE), sent, name(side) + ": heal transmit");
                long got = system.deliver(side, Long.MAX_VALUE);
                assertEquals(model.deliver(side, Long.MAX_VALUE), got, name(side) + ": heal deliver");
                check();
            }
        }
        assertTrue(system.quiet(), "heal: the network drains");
        for (int side = 0; side < 2; side++) {
            String who = name(side);
            PairSystem.End e = system.ends[side];
            SideModel m = model.sides[side];
            assertFalse(e.conn.transport().kexActive(), who + ": key exchange done");
            assertEquals(0, e.conn.transport().outbound().heldCount(), who + ": held queue empty");
            assertEquals(e.requestsInOrder, e.repliesInOrder, who + ": every keep-alive answered, in order");
            for (int k = 0; k < m.chans.size(); k++) {
                Chan c = m.chans.get(k);
                if (c.canSendData()) {
                    assertFalse(e.blocked.get(k), who + ": blocked writer on channel " + k + " woken");
                }
                PairSystem.End peer = system.ends[1 - side];
                if (k < peer.received.size() && k < model.sides[1 - side].chans.size()
                        && !model.sides[1 - side].chans.get(k).closeSent) {
                    assertIntact(side, k, e.sent.get(k), peer.received.get(k).toByteArray());
                }
            }
        }
    }

    /**
     * The goodbye after the heal: {@code side}'s application disconnects (the spec's
     * {@code Disconnect}). The model says DISCONNECT is the next and last packet that side
     * encrypts; once it is transmitted and delivered the peer is closed, saw the reason, and
     * encrypted nothing in reply.
     */
    void goodbye(int side) {
        String who = name(side);
        PairSystem.End e = system.ends[side];
        PairSystem.End peer = system.ends[1 - side];
        int peerPackets = peer.tap.count();
        system.disconnect(side);
        model.disconnect(side);
        assertEquals(model.tapStart(side) + model.encryptedCount(side), e.tap.count(),
                who + ": DISCONNECT is the one packet encrypted");
        int sent = system.transmit(side, Integer.MAX_VALUE);
        assertEquals(model.transmit(side, Integer.MAX_VALUE), sent, who + ": DISCONNECT transmitted");
        long got = system.deliver(side, Long.MAX_VALUE);
        assertEquals(model.deliver(side, Long.MAX_VALUE), got, who + ": DISCONNECT delivered");
        assertEquals(0, system.inFlight(side), who + ": nothing left in flight");
        assertTrue(model.sides[1 - side].closedByPeer, "model: the peer is closed");
        assertTrue(peer.conn.isClosed(), name(1 - side) + ": closed by the peer's DISCONNECT");
        assertTrue(peer.disconnected != null && peer.disconnected.cause().reason() == DisconnectReason.BY_APPLICATION,
                name(1 - side) + ": saw the peer's reason, got " + peer.disconnected);
        assertEquals(peerPackets, peer.tap.count(), name(1 - side) + ": encrypted nothing after the DISCONNECT");
        assertTrue(e.conn.isClosed() && !e.conn.wantsWrite(), who + ": closed once DISCONNECT left");
    }

    private static void assertIntact(int side, int k, long sent, byte[] got) {
        assertEquals(sent, got.length, name(side) + ": every byte sent on channel " + k + " delivered");
        byte[] want = new byte[got.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = PairSystem.pattern(side, k, i);
        }
        assertArrayEquals(want, got, name(side) + ": channel " + k + " bytes intact and in order");
    }

    private boolean modelQuiet() {
        for (SideModel s : model.sides) {
            if (s.wireBacklog() > 0 || s.transmitted > s.delivered) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Arrays.toString(NAMES) + List.of(model.sides[0].kex, model.sides[1].kex);
    }
}
