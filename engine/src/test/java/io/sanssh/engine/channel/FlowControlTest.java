package io.sanssh.engine.channel;

import static io.sanssh.spec.message.MessageNumbers.CHANNEL_DATA;
import static io.sanssh.spec.message.MessageNumbers.CHANNEL_FAILURE;
import static io.sanssh.spec.message.MessageNumbers.CHANNEL_REQUEST;
import static io.sanssh.spec.message.MessageNumbers.CHANNEL_WINDOW_ADJUST;
import static io.sanssh.spec.message.MessageNumbers.GLOBAL_REQUEST;
import static io.sanssh.spec.message.MessageNumbers.REQUEST_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ConnectionPair.Ends;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windows, credit and wake-ups under blocked output and key exchange (DESIGN.md failures 1, 2, 4). */
class FlowControlTest {

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static long dataBytes(List<SshEvent> events, int channel) {
        long n = 0;
        for (ChannelData d : ConnectionPair.of(events, ChannelData.class)) {
            if (d.channel() == channel) {
                n += d.data().length();
            }
        }
        return n;
    }

    @Test
    void windowAdjustAndKeepAliveRepliesLeaveWhileOutputIsBlocked() {
        ConnectionConfig small = ConnectionConfig.builder().initialWindow(64 * 1024).build();
        ConnectionPair p = new ConnectionPair(small, ConnectionConfig.defaults(), 1);
        Ends ch = p.openSession();
        p.clearEvents();
        p.pair.clientBudget = 0; // the client's socket accepts nothing from here on

        byte[] data = random(48 * 1024, 7);
        assertEquals(data.length, p.server.write(ch.server(), ByteBuffer.wrap(data)));
        p.pumpUntil(() -> dataBytes(p.pair.clientEvents, ch.client()) == data.length, 100, "data at the client");
        // The application takes it all: one coalesced WINDOW_ADJUST is queued, and cannot leave.
        p.client.consumed(ch.client(), data.length);
        long g1 = p.server.globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
        long c1 = p.server.request(ch.server(), ChannelRequestBody.KeepAliveRequest.EMPTY, true);
        long g2 = p.server.globalRequest("unknown@example.com", new GlobalRequestBody.UnknownGlobal(Bytes.EMPTY), true);
        int before = p.serverRouter.numbers.size();
        p.pumpUntil(() -> p.clientRouter.count(GLOBAL_REQUEST) == 2 && p.clientRouter.count(CHANNEL_REQUEST) == 1,
                100, "probes at the client");
        for (int i = 0; i < 50; i++) {
            p.step();
        }
        assertEquals(before, p.serverRouter.numbers.size(), "nothing leaves a blocked socket");
        assertTrue(p.pair.client.wantsWrite(), "the adjust and the replies wait on the wire");
        assertTrue(p.pair.client.wantsRead(), "input never paused for them");
        assertEquals(3, p.clientChannelRules.repliesSent(), "three replies queued");

        p.pair.clientBudget = 1; // now it drains, one byte per step
        p.pumpUntil(() -> p.serverRouter.numbers.size() >= before + 4, 10_000, "replies at the server");
        assertEquals(List.of(CHANNEL_WINDOW_ADJUST, REQUEST_FAILURE, CHANNEL_FAILURE, REQUEST_FAILURE),
                p.serverRouter.numbers.subList(before, before + 4), "whole packets, in the order they were queued");
        List<GlobalRequestReplied> global = p.serverEvents(GlobalRequestReplied.class);
        assertEquals(List.of(g1, g2), global.stream().map(GlobalRequestReplied::requestId).toList());
        assertTrue(global.stream().noneMatch(GlobalRequestReplied::success));
        List<ChannelRequestReplied> channel = p.serverEvents(ChannelRequestReplied.class);
        assertEquals(1, channel.size());
        assertEquals(c1, channel.get(0).requestId());
        assertFalse(channel.get(0).success(), "keepalive@openssh.com gets CHANNEL_FAILURE, as from OpenSSH");
        assertEquals(64 * 1024, p.server.peerWindow(ch.server()), "the window is whole again");
        p.assertConnected();
    }

