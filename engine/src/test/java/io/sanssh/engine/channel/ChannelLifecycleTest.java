package io.sanssh.engine.channel;

import static io.sanssh.spec.message.MessageNumbers.CHANNEL_CLOSE;
import static io.sanssh.spec.message.MessageNumbers.CHANNEL_OPEN_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.channel.ConnectionPair.Ends;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenFailed;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ExitSignalReceived;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.spec.connection.ChannelOpen;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelOpenFailure;
import io.sanssh.spec.connection.ConnectionCodec;
import io.sanssh.spec.connection.OpenFailureReason;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening, EOF and CLOSE (RFC 4254 §5.1, §5.3), outbound rule 6, and channel numbers. */
class ChannelLifecycleTest {

    private static ConnectionPair pair(long seed) {
        return new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), seed);
    }

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noDataAfterOurEofButTheOtherDirectionStaysOpen() {
        ConnectionPair p = pair(20);
        Ends ch = p.openSession();
        p.client.sendEof(ch.client());
        p.client.sendEof(ch.client()); // idempotent: one EOF on the wire
        assertEquals(0, p.client.credit(ch.client()));
        assertThrows(IllegalStateException.class, () -> p.client.write(ch.client(), text("late")));
        assertThrows(IllegalStateException.class, () -> p.client.writeExtended(ch.client(), 1, text("late")));
        assertTrue(p.client.signal(ch.client(), "INT") > 0, "requests may follow EOF");
        p.pumpUntil(() -> !p.serverEvents(ChannelEof.class).isEmpty(), 100, "EOF at the server");
        assertEquals(ch.server(), p.serverEvents(ChannelEof.class).get(0).channel());
        assertEquals(5, p.server.write(ch.server(), text("reply")), "half-closed: the server still sends");
        p.pumpUntil(() -> !p.clientEvents(ChannelData.class).isEmpty(), 100, "data at the client");
        assertEquals(1, p.serverRouter.count(io.sanssh.spec.message.MessageNumbers.CHANNEL_EOF));
        p.assertConnected();
    }

    @Test
    void nothingAfterOurCloseAndCloseIsSentOnce() {
        ConnectionPair p = pair(21);
        Ends ch = p.openSession();
        p.client.close(ch.client());
        p.client.close(ch.client());
        assertEquals(State.CLOSE_SENT, p.client.channelState(ch.client()));
        assertThrows(IllegalStateException.class, () -> p.client.write(ch.client(), text("x")));
        assertEquals(-1, p.client.requestShell(ch.client(), true), "requests after our CLOSE are dropped");
        p.client.sendEof(ch.client()); // a no-op after CLOSE
        assertEquals(0, p.client.credit(ch.client()));
        p.pumpUntil(() -> !p.clientEvents(ChannelClosed.class).isEmpty(), 100, "closed");
        assertEquals(1, p.serverRouter.count(CHANNEL_CLOSE), "CLOSE once");
        assertEquals(0, p.serverRouter.count(io.sanssh.spec.message.MessageNumbers.CHANNEL_EOF));
        p.assertConnected();
    }

    @Test
    void thePeersCloseIsEchoed() {
        ConnectionPair p = pair(22);
        Ends ch = p.openSession();
        p.server.close(ch.server());
        p.pumpUntil(() -> !p.serverEvents(ChannelClosed.class).isEmpty(), 100, "closed at the server");
        ChannelClosed atClient = p.clientEvents(ChannelClosed.class).get(0);
        assertEquals(new ChannelClosed(ch.client(), true), atClient, "the client echoed the server's CLOSE");
        assertEquals(new ChannelClosed(ch.server(), false), p.serverEvents(ChannelClosed.class).get(0));
        assertEquals(1, p.clientRouter.count(CHANNEL_CLOSE));
        assertEquals(1, p.serverRouter.count(CHANNEL_CLOSE));
        assertEquals(0, p.client.channelCount());
        assertEquals(0, p.server.channelCount());
        p.assertConnected();
    }

    @Test
    void simultaneousClosesCrossAndEachSideSendsOne() {
        ConnectionPair p = pair(23);
        Ends ch = p.openSession();
        p.client.close(ch.client());
        p.server.close(ch.server());
        p.pumpUntil(() -> p.client.channelCount() == 0 && p.server.channelCount() == 0, 100, "both closed");
        assertEquals(1, p.clientRouter.count(CHANNEL_CLOSE));
        assertEquals(1, p.serverRouter.count(CHANNEL_CLOSE));
        assertFalse(p.clientEvents(ChannelClosed.class).get(0).byPeer());
        assertFalse(p.serverEvents(ChannelClosed.class).get(0).byPeer());
        p.assertConnected();
    }

    @Test
    void channelNumbersAreReusedOnlyAfterCloseBothWaysAndStaleNumbersAreInert() {
        ConnectionPair p = pair(24);
        Ends a = p.openSession();
        Ends b = p.openSession();
        assertEquals(List.of(0, 1), List.of(a.client(), b.client()), "numbered from 0, as OpenSSH does");
        p.client.close(a.client());
        int c = p.client.openSession(); // a's CLOSE has not been answered: its slot stays taken
        assertEquals(2, ConnectionLayer.slotOf(c));
        p.pumpUntil(() -> !p.clientEvents(ChannelClosed.class).isEmpty(), 100, "a closed both ways");
        p.pumpUntil(() -> p.serverEvents(ChannelOpenRequested.class).size() == 3, 100, "c requested");
        int cAtServer = p.serverEvents(ChannelOpenRequested.class).get(2).channel();
        // On the server, CLOSE went both ways when a's CLOSE arrived (it echoed), so c, which came
        // right behind, took a's slot there; under a new number.
        assertEquals(ConnectionLayer.slotOf(a.server()), ConnectionLayer.slotOf(cAtServer));
        assertNotEquals(a.server(), cAtServer);
        p.server.acceptChannel(cAtServer);
        Ends d = p.openSession();
        assertEquals(ConnectionLayer.slotOf(a.client()), ConnectionLayer.slotOf(d.client()), "a's slot is reused");
        assertNotEquals(a.client(), d.client(), "but not a's number");
        // A stale number reaches nothing.
        assertNull(p.client.channelState(a.client()));
        assertEquals(0, p.client.credit(a.client()));
        assertEquals(0, p.client.write(a.client(), text("stale")));
        p.client.consumed(a.client(), 10);
        p.client.close(a.client());
        assertEquals(State.OPEN, p.client.channelState(d.client()));
        // d carries data both ways under its own numbers.
        assertEquals(2, p.client.write(d.client(), text("hi")));
        assertEquals(3, p.server.write(d.server(), text("yes")));
        p.pumpUntil(() -> !p.clientEvents(ChannelData.class).isEmpty() && !p.serverEvents(ChannelData.class).isEmpty(),
                100, "data on d");
        assertEquals(d.server(), p.serverEvents(ChannelData.class).get(0).channel());
        assertEquals(d.client(), p.clientEvents(ChannelData.class).get(0).channel());
        p.assertConnected();
    }

    @Test
    void exitStatusAndExitSignalAreReported() {
        ConnectionPair p = pair(25);
        Ends ch = p.openSession();
        p.server.write(ch.server(), text("out"));
        p.server.sendExitStatus(ch.server(), 42);
        p.server.sendEof(ch.server());
        p.server.close(ch.server());
        p.pumpUntil(() -> !p.clientEvents(ChannelClosed.class).isEmpty(), 100, "closed");
        List<SshEvent> seen = p.pair.clientEvents.stream()
                .filter(e -> e instanceof ChannelData || e instanceof ExitStatusReceived || e instanceof ChannelEof
                        || e instanceof ChannelClosed).toList();
        assertEquals(4, seen.size(), seen.toString());
        assertInstanceOf(ChannelData.class, seen.get(0));
        assertEquals(new ExitStatusReceived(ch.client(), 42), seen.get(1));
        assertEquals(new ChannelEof(ch.client()), seen.get(2));
        assertEquals(new ChannelClosed(ch.client(), true), seen.get(3));

        Ends killed = p.openSession();
        p.server.sendExitSignal(killed.server(), "TERM", true, "terminated", "en");
        p.pumpUntil(() -> !p.clientEvents(ExitSignalReceived.class).isEmpty(), 100, "exit signal");
        assertEquals(new ExitSignalReceived(killed.client(), "TERM", true, "terminated", "en"),
                p.clientEvents(ExitSignalReceived.class).get(0));
        assertThrows(IllegalStateException.class, () -> p.client.sendExitStatus(killed.client(), 0),
                "exit-status is the server's");
        p.assertConnected();
    }

    @Test
    void directTcpipIsOpenedOrRefusedByTheServersApplication() {
        ConnectionPair p = pair(26);
        int yes = p.client.openDirectTcpip("db.internal", 5432, "127.0.0.1", 50000);
        int no = p.client.openDirectTcpip("nowhere.internal", 1, "127.0.0.1", 50001);
        p.pumpUntil(() -> p.serverEvents(ChannelOpenRequested.class).size() == 2, 100, "two opens");
        ChannelOpenRequested first = p.serverEvents(ChannelOpenRequested.class).get(0);
        ChannelOpenRequested second = p.serverEvents(ChannelOpenRequested.class).get(1);
        assertEquals(new ChannelOpenBody.DirectTcpip("db.internal", 5432, "127.0.0.1", 50000), first.body());
        assertEquals(State.ACCEPTING, p.server.channelState(first.channel()));
        p.server.rejectChannel(second.channel(), OpenFailureReason.CONNECT_FAILED, "connection refused");
        p.server.acceptChannel(first.channel());
        p.pumpUntil(() -> !p.clientEvents(ChannelOpened.class).isEmpty()
                && !p.clientEvents(ChannelOpenFailed.class).isEmpty(), 100, "answers");
        ChannelOpened opened = p.clientEvents(ChannelOpened.class).get(0);
        assertEquals(yes, opened.channel());
        assertEquals(ChannelOpenBody.DIRECT_TCPIP, opened.type());
        ChannelOpenFailed failed = p.clientEvents(ChannelOpenFailed.class).get(0);
        assertEquals(no, failed.channel());
        assertEquals(OpenFailureReason.CONNECT_FAILED, failed.reason());
        assertEquals("connection refused", failed.description());
        assertNull(p.client.channelState(no), "a refused number is free at once");
        assertEquals(1, p.client.channelCount());
        assertEquals(1, p.server.channelCount());
        assertThrows(IllegalStateException.class, () -> p.server.acceptChannel(second.channel()));

        int sock = p.client.openDirectStreamLocal("/run/app.sock");
        p.pumpUntil(() -> p.serverEvents(ChannelOpenRequested.class).size() == 3, 100, "streamlocal open");
        assertEquals(ChannelOpenBody.DirectStreamLocal.of("/run/app.sock"),
                p.serverEvents(ChannelOpenRequested.class).get(2).body());
        assertEquals(State.OPENING, p.client.channelState(sock));
        p.assertConnected();
    }

    @Test
    void opensThePeersRoleMayNotMakeAreRefusedByTheLayer() {
        ConnectionPair p = pair(27);
        p.serverRouter.recordPayloads = true;
        p.serverRouter.swallow = n -> n == CHANNEL_OPEN_FAILURE; // the server layer never sent these opens
        p.pair.server.send(new ChannelOpen(ChannelOpenBody.X11, 77, 1 << 16, 1 << 15,
                new ChannelOpenBody.X11("10.0.0.1", 6010)), Origin.APPLICATION);
        p.pair.server.send(ChannelOpen.of(78, 1 << 16, 1 << 15, new ChannelOpenBody.Session()), Origin.APPLICATION);
        p.pair.server.send(new ChannelOpen("tun@openssh.com", 79, 1 << 16, 1 << 15,
                new ChannelOpenBody.UnknownOpen(Bytes.fromHex("00000001 7fffffff"))), Origin.APPLICATION);
        p.pumpUntil(() -> p.serverRouter.count(CHANNEL_OPEN_FAILURE) == 3, 100, "three refusals");
        List<ChannelOpenFailure> refusals = p.serverRouter.payloads.stream()
                .filter(b -> (b[0] & 0xff) == CHANNEL_OPEN_FAILURE)
                .map(b -> (ChannelOpenFailure) ConnectionCodec.decode(b)).toList();
        assertEquals(77, refusals.get(0).recipient());
        assertEquals(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, refusals.get(0).reason(), "x11 never requested");
        assertEquals(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, refusals.get(1).reason(), "a server's session");
        assertEquals(OpenFailureReason.UNKNOWN_CHANNEL_TYPE, refusals.get(2).reason());
        assertTrue(p.clientEvents(ChannelOpenRequested.class).isEmpty());
        assertEquals(0, p.client.channelCount());
        p.assertConnected();
    }

    @Test
    void aSessionAfterNoMoreSessionsEndsTheConnection() {
        ConnectionPair p = pair(28);
        p.openSession();
        p.client.sendNoMoreSessions();
        assertThrows(IllegalStateException.class, p.client::openSession);
        p.pumpUntil(p.server::peerSentNoMoreSessions, 100, "no-more-sessions at the server");
        p.pair.client.send(ChannelOpen.of(9, 1 << 16, 1 << 15, new ChannelOpenBody.Session()), Origin.APPLICATION);
        p.pumpUntil(() -> !p.serverEvents(io.sanssh.engine.event.Disconnected.class).isEmpty(), 100, "disconnect");
        assertTrue(p.serverEvents(io.sanssh.engine.event.Disconnected.class).get(0).cause().message()
                .contains("no-more-sessions"));
    }

    @Test
    void aSessionAfterNoMoreSessionsCanBeMerelyRefused() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(),
                ConnectionConfig.builder().disconnectOnSessionAfterNoMoreSessions(false).build(), 29);
        p.client.sendNoMoreSessions();
        p.pumpUntil(p.server::peerSentNoMoreSessions, 100, "no-more-sessions at the server");
        p.clientRouter.swallow = n -> n == CHANNEL_OPEN_FAILURE;
        p.pair.client.send(ChannelOpen.of(9, 1 << 16, 1 << 15, new ChannelOpenBody.Session()), Origin.APPLICATION);
        p.pumpUntil(() -> p.clientRouter.count(CHANNEL_OPEN_FAILURE) == 1, 100, "refusal");
        assertTrue(p.serverEvents(ChannelOpenRequested.class).isEmpty());
        p.assertConnected();
    }

    @Test
    void closeBeforeTheConfirmationIsSentRightAfterIt() {
        ConnectionPair p = pair(30);
        int c = p.client.openSession();
        p.client.close(c);
        assertEquals(State.OPENING, p.client.channelState(c));
        p.pumpUntil(() -> !p.serverEvents(ChannelOpenRequested.class).isEmpty(), 100, "requested");
        p.server.acceptChannel(p.serverEvents(ChannelOpenRequested.class).get(0).channel());
        p.pumpUntil(() -> p.client.channelCount() == 0 && p.server.channelCount() == 0, 100, "closed both ways");
        assertTrue(p.clientEvents(ChannelOpened.class).isEmpty(), "the application closed it: no ChannelOpened");
        assertEquals(new ChannelClosed(c, false), p.clientEvents(ChannelClosed.class).get(0));
        p.assertConnected();
    }

    @Test
    void lifecycleMessagesInTheWrongStateAreProtocolErrors() {
        ConnectionPair p = pair(31);
        p.serverRouter.swallow = n -> n == io.sanssh.spec.message.MessageNumbers.CHANNEL_OPEN;
        int c = p.client.openSession();
        p.pumpUntil(() -> p.serverRouter.count(io.sanssh.spec.message.MessageNumbers.CHANNEL_OPEN) == 1, 100,
                "open sent");
        // CLOSE for a channel still OPENING: the lifecycle machine declines it.
        p.pair.server.send(new io.sanssh.spec.connection.ChannelClose(c), Origin.APPLICATION);
        WindowRulesTest.expectProtocolErrorFromClient(p, "close on channel 0");

        ConnectionPair q = pair(32);
        Ends ch = q.openSession();
        q.pair.server.send(io.sanssh.spec.connection.ChannelOpenConfirmation.of(ch.client(), 5, 1000, 1000),
                Origin.APPLICATION);
        WindowRulesTest.expectProtocolErrorFromClient(q, "open confirmation");
    }

    @Test
    void eofOrDataBeforeTheChannelIsOpenIsMisuse() {
        ConnectionPair p = pair(33);
        int c = p.client.openSession();
        assertThrows(IllegalStateException.class, () -> p.client.sendEof(c));
        assertThrows(IllegalStateException.class, () -> p.client.write(c, text("early")));
        assertThrows(IllegalStateException.class, () -> p.client.requestShell(c, true));
        assertEquals(0, p.client.credit(c));
        assertThrows(IllegalStateException.class, () -> p.server.openSession(), "sessions are the client's");
    }
}
