package io.sanssh.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.connection.ChannelRequestBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole stack through {@link SshConnection}: transport, password authentication, a session
 * channel with exec, output, exit status and close, with the application on each side reacting
 * only to events, as a driver would run it.
 */
class SshConnectionTest {

    private static final class Side {
        final SshConnection conn;
        final List<SshEvent> events = new ArrayList<>();
        final ByteBuffer inbound = ByteBuffer.allocate(8 << 20).flip();

        Side(SshConnection conn) {
            this.conn = conn;
        }
    }

    private static void move(Side from, Side to, int budget, long now) {
        if (from.conn.wantsWrite()) {
            ByteBuffer b = to.inbound;
            b.compact();
            ByteBuffer w = b.duplicate().limit(Math.min(b.capacity(), b.position() + budget));
            int n = from.conn.transmit(w);
            b.position(b.position() + n);
            b.flip();
        }
        while (to.inbound.hasRemaining() && to.conn.wantsRead()) {
            if (to.conn.receive(to.inbound, now) == 0) {
                break;
            }
        }
    }

    private static void runExec(int budget) {
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password((user, pw, ctx) -> "alice".equals(user) && "secret".equals(pw)
                        ? PasswordVerdict.accept() : PasswordVerdict.reject())
                .build();
        SshConnection server = SshConnection.server(new SshServerConfig(
                TransportConfig.builder().hostKeys(TestKeys.all()).build(), auth, ConnectionConfig.defaults()),
                TestRandom.seeded(2), 0);
        SshConnection client = SshConnection.client(SshClientConfig.of(
                TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build()), TestRandom.seeded(1), 0);
        Side c = new Side(client);
        Side s = new Side(server);
        byte[] output = "hello from the server\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        ByteBuffer pendingOutput = ByteBuffer.wrap(output);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int serverChannel = -1;
        boolean serverDone = false;
        long exit = -1;
        boolean closed = false;
        long now = 0;
        for (int step = 0; step < 2_000_000 && !closed; step++) {
            now += 1_000_000;
            move(c, s, budget, now);
            move(s, c, budget, now);
            SshEvent e;
            while ((e = client.pollEvent()) != null) {
                c.events.add(e);
                if (e instanceof AuthServiceReady) {
                    client.clientAuth().password("alice", "secret");
                } else if (e instanceof Authenticated) {
                    int ch = client.channels().openSession();
                    assertTrue(ch >= 0);
                } else if (e instanceof ChannelOpened o) {
                    client.channels().requestExec(o.channel(), "produce-output", true);
                } else if (e instanceof ChannelData d) {
                    received.write(d.data().toByteArray(), 0, d.data().length());
                    client.channels().consumed(d.channel(), d.data().length());
                } else if (e instanceof ExitStatusReceived x) {
                    exit = x.status();
                } else if (e instanceof ChannelClosed) {
                    closed = true;
                }
            }
            while ((e = server.pollEvent()) != null) {
                s.events.add(e);
                if (e instanceof ChannelOpenRequested r) {
                    server.channels().acceptChannel(r.channel());
                } else if (e instanceof ChannelRequestReceived r) {
                    assertEquals("exec", r.type());
                    assertEquals("produce-output", ((ChannelRequestBody.Exec) r.body()).command().toUtf8());
                    server.channels().replyChannelRequest(r.channel(), r.requestId(), true);
                    serverChannel = r.channel();
                }
            }
            if (serverChannel >= 0 && !serverDone) {
                server.channels().write(serverChannel, pendingOutput);
                if (!pendingOutput.hasRemaining()) {
                    server.channels().sendExitStatus(serverChannel, 7);
                    server.channels().sendEof(serverChannel);
                    server.channels().close(serverChannel);
                    serverDone = true;
                }
            }
        }
        assertTrue(closed, "channel closed; client events " + c.events.subList(0, Math.min(20, c.events.size())));
        assertEquals(7, exit);
        assertArrayEquals(output, received.toByteArray());
    }

    @Test
    void execOverPasswordAuthDeliversOutputAndExitStatus() {
        runExec(Integer.MAX_VALUE);
    }

    @Test
    void execWorksWhenEachSideTransmitsOneBytePerStep() {
        runExec(1);
    }
}