    @Test
    void rekeyDuringBlockedOutputWithPendingChannelData() {
        TransportConfig clientTransport = ConnectionPair.clientTransport().highWaterBytes(64 * 1024).build();
        ConnectionPair p = new ConnectionPair(clientTransport, ConnectionPair.serverTransport().build(),
                ConnectionConfig.builder().initialWindow(64 * 1024).build(), ConnectionConfig.defaults(), 2);
        Ends ch = p.openSession();
        p.clearEvents();
        p.pair.clientBudget = 0;

        StreamSource up = new StreamSource(512 * 1024, 5);
        long first = up.writeTo(p.client, ch.client());
        assertTrue(first > 0 && first <= 64 * 1024, "the outbound budget bounds the write: " + first);
        assertEquals(0, p.client.credit(ch.client()));
        assertEquals(1, p.client.blockedWriters());

        // The server sends data, then starts a rekey while the client's output is blocked with
        // channel data queued, then probes (held at the server until its NEWKEYS).
        byte[] down = random(40 * 1024, 9);
        assertEquals(down.length, p.server.write(ch.server(), ByteBuffer.wrap(down)));
        p.pair.server.requestRekey();
        assertEquals(0, p.server.credit(ch.server()), "the server has no credit during its key exchange");
        long probe = p.server.globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
        for (int i = 0; i < 20; i++) {
            p.step();
        }
        assertFalse(p.pair.client.wantsRead(), "the client's input pauses while its backlog is at high water");
        assertFalse(p.pair.client.kexActive());
        // The socket drains one byte per step: input resumes, the client joins the key exchange, and
        // its KEXINIT queues behind the channel data already on the wire.
        p.pair.clientBudget = 1;
        p.pumpUntil(() -> p.pair.client.kexActive(), 1000, "client joins the key exchange");
        assertTrue(p.pair.client.outbound().wireBytes() > 60 * 1024, "channel data still waits on the wire");
        p.pumpUntil(() -> dataBytes(p.pair.clientEvents, ch.client()) == down.length, 100, "data at the client");
        p.client.consumed(ch.client(), down.length); // adjust queued during our KEX: held, not refused
        assertTrue(p.pair.client.outbound().heldCount() >= 1, "the adjust is held until our NEWKEYS");
        assertEquals(0, p.client.credit(ch.client()), "no credit while our key exchange runs");

        StreamSink sink = new StreamSink();
        List<SshEvent> serverSide = new ArrayList<>();
        int writableEvents = 0;
        for (int step = 0; step < 400_000 && !(up.done() && sink.received == up.sent()); step++) {
            if (p.pair.client.kexActive()) {
                assertEquals(0, p.client.credit(ch.client()), "credit is 0 during key exchange");
            }
            if (p.pair.client.keyExchangeCount() >= 2 && p.pair.server.keyExchangeCount() >= 2) {
                p.pair.clientBudget = Integer.MAX_VALUE;
            }
            p.step();
            for (SshEvent e : p.takeClient()) {
                if (e instanceof ChannelWritable w && w.channel() == ch.client()) {
                    writableEvents++;
                    up.writeTo(p.client, ch.client());
                }
            }
            for (SshEvent e : p.takeServer()) {
                serverSide.add(e);
                if (e instanceof ChannelData d) {
                    sink.accept(d.data());
                    p.server.consumed(ch.server(), d.data().length());
                }
            }
        }
        assertTrue(up.done(), "the writer was woken until it finished: " + up.sent());
        assertTrue(writableEvents > 0);
        assertEquals(up.sent(), sink.received);
        assertEquals(up.crc.getValue(), sink.crc.getValue(), "bytes intact across the rekey");
        assertEquals(2, p.pair.client.keyExchangeCount());
        assertEquals(probe, ConnectionPair.of(serverSide, GlobalRequestReplied.class).get(0).requestId());
        assertEquals(64 * 1024, p.server.peerWindow(ch.server()), "the held adjust arrived after NEWKEYS");
        p.assertConnected();
    }

    @Test
    void channelReadAndWriteAtOnce() {
        long size = 64L << 20;
        ConnectionConfig small = ConnectionConfig.builder().initialWindow(64 * 1024).build();
        ConnectionPair p = new ConnectionPair(ConnectionPair.clientTransport().rekeyBytes(16 << 20).build(),
                ConnectionPair.serverTransport().rekeyBytes(16 << 20).build(), small, small, 3);
        Ends ch = p.openSession();
        p.clearEvents();
        StreamSource up = new StreamSource(size, 11);
        StreamSource down = new StreamSource(size, 12);
        StreamSink atServer = new StreamSink();
        StreamSink atClient = new StreamSink();
        up.writeTo(p.client, ch.client());
        down.writeTo(p.server, ch.server());
        int steps = 0;
        while (!(atServer.eof && atClient.eof)) {
            if (++steps > 200_000) {
                throw new AssertionError("stuck: up " + up.sent() + "/" + atServer.received + ", down "
                        + down.sent() + "/" + atClient.received);
            }
            p.step();
            side(p.takeClient(), p.client, ch.client(), up, atClient);
            side(p.takeServer(), p.server, ch.server(), down, atServer);
        }
        assertEquals(size, atServer.received);
        assertEquals(size, atClient.received);
        assertEquals(up.crc.getValue(), atServer.crc.getValue(), "client to server intact");
        assertEquals(down.crc.getValue(), atClient.crc.getValue(), "server to client intact");
        assertTrue(p.pair.client.keyExchangeCount() >= 5, "rekeys by volume happened mid-stream");
        p.assertConnected();
    }

    /** One side's application: reads and consumes everything, writes when told it may, EOF at the end. */
    private static void side(List<SshEvent> events, ConnectionLayer layer, int channel, StreamSource out,
                             StreamSink in) {
        for (SshEvent e : events) {
            if (e instanceof ChannelData d) {
                in.accept(d.data());
                layer.consumed(channel, d.data().length());
            } else if (e instanceof ChannelEof) {
                in.eof = true;
            } else if (e instanceof ChannelWritable) {
                out.writeTo(layer, channel);
            }
        }
        if (out.done() && layer.channelState(channel) != null) {
            layer.sendEof(channel);
        }
    }
}
