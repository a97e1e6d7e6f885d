package io.sanssh.modeltests.harness.pair;

import io.sanssh.drivers.sim.SeededRandom;
import io.sanssh.engine.SshClientConfig;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.SshServerConfig;
import io.sanssh.engine.auth.PasswordVerdict;
import io.sanssh.engine.auth.ServerAuthConfig;
import io.sanssh.engine.channel.ConnectionConfig;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.HostKeyVerifier;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test: a client and a server {@link SshConnection}, authenticated, joined by an
 * in-memory link that the test drives byte by byte (transmit n bytes, deliver n bytes) in virtual
 * time. The driver is the in-memory one reduced to its verbs, so every interleaving the harness
 * draws is reachable: a delivery is cut at packet ends (packet ends come from each engine's
 * outbound trace hook), and after each piece both applications react to their events (the server
 * accepts channel opens, both consume received data at once).
 */
final class PairSystem {
    static final int CLIENT = 0;
    static final int SERVER = 1;
    static final long HIGH_WATER = 64 * 1024;
    static final long WINDOW = 40_000;
    static final int MAX_PACKET = 4096;
    private static final SshKeyPair HOST_KEY = KeyPairs.generate("ssh-ed25519", 0, new SecureRandom(new byte[] {9}));

    /** One end: its engine, tap, and what its application saw. */
    static final class End {
        final SshConnection conn;
        final EngineTap tap;
        /** Our channel number of channel k (the k-th opened), or -1 before we know it. */
        final List<Integer> ids = new ArrayList<>();
        final Map<Integer, Integer> kOf = new HashMap<>();
        final List<ByteArrayOutputStream> received = new ArrayList<>();
        final List<Long> sent = new ArrayList<>();
        final List<Boolean> blocked = new ArrayList<>();
        final List<Long> repliesInOrder = new ArrayList<>();
        final List<Long> requestsInOrder = new ArrayList<>();
        /** Stream offset of the first byte not yet transmitted / not yet delivered to the peer. */
        long transmitted;
        Disconnected disconnected;

        End(SshConnection conn, EngineTap tap) {
            this.conn = conn;
            this.tap = tap;
        }

        void addChannel(int id) {
            kOf.put(id, ids.size());
            ids.add(id);
            received.add(new ByteArrayOutputStream());
            sent.add(0L);
            blocked.add(false);
        }
    }

    final End[] ends = new End[2];
    /** Bytes transmitted by side i and not yet delivered to the other side. */
    private final ByteArrayOutputStream[] inFlight = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    /** Stream offset (of side i's output) up to which the other side has received. */
    private final long[] delivered = new long[2];
    private long now = 1_000_000_000L;

