package io.sanssh.engine.channel;

import static io.sanssh.spec.message.MessageNumbers.CHANNEL_FAILURE;
import static io.sanssh.spec.message.MessageNumbers.CHANNEL_SUCCESS;
import static io.sanssh.spec.message.MessageNumbers.REQUEST_FAILURE;
import static io.sanssh.spec.message.MessageNumbers.REQUEST_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.channel.ConnectionPair.Ends;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.GlobalRequestReceived;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.connection.TerminalModes;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channel and global requests (RFC 4254 §4, §5.4, §7.1) and outbound rule 7. */
class RequestsTest {

    @Test
    void channelRepliesLeaveInArrivalOrderWhateverOrderTheApplicationAnswers() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 40);
        Ends ch = p.openSession();
        long env = p.client.setEnv(ch.client(), "LANG", "C.UTF-8", true);
        long pty = p.client.requestPty(ch.client(), "xterm", 80, 24, 0, 0, TerminalModes.NONE, true);
        long probe = p.client.request(ch.client(), ChannelRequestBody.KeepAliveRequest.EMPTY, true);
        long exec = p.client.requestExec(ch.client(), "uname -a", true);
        p.pumpUntil(() -> p.serverEvents(ChannelRequestReceived.class).size() == 3, 100, "three requests");
        List<ChannelRequestReceived> got = p.serverEvents(ChannelRequestReceived.class);
        assertEquals(List.of("env", "pty-req", "exec"), got.stream().map(ChannelRequestReceived::type).toList(),
                "the keep-alive is answered by the layer, not the application");
        assertEquals(ChannelRequestBody.Exec.of("uname -a"), got.get(2).body());

        p.server.replyChannelRequest(ch.server(), got.get(2).requestId(), true);
        p.server.replyChannelRequest(ch.server(), got.get(1).requestId(), false);
        stepSome(p, 20);
        assertEquals(0, p.clientRouter.count(CHANNEL_SUCCESS) + p.clientRouter.count(CHANNEL_FAILURE),
                "later answers wait for the first");
        assertThrows(IllegalStateException.class,
                () -> p.server.replyChannelRequest(ch.server(), got.get(2).requestId(), true), "answered twice");
        assertThrows(IllegalStateException.class, () -> p.server.replyChannelRequest(ch.server(), 9999, true));

        p.server.replyChannelRequest(ch.server(), got.get(0).requestId(), true);
        p.pumpUntil(() -> p.clientEvents(ChannelRequestReplied.class).size() == 4, 100, "four replies");
        List<ChannelRequestReplied> replies = p.clientEvents(ChannelRequestReplied.class);
        assertEquals(List.of(env, pty, probe, exec), replies.stream().map(ChannelRequestReplied::requestId).toList());
        assertEquals(List.of(true, false, false, true), replies.stream().map(ChannelRequestReplied::success).toList());
        assertEquals(List.of("env", "pty-req", "keepalive@openssh.com", "exec"),
                replies.stream().map(ChannelRequestReplied::type).toList());
        p.assertConnected();
    }

    @Test
    void globalRepliesLeaveInArrivalOrderAndTcpipForwardOfPortZeroReturnsTheBoundPort() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 41);
        long any = p.client.requestTcpipForward("", 0);
        long probe = p.client.globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
        long fixed = p.client.requestTcpipForward("localhost", 8080);
        long unknown = p.client.globalRequest("nobody@example.com", new GlobalRequestBody.UnknownGlobal(Bytes.EMPTY),
                true);
        long cancel = p.client.cancelTcpipForward("localhost", 9090);
        p.pumpUntil(() -> p.serverEvents(GlobalRequestReceived.class).size() == 3, 100, "three requests");
        List<GlobalRequestReceived> got = p.serverEvents(GlobalRequestReceived.class);
        assertEquals(new GlobalRequestBody.TcpipForward("", 0), got.get(0).body());
        assertEquals(new GlobalRequestBody.TcpipForward("localhost", 8080), got.get(1).body());
        assertEquals(new GlobalRequestBody.CancelTcpipForward("localhost", 9090), got.get(2).body());

        p.server.replyGlobalRequest(got.get(2).requestId(), true);
        p.server.replyGlobalRequest(got.get(1).requestId(), false);
        stepSome(p, 20);
        assertEquals(0, p.clientRouter.count(REQUEST_SUCCESS) + p.clientRouter.count(REQUEST_FAILURE));
        p.server.replyTcpipForwardBound(got.get(0).requestId(), 40_000);
        p.pumpUntil(() -> p.clientEvents(GlobalRequestReplied.class).size() == 5, 100, "five replies");
        List<GlobalRequestReplied> replies = p.clientEvents(GlobalRequestReplied.class);
        assertEquals(List.of(any, probe, fixed, unknown, cancel),
                replies.stream().map(GlobalRequestReplied::requestId).toList());
        assertEquals(List.of(true, false, false, false, true),
                replies.stream().map(GlobalRequestReplied::success).toList());
        assertEquals(40_000, replies.get(0).boundPort(), "RFC 4254 §7.1: the port the server bound");

        // The server then forwards a connection from the bound port back to the client.
        int fwd = p.server.openForwardedTcpip("", 40_000, "192.0.2.7", 51000);
        p.pumpUntil(() -> !p.clientEvents(ChannelOpenRequested.class).isEmpty(), 100, "forwarded open");
        ChannelOpenRequested req = p.clientEvents(ChannelOpenRequested.class).get(0);
        assertEquals(new ChannelOpenBody.ForwardedTcpip("", 40_000, "192.0.2.7", 51000), req.body());
        p.client.acceptChannel(req.channel());
        p.pumpUntil(() -> !p.serverEvents(ChannelOpened.class).isEmpty(), 100, "opened");
        assertEquals(fwd, p.serverEvents(ChannelOpened.class).get(0).channel());
        assertEquals(4, p.server.write(fwd, ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
        p.pumpUntil(() -> !p.clientEvents(ChannelData.class).isEmpty(), 100, "forwarded data");
        p.assertConnected();
    }

    @Test
    void requestsTheRoleDoesNotHandleAreRefusedByTheLayer() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 42);
        Ends ch = p.openSession();
        // A server sending "exec" to a client, and a client sending "tcpip-forward" it cannot receive.
        long exec = p.server.request(ch.server(), ChannelRequestBody.Exec.of("id"), true);
        long fwd = p.server.globalRequest(new GlobalRequestBody.TcpipForward("", 22), true);
        long agent = p.client.request(ch.client(), "auth-agent-req@openssh.com",
                new ChannelRequestBody.UnknownRequest(Bytes.EMPTY), true);
        p.pumpUntil(() -> p.serverEvents(ChannelRequestReplied.class).size() == 1
                && p.serverEvents(GlobalRequestReplied.class).size() == 1
                && p.clientEvents(ChannelRequestReplied.class).size() == 1, 100, "replies");
        assertEquals(exec, p.serverEvents(ChannelRequestReplied.class).get(0).requestId());
        assertFalse(p.serverEvents(ChannelRequestReplied.class).get(0).success());
        assertEquals(fwd, p.serverEvents(GlobalRequestReplied.class).get(0).requestId());
        assertFalse(p.serverEvents(GlobalRequestReplied.class).get(0).success());
        assertEquals(agent, p.clientEvents(ChannelRequestReplied.class).get(0).requestId());
        assertFalse(p.clientEvents(ChannelRequestReplied.class).get(0).success());
        assertTrue(p.clientEvents(ChannelRequestReceived.class).isEmpty());
        assertTrue(p.serverEvents(ChannelRequestReceived.class).isEmpty());
        p.assertConnected();
    }

    @Test
    void aReplyWithoutARequestIsAProtocolError() {
        ConnectionPair p = new ConnectionPair(ConnectionConfig.defaults(), ConnectionConfig.defaults(), 43);
        p.pair.server.send(io.sanssh.spec.connection.RequestFailure.INSTANCE,
                io.sanssh.engine.transport.OutboundQueue.Origin.INTERNAL);
        WindowRulesTest.expectProtocolErrorFromClient(p, "without a global request");
    }

    private static void stepSome(ConnectionPair p, int n) {
        for (int i = 0; i < n; i++) {
            p.step();
        }
    }
}
