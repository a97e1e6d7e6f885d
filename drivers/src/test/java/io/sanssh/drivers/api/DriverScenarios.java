package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scenario suite every driver runs (issue 5): the same user API calls and the same assertions,
 * with only {@link #open} differing per driver. The server side is {@link ScenarioExecHandler}.
 */
@Timeout(60)
abstract class DriverScenarios {
    static final long BULK = 64L << 20;

    /** A connected, authenticated client session and the server it talks to. */
    interface Peers extends AutoCloseable {
        SshSession session();

        /** Packets the server received from the client since the last NEWKEYS. */
        long serverPacketsReceived();

        /** Lets {@code d} pass with the client application doing nothing. */
        void idle(Duration d) throws InterruptedException;

        /** Ends the connection from the server's side (DISCONNECT BY_APPLICATION). */
        void closeServer();

        @Override
        void close();
    }

    /**
     * Starts a server with {@code server} (authenticator and exec handler already set) and returns
     * a client session connected with {@code client}, authenticated as "alice".
     */
    abstract Peers open(ServerOptions.Builder server, ClientOptions.Builder client) throws Exception;

    final ScenarioExecHandler handler = new ScenarioExecHandler();
    private Peers peers;

    private SshSession connect(ServerOptions.Builder server, ClientOptions.Builder client) throws Exception {
        peers = open(server.execHandler(handler).passwordAuthenticator(PasswordFile.of(java.util.Map.of("alice",
                "secret"))), client);
        handler.serverPackets = peers::serverPacketsReceived;
        handler.sleeper = peers::idle;
        return peers.session();
    }

    private SshSession connect() throws Exception {
        return connect(ServerOptions.builder(), ClientOptions.builder());
    }

    @AfterEach
    void closePeers() {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void execReportsStdoutStderrAndExitStatus() throws Exception {
        SshSession s = connect();
        ExecResult r = s.exec("hello");
        assertEquals("hello\n", r.stdoutText());
        assertEquals("oops\n", r.stderrText());
        assertEquals(3, r.exitStatus());
        assertEquals(127, s.exec("no-such-command").exitStatus());
    }

    @Test
    void sixtyFourMebibytesBothWaysOnOneChannelAtOnce() throws Exception {
        SshSession s = connect();
        assertEquals(0, both(s, BULK));
    }

    @Test
    void fiftyChannelsInParallel() throws Exception {
        SshSession s = connect();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> both(s, 256 * 1024)));
            }
            for (Future<Integer> f : results) {
                assertEquals(0, f.get(50, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, s.exec("hello").exitStatus(), "the connection still works after 50 channels");
    }

    @Test
    void rekeyUnderLoad() throws Exception {
        SshSession s = connect(ServerOptions.builder(), ClientOptions.builder().rekeyBytes(4L << 20));
        int before = s.keyExchangeCount();
        AtomicReference<Throwable> rekeyFailed = new AtomicReference<>();
        Thread rekeys = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(50);
                    s.rekey();
                }
            } catch (InterruptedException | RuntimeException e) {
                rekeyFailed.set(e);
            }
        });
        rekeys.start();
        assertEquals(0, both(s, 16L << 20));
        rekeys.join();
        assertEquals(null, rekeyFailed.get());
        // 32 MiB over a 4 MiB limit: at least several exchanges, whichever side started them
        assertTrue(s.keyExchangeCount() >= before + 4, "key exchanges: " + before + " -> " + s.keyExchangeCount());
        assertEquals(3, s.exec("hello").exitStatus());
    }

    @Test
    void keepAliveIsAnsweredWhileTheApplicationIsIdle() throws Exception {
        SshSession s = connect(keepAlive(), ClientOptions.builder());
        long before = peers.serverPacketsReceived();
        peers.idle(Duration.ofMillis(2000));
        long after = peers.serverPacketsReceived();
        // the client application made no call: every packet the server got meanwhile is an answer
        // to one of its keep-alives; with CountMax 2 an unanswered client would have been dropped
        assertTrue(after - before >= 4, "keep-alive answers while idle: " + (after - before));
        assertTrue(s.isOpen(), "dropped: " + s.disconnectCause());
        assertEquals(3, s.exec("hello").exitStatus());
    }

    @Test
    void keepAliveIsAnsweredWhileTheApplicationIsBlockedInAWrite() throws Exception {
        SshSession s = connect(keepAlive(), ClientOptions.builder());
        long n = 8L << 20; // more than the server's window: the write blocks until the stall ends
        ExecProcess p = s.execStreaming("stall 2000 " + n);
        try (OutputStream out = p.getOutputStream()) {
            ScenarioExecHandler.writePattern(out, n);
        }
        assertTrue(p.waitFor(Duration.ofSeconds(30)));
        assertEquals(0, p.exitStatus());
        long answers = handler.stallEndPackets - handler.stallStartPackets;
        assertTrue(answers >= 4, "keep-alive answers during the blocked write: " + answers);
        assertTrue(s.isOpen(), "dropped: " + s.disconnectCause());
    }

    @Test
    void remoteCloseMidStreamEndsTheStreamAndTheSession() throws Exception {
        SshSession s = connect();
        ExecProcess p = s.execStreaming("flood");
        InputStream in = p.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        while (read < (4 << 20)) {
            int r = in.read(buf);
            assertTrue(r > 0, "the flood ended early");
            read += r;
        }
        peers.closeServer();
        boolean ended = false;
        try {
            while (in.read(buf) >= 0) {
                // drain what was already received
            }
            ended = true;
        } catch (IOException e) {
            ended = true;
        }
        assertTrue(ended);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(s.isOpen());
        DisconnectCause cause = s.disconnectCause();
        assertNotNull(cause);
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, cause.origin(), cause.toString());
        assertEquals(DisconnectReason.BY_APPLICATION.code(), cause.reasonCode(), cause.toString());
    }

    private static ServerOptions.Builder keepAlive() {
        return ServerOptions.builder().keepAliveInterval(Duration.ofMillis(200)).keepAliveCountMax(2);
    }

    /** Runs {@code both n}: n pattern bytes each way at once on one channel; the exit status. */
    static int both(SshSession s, long n) throws Exception {
        ExecProcess p = s.execStreaming("both " + n);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = p.getOutputStream()) {
                ScenarioExecHandler.writePattern(out, n);
            } catch (IOException | RuntimeException e) {
                failed.set(e);
            }
        }, "scenario-client-writer");
        writer.start();
        boolean ok = ScenarioExecHandler.verify(p.getInputStream(), n);
        writer.join(TimeUnit.SECONDS.toMillis(50));
        assertEquals(null, failed.get());
        assertTrue(ok, "the server's bytes arrived intact");
        assertTrue(p.waitFor(Duration.ofSeconds(30)));
        return p.exitStatus();
    }
}