    PairSystem(long seed) {
        ConnectionConfig cc = ConnectionConfig.builder().initialWindow(WINDOW).maxPacket(MAX_PACKET).build();
        TransportConfig ct = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL)
                .highWaterBytes(HIGH_WATER).build();
        TransportConfig st = TransportConfig.builder().hostKeys(List.of(HOST_KEY)).highWaterBytes(HIGH_WATER).build();
        ServerAuthConfig auth = ServerAuthConfig.builder()
                .password((user, pw, ctx) -> "model".equals(user) && "pw".equals(pw)
                        ? PasswordVerdict.accept() : PasswordVerdict.reject())
                .build();
        EngineTap ctap = new EngineTap();
        EngineTap stap = new EngineTap();
        SshConnection client = SshConnection.client(new SshClientConfig(ct, cc, false),
                SeededRandom.create(seed, 1), now, ctap);
        SshConnection server = SshConnection.server(new SshServerConfig(st, auth, cc),
                SeededRandom.create(seed, 2), now, stap);
        ends[CLIENT] = new End(client, ctap);
        ends[SERVER] = new End(server, stap);
        for (int i = 0; i < 10_000 && !(client.channels().isStarted() && server.channels().isStarted()
                && quiet()); i++) {
            transmit(CLIENT, Integer.MAX_VALUE);
            transmit(SERVER, Integer.MAX_VALUE);
            deliver(CLIENT, Long.MAX_VALUE);
            deliver(SERVER, Long.MAX_VALUE);
        }
        if (!quiet() || !client.channels().isStarted()) {
            throw new AssertionError("setup: authentication did not complete");
        }
        ctap.take();
        stap.take();
    }

    /** Nothing waits on either side or in flight. */
    boolean quiet() {
        return !ends[CLIENT].conn.wantsWrite() && !ends[SERVER].conn.wantsWrite() && inFlight[0].size() == 0
                && inFlight[1].size() == 0;
    }

    // ---------------------------------------------------------------- application verbs

    /** The client opens a session channel; returns its index k. */
    int open() {
        End c = ends[CLIENT];
        c.addChannel(c.conn.channels().openSession());
        return c.ids.size() - 1;
    }

    /** Whether side {@code side} knows channel k (opened, or its open request arrived). */
    boolean knows(int side, int k) {
        return k < ends[side].ids.size();
    }

    /** Writes {@code n} pattern bytes on channel k from {@code side}; returns how many were accepted. */
    int write(int side, int k, int n) {
        End e = ends[side];
        long offset = e.sent.get(k);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = pattern(side, k, offset + i);
        }
        int accepted = e.conn.channels().write(e.ids.get(k), ByteBuffer.wrap(b));
        e.sent.set(k, offset + accepted);
        if (accepted < n) {
            e.blocked.set(k, true);
        }
        react();
        return accepted;
    }

    static byte pattern(int side, int k, long offset) {
        return (byte) (offset * 31 + k * 7 + side * 101 + (offset >>> 8));
    }

    void eof(int side, int k) {
        ends[side].conn.channels().sendEof(ends[side].ids.get(k));
        react();
    }

    void close(int side, int k) {
        ends[side].conn.channels().close(ends[side].ids.get(k));
        react();
    }

    /** A keepalive@openssh.com global request with want_reply; returns its request id. */
    long keepAlive(int side) {
        long id = ends[side].conn.channels().globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
        ends[side].requestsInOrder.add(id);
        react();
        return id;
    }

    void rekey(int side) {
        ends[side].conn.requestRekey();
        react();
    }

    /** Advances virtual time and lets both engines' timers fire. */
    void tick(long nanos) {
        now += nanos;
        ends[CLIENT].conn.onTimeout(now);
        ends[SERVER].conn.onTimeout(now);
        react();
    }

    /** Side {@code side}'s application says goodbye: DISCONNECT BY_APPLICATION. */
    void disconnect(int side) {
        ends[side].conn.disconnect(DisconnectReason.BY_APPLICATION, "harness done");
        react();
    }

    // ---------------------------------------------------------------- driver verbs

    /** Side {@code side}'s driver writes at most {@code n} bytes; returns how many left. */
    int transmit(int side, int n) {
        End e = ends[side];
        if (n <= 0 || !e.conn.wantsWrite()) {
            return 0;
        }
        byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
        ByteBuffer dst = ByteBuffer.wrap(buf);
        int total = 0;
        while (dst.hasRemaining() && e.conn.wantsWrite()) {
            int got = e.conn.transmit(dst);
            if (got == 0) {
                break;
            }
            total += got;
        }
        inFlight[side].write(buf, 0, total);
        e.transmitted += total;
        react();
        return total;
    }

    /**
     * Hands up to {@code n} of side {@code side}'s transmitted bytes to the other side, cut at
     * packet ends, while the receiver wants to read; both applications react after each piece.
     */
    long deliver(int side, long n) {
        End from = ends[side];
        End to = ends[1 - side];
        long done = 0;
        while (done < n && inFlight[side].size() > 0 && to.conn.wantsRead()) {
            long end = from.tap.nextEndAfter(delivered[side]);
            int len = (int) Math.min(Math.min(n - done, inFlight[side].size()), end - delivered[side]);
            byte[] all = inFlight[side].toByteArray();
            ByteBuffer src = ByteBuffer.wrap(all, 0, len);
            int used = to.conn.receive(src, now);
            inFlight[side].reset();
            inFlight[side].write(all, used, all.length - used);
            delivered[side] += used;
            done += used;
            react();
            if (used == 0) {
                break;
            }
        }
        return done;
    }

    /** Bytes side {@code side} transmitted that the other side has not received. */
    int inFlight(int side) {
        return inFlight[side].size();
    }

    // ---------------------------------------------------------------- the applications

    /** Both applications take their events: accept opens, consume data, note replies and wake-ups. */
    private void react() {
        for (int side = 0; side < 2; side++) {
            End e = ends[side];
            SshEvent ev;
            while ((ev = e.conn.pollEvent()) != null) {
                if (ev instanceof AuthServiceReady) {
                    e.conn.clientAuth().password("model", "pw");
                } else if (ev instanceof ChannelOpenRequested r) {
                    e.addChannel(r.channel());
                    e.conn.channels().acceptChannel(r.channel());
                } else if (ev instanceof ChannelData d) {
                    int k = e.kOf.get(d.channel());
                    byte[] data = d.data().toByteArray();
                    e.received.get(k).write(data, 0, data.length);
                    e.conn.channels().consumed(d.channel(), data.length);
                } else if (ev instanceof GlobalRequestReplied r) {
                    e.repliesInOrder.add(r.requestId());
                } else if (ev instanceof ChannelWritable w) {
                    e.blocked.set(e.kOf.get(w.channel()), false);
                } else if (ev instanceof Disconnected d) {
                    e.disconnected = d;
                } else if (ev instanceof Authenticated) {
                    continue;
                }
            }
        }
    }

    /** The virtual time. */
    long now() {
        return now;
    }
}
