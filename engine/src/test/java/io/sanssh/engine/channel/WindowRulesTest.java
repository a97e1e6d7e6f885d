package io.sanssh.engine.channel;

import static io.sanssh.spec.message.MessageNumbers.CHANNEL_DATA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ConnectionPair.Ends;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.connection.ChannelWindowAdjust;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound rule 5 from both ends: windows and packet sizes, fairness between channels, peer faults. */
class WindowRulesTest {

    @Test
    void tenChannelsWritingAtOnceAllProgressRoundRobin() {
        TransportConfig slow = ConnectionPair.clientTransport().highWaterBytes(64 * 1024).build();
        ConnectionPair p = new ConnectionPair(slow, ConnectionPair.serverTransport().build(),
                ConnectionConfig.defaults(), ConnectionConfig.defaults(), 4);
        int n = 10;
        Ends[] ends = new Ends[n];
        StreamSource[] sources = new StreamSource[n];
        Map<Integer, StreamSink> sinks = new HashMap<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ends[i] = p.openSession();
            sources[i] = new StreamSource(1 << 20, 100 + i);
            sinks.put(ends[i].server(), new StreamSink());
            index.put(ends[i].client(), i);
        }
        p.clearEvents();
        p.pair.clientBudget = 4096; // a slow socket: the outbound budget, not the windows, limits
        for (int i = 0; i < n; i++) {
            sources[i].writeTo(p.client, ends[i].client());
        }
        assertEquals(n, p.client.blockedWriters(), "all ten wait for credit");
        assertEquals(n - 1, Arrays.stream(sources).filter(s -> s.sent() == 0).count(),
                "the first write took the whole budget");
        boolean checkedMidway = false;
        for (int step = 0; step < 20_000; step++) {
            p.step();
            for (SshEvent e : p.takeClient()) {
                if (e instanceof ChannelWritable w) {
                    int i = index.get(w.channel());
                    sources[i].writeTo(p.client, ends[i].client());
                }
            }
            for (SshEvent e : p.takeServer()) {
                if (e instanceof ChannelData d) {
                    sinks.get(d.channel()).accept(d.data());
                    p.server.consumed(d.channel(), d.data().length());
                }
            }
            if (step == 400) {
                long min = Long.MAX_VALUE;
                long max = 0;
                for (StreamSource s : sources) {
                    min = Math.min(min, s.sent());
                    max = Math.max(max, s.sent());
                }
                assertTrue(min > 0, "every channel progressed");
                // One turn is about half the high-water mark (32 KiB): the spread stays within three turns.
                assertTrue(max - min <= 3 * 32 * 1024, "round-robin keeps them within turns: " + min + ".." + max);
                checkedMidway = true;
            }
            if (Arrays.stream(sources).allMatch(StreamSource::done)
                    && sinks.values().stream().allMatch(s -> s.received == 1 << 20)) {
                break;
            }
        }
        assertTrue(checkedMidway);
        for (int i = 0; i < n; i++) {
            assertTrue(sources[i].done(), "channel " + i + " finished");
            assertEquals(sources[i].crc.getValue(), sinks.get(ends[i].server()).crc.getValue(), "channel " + i);
        }
        p.assertConnected();
    }

    @Test
    void maxPacketIsRespectedBothWays() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.builder().maxPacket(1024).build(),
                ConnectionConfig.builder().maxPacket(4096).build(), 6);
        p.clientRouter.recordPayloads = true;
        p.serverRouter.recordPayloads = true;
        Ends ch = p.openSession();
        byte[] up = FlowControlTest.random(100_000, 1);
        byte[] down = FlowControlTest.random(100_000, 2);
        assertEquals(up.length, p.client.write(ch.client(), ByteBuffer.wrap(up)));
        assertEquals(down.length, p.server.write(ch.server(), ByteBuffer.wrap(down)));
        ByteArrayOutputStream atServer = new ByteArrayOutputStream();
        ByteArrayOutputStream atClient = new ByteArrayOutputStream();
        p.pumpUntil(() -> {
            collect(p.takeServer(), p.server, atServer);
            collect(p.takeClient(), p.client, atClient);
            return atServer.size() == up.length && atClient.size() == down.length;
        }, 1000, "both streams");
        assertArrayEquals(up, atServer.toByteArray());
        assertArrayEquals(down, atClient.toByteArray());
        assertEquals(4096, maxDataLength(p.serverRouter.payloads), "to the server: its 4096-byte maximum");
        assertEquals(1024, maxDataLength(p.clientRouter.payloads), "to the client: its 1024-byte maximum");
        p.assertConnected();
    }

    private static void collect(List<SshEvent> events, ConnectionLayer layer, ByteArrayOutputStream out) {
        for (SshEvent e : events) {
            if (e instanceof ChannelData d) {
                out.writeBytes(d.data().toByteArray());
                layer.consumed(d.channel(), d.data().length());
            }
        }
    }

    private static int maxDataLength(List<byte[]> payloads) {
        return payloads.stream().filter(b -> (b[0] & 0xff) == CHANNEL_DATA).mapToInt(b -> b.length - 9).max()
                .orElse(-1);
    }

    @Test
    void dataBeyondTheWindowIsAProtocolErrorOnTheWire() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.builder().initialWindow(4096).build(),
                ConnectionConfig.defaults(), 7);
        Ends ch = p.openSession();
        // Below the server's layer, as a broken peer would: 5000 bytes into a 4096-byte window.
        p.pair.server.send(new io.sanssh.spec.connection.ChannelData(ch.client(), Bytes.wrap(new byte[5000])),
                Origin.APPLICATION);
        expectProtocolErrorFromClient(p, "beyond the window");
    }

    @Test
    void dataPacketAboveOurMaximumIsAProtocolError() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.builder().maxPacket(1024).build(),
                ConnectionConfig.defaults(), 8);
        Ends ch = p.openSession();
        p.pair.server.send(new io.sanssh.spec.connection.ChannelData(ch.client(), Bytes.wrap(new byte[2000])),
                Origin.APPLICATION);
        expectProtocolErrorFromClient(p, "above our maximum");
    }

    @Test
    void windowAdjustOverflowingTwoToThe32IsAProtocolError() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 9);
        Ends ch = p.openSession();
        p.pair.server.send(new ChannelWindowAdjust(ch.client(), 0xffff_ffffL), Origin.INTERNAL);
        expectProtocolErrorFromClient(p, "beyond 2^32-1");
    }

    /** The client found a peer fault: DISCONNECT(PROTOCOL_ERROR) reached the server. */
    static void expectProtocolErrorFromClient(ConnectionPair p, String why) {
        p.pumpUntil(() -> !p.clientEvents(Disconnected.class).isEmpty()
                && !p.serverEvents(Disconnected.class).isEmpty(), 100, "disconnect");
        DisconnectCause local = p.clientEvents(Disconnected.class).get(0).cause();
        assertEquals(DisconnectCause.Origin.PEER_FAULT, local.origin());
        assertEquals(DisconnectReason.PROTOCOL_ERROR, local.reason());
        assertTrue(local.message().contains(why), local.message());
        DisconnectCause remote = p.serverEvents(Disconnected.class).get(0).cause();
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, remote.origin());
        assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), remote.reasonCode());
    }

    @Test
    void extendedDataCountsAgainstTheSameWindow() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.builder().initialWindow(4096).build(),
                ConnectionConfig.defaults(), 10);
        Ends ch = p.openSession();
        p.clearEvents();
        assertEquals(3000, p.server.writeExtended(ch.server(), 1, ByteBuffer.wrap(new byte[3000])));
        ByteBuffer out = ByteBuffer.wrap(new byte[2000]);
        assertEquals(1096, p.server.write(ch.server(), out), "stderr and stdout share the 4096-byte window");
        p.pumpUntil(() -> !p.clientEvents(ChannelData.class).isEmpty(), 100, "data");
        io.sanssh.engine.event.ChannelExtendedData err =
                p.clientEvents(io.sanssh.engine.event.ChannelExtendedData.class).get(0);
        assertEquals(1, err.dataType());
        assertEquals(3000, err.data().length());
        assertEquals(0, p.client.localWindow(ch.client()));
        p.client.consumed(ch.client(), 4096);
        p.pumpUntil(() -> !p.serverEvents(ChannelWritable.class).isEmpty(), 100, "the writer is woken");
        assertEquals(904, p.server.write(ch.server(), out));
        assertThrows(IllegalStateException.class, () -> p.client.consumed(ch.client(), 1), "nothing unconsumed");
        p.assertConnected();
    }

    @Test
    void windowReturnsOnceThreeMaximumPacketsAreConsumed() {
        // 2 MiB window, 32 KiB packets: an adjust per 96 KiB consumed, not per half window (1 MiB)
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 10);
        Ends ch = p.openSession();
        long full = p.client.localWindow(ch.client());
        ByteBuffer out = ByteBuffer.wrap(new byte[200 * 1024]);
        assertEquals(200 * 1024, p.server.write(ch.server(), out));
        p.pumpUntil(() -> p.client.localWindow(ch.client()) == full - 200 * 1024, 1000, "data");
        p.client.consumed(ch.client(), 96 * 1024 - 1);
        assertEquals(full - 200 * 1024, p.client.localWindow(ch.client()), "below three packets: no adjust yet");
        p.client.consumed(ch.client(), 1);
        assertEquals(full - 104 * 1024, p.client.localWindow(ch.client()), "96 KiB returned at once");
        p.client.consumed(ch.client(), 104 * 1024);
        assertEquals(full, p.client.localWindow(ch.client()));
        p.assertConnected();
    }
}
