package io.sanssh.modeltests.sim;

import io.sanssh.drivers.sim.SimApplication;
import io.sanssh.drivers.sim.SimEndpoint;
import io.sanssh.engine.Role;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.channel.ConnectionLayer;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.connection.GlobalRequestBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The application on one end of a simulated SshConnection: the client authenticates and opens
 * channels at drawn times; the server accepts them; on every channel each side writes a drawn
 * number of pattern bytes, writing again only when {@code ChannelWritable} says credit returned
 * (so a writer never woken never finishes), then sends EOF (half-close), and closes once the peer's
 * EOF arrived. Both sides send keepalive@openssh.com requests with want_reply and ask for rekeys
 * at drawn times while the network misbehaves. Received bytes are checked against the pattern as
 * they arrive.
 */
final class ChannelTrafficApp implements SimApplication<SshConnection> {
    /** One channel as this side's application sees it. */
    static final class Stream {
        final int k;
        final long toSend;
        long sent;
        long received;
        boolean waiting;
        boolean eofReceived;
        boolean closed;

        Stream(int k, long toSend) {
            this.k = k;
            this.toSend = toSend;
        }
    }

    private final Role role;
    private final SplittableRandom r;
    private final long window;
    final Map<Integer, Stream> streams = new HashMap<>();
    final List<Long> sizes = new ArrayList<>();
    int plannedChannels;
    int opened;
    int keepAlivesSent;
    int keepAlivesAnswered;
    int rekeysAsked;

    ChannelTrafficApp(Role role, SplittableRandom r, long window, List<Long> sizes) {
        this.role = role;
        this.r = r;
        this.window = window;
        this.sizes.addAll(sizes);
        this.plannedChannels = role == Role.CLIENT ? sizes.size() : 0;
    }

    @Override
    public void onStart(SimEndpoint<SshConnection> e) {
        for (int i = 0; i < plannedChannels; i++) {
            e.schedule(r.nextLong(window), this::openWhenReady);
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            e.schedule(r.nextLong(window), ep -> whenStarted(ep, c -> {
                rekeysAsked++;
                c.requestRekey();
            }));
        }
        for (int i = r.nextInt(6); i > 0; i--) {
            e.schedule(r.nextLong(window), ep -> whenStarted(ep, c -> {
                keepAlivesSent++;
                c.channels().globalRequest(GlobalRequestBody.KeepAlive.EMPTY, true);
            }));
        }
    }

    /** Runs {@code action} once user authentication is over (retrying every 10 ms until then). */
    private void whenStarted(SimEndpoint<SshConnection> e, Consumer<SshConnection> action) {
        SshConnection c = e.engine();
        if (c.isClosed()) {
            return;
        }
        if (!c.channels().isStarted()) {
            e.schedule(10_000_000L, ep -> whenStarted(ep, action));
            return;
        }
        action.accept(c);
    }

    private void openWhenReady(SimEndpoint<SshConnection> e) {
        whenStarted(e, c -> {
            int id = c.channels().openSession();
            streams.put(id, new Stream(opened, sizes.get(opened)));
            opened++;
        });
    }

    @Override
    public void onEvent(SimEndpoint<SshConnection> e, SshEvent event) {
        SshConnection c = e.engine();
        ConnectionLayer ch = c.channels();
        if (event instanceof AuthServiceReady) {
            c.clientAuth().password("sim", "sim-password");
        } else if (event instanceof ChannelOpenRequested o) {
            streams.put(o.channel(), new Stream(opened, sizes.get(opened)));
            opened++;
            ch.acceptChannel(o.channel());
            write(c, o.channel());
        } else if (event instanceof ChannelOpened o) {
            write(c, o.channel());
        } else if (event instanceof ChannelWritable w) {
            Stream s = streams.get(w.channel());
            if (s != null && s.waiting) {
                s.waiting = false;
                write(c, w.channel());
            }
        } else if (event instanceof ChannelData d) {
            Stream s = streams.get(d.channel());
            byte[] b = d.data().toByteArray();
            Role peer = role == Role.CLIENT ? Role.SERVER : Role.CLIENT;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != pattern(peer, s.k, s.received + i)) {
                    throw new AssertionError(role + ": channel " + s.k + " byte " + (s.received + i) + " corrupted");
                }
            }
            s.received += b.length;
            ch.consumed(d.channel(), b.length);
        } else if (event instanceof ChannelEof eof) {
            Stream s = streams.get(eof.channel());
            s.eofReceived = true;
            maybeClose(c, eof.channel());
        } else if (event instanceof ChannelClosed cl) {
            streams.get(cl.channel()).closed = true;
        } else if (event instanceof GlobalRequestReplied) {
            keepAlivesAnswered++;
        }
    }

    static byte pattern(Role sender, int k, long offset) {
        return (byte) (offset * 31 + k * 7 + sender.ordinal() * 101 + (offset >>> 9));
    }

    /** Writes until the plan is done or credit runs out; then waits for ChannelWritable. */
    private void write(SshConnection c, int id) {
        Stream s = streams.get(id);
        ConnectionLayer ch = c.channels();
        if (s.closed) {
            return;
        }
        // Even with no credit, write: a write that takes less than offered is what registers the
        // writer for ChannelWritable (checking credit() and waiting would never be woken).
        while (s.sent < s.toSend) {
            int n = (int) Math.min(s.toSend - s.sent, 1 + r.nextInt(48 * 1024));
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = pattern(role, s.k, s.sent + i);
            }
            int took = ch.write(id, ByteBuffer.wrap(b));
            s.sent += took;
            if (took < n) {
                s.waiting = true;
                return;
            }
        }
        ch.sendEof(id);
        maybeClose(c, id);
    }

    private void maybeClose(SshConnection c, int id) {
        Stream s = streams.get(id);
        if (s.sent == s.toSend && s.eofReceived && !s.closed) {
            c.channels().close(id);
        }
    }

    /**
     * Everything planned happened on this side: every channel opened, sent its bytes, received all
     * the peer's, and closed; every keep-alive request was answered; no writer waits.
     */
    boolean done(ChannelTrafficApp peer) {
        if (opened < sizes.size() || keepAlivesAnswered != keepAlivesSent) {
            return false;
        }
        for (Stream s : streams.values()) {
            if (!s.closed || s.sent != s.toSend || s.waiting || s.received != peer.sizes.get(s.k)) {
                return false;
            }
        }
        return true;
    }

    /** Streams whose writer still waits for ChannelWritable. */
    long waitingWriters() {
        return streams.values().stream().filter(s -> s.waiting).count();
    }
}
