package io.sanssh.engine.channel;

import io.sanssh.engine.Role;
import io.sanssh.engine.channel.ChannelLifecycle.State;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.Layer;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.connection.ChannelOpen;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelOpenConfirmation;
import io.sanssh.spec.connection.ChannelOpenFailure;
import io.sanssh.spec.connection.ChannelRequest;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.ConnectionCodec;
import io.sanssh.spec.connection.GlobalRequest;
import io.sanssh.spec.connection.GlobalRequestBody;
import io.sanssh.spec.connection.OpenFailureReason;
import io.sanssh.spec.connection.RequestSuccess;
import io.sanssh.spec.connection.TerminalModes;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The connection protocol (RFC 4254) of one connection, either role, with no I/O: channels, their
 * flow control, channel and global requests, keep-alives and the idle timeout.
 *
 * <p>Wiring ({@code SshConnection}): create it with the transport, route every message 80-127 to
 * {@link #onMessage} once user authentication succeeded and call {@link #start()} then; forward
 * {@link #onKexActiveChanged} and {@link #onTimer}; call {@link #onPacketReceived()} for every
 * packet received (any message number) and {@link #onOutputDrained()} after every {@code transmit}
 * or {@code consumeOutput} that moved bytes. Events go to the transport's event queue.
 *
 * <p>Channels are named by our channel number (an {@code int}, see {@link ChannelTable}); numbers
 * of closed channels never name a later channel, so a late call with a stale number is harmless.
 * Application calls run on the engine thread. Flow control speaks through return values and
 * {@code ChannelWritable}; peer faults throw {@code SshFormatException} out of {@link #onMessage}
 * (the transport sends DISCONNECT); misuse throws {@link IllegalStateException}.
 */
public final class ConnectionLayer implements Layer {
    private final LayerContext ctx;
    private final FlowControl flow;
    private final ChannelRequests requests;
    private final Channels channels;
    private final GlobalRequests globals;
    private final KeepAlive keepAlive;
    private boolean started;

    /** A layer whose outbound budget is bounded by the transport's configured high-water mark. */
    public ConnectionLayer(Transport transport, ConnectionConfig config, Role role) {
        this(transport, config, role, transport.config().highWaterBytes());
    }

    /**
     * A layer for {@code transport}; nothing is sent until {@link #start()}.
     *
     * @param outboundHighWater the transport's {@code TransportConfig.highWaterBytes()}: application
     *     data is accepted only while the outbound backlog is below it
     */
    public ConnectionLayer(Transport transport, ConnectionConfig config, Role role, long outboundHighWater) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(role, "role");
        this.ctx = new LayerContext(transport, config, role, outboundHighWater);
        this.flow = new FlowControl(ctx);
        this.requests = new ChannelRequests(ctx);
        this.channels = new Channels(ctx, flow, requests);
        this.keepAlive = new KeepAlive(ctx, this::sendProbe);
        this.globals = new GlobalRequests(ctx, channels, keepAlive::onProbeAnswered);
    }

    private void sendProbe() {
        globals.sendProbe();
    }

    /**
     * Starts the layer once user authentication succeeded (RFC 4252 §5.1: the connection service
     * runs from then on): arms the keep-alive and idle timers. Call once.
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("connection layer already started");
        }
        started = true;
        keepAlive.start();
    }

    /** Whether {@link #start()} was called. */
    public boolean isStarted() {
        return started;
    }

    /** Installs a sink for the layer's actions (rules 5-7 checks, traces); {@link ChannelTrace#NONE} removes it. */
    public void setTrace(ChannelTrace trace) {
        ctx.trace = Objects.requireNonNull(trace);
    }

    // ---------------------------------------------------------------- driver and transport hooks

    /**
     * A connection protocol message (80-127) arrived. Data and window adjusts are read in place;
     * the rest is decoded. Throws {@code SshFormatException} for every peer fault: malformed
     * messages, unknown channels, data beyond our window, replies without requests, lifecycle
     * messages in the wrong state.
     */
    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        if (!started) {
            throw new SshFormatException(MessageNumbers.name(payload[off] & 0xff)
                    + " before user authentication succeeded");
        }
        switch (payload[off] & 0xff) {
            case MessageNumbers.CHANNEL_DATA -> flow.onData(payload, off, len, false, owned);
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> flow.onData(payload, off, len, true, owned);
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> flow.onWindowAdjust(payload, off, len);
            case MessageNumbers.CHANNEL_EOF, MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_SUCCESS,
                    MessageNumbers.CHANNEL_FAILURE -> onShort(payload, off, len);
            default -> onDecoded(ConnectionCodec.decode(payload, off, len));
        }
    }

    /** The four messages that are a number and a recipient channel only: read in place. */
    private void onShort(byte[] payload, int off, int len) {
        int n = payload[off] & 0xff;
        if (len != 5) {
            throw new SshFormatException(MessageNumbers.name(n) + " of " + len + " bytes");
        }
        int recipient = FlowControl.getInt(payload, off + 1);
        switch (n) {
            case MessageNumbers.CHANNEL_EOF -> channels.onEof(recipient);
            case MessageNumbers.CHANNEL_CLOSE -> channels.onClose(recipient);
            case MessageNumbers.CHANNEL_SUCCESS -> requests.onReply(recipient, true);
            default -> requests.onReply(recipient, false);
        }
    }

    private void onDecoded(SshMessage m) {
        if (m instanceof ChannelOpen o) {
            channels.onOpen(o);
        } else if (m instanceof ChannelOpenConfirmation c) {
            channels.onConfirmation(c);
        } else if (m instanceof ChannelOpenFailure f) {
            channels.onOpenFailure(f);
        } else if (m instanceof ChannelRequest r) {
            requests.onRequest(r);
        } else if (m instanceof GlobalRequest g) {
            globals.onRequest(g);
        } else if (m instanceof RequestSuccess s) {
            globals.onReply(true, s.responseData());
        } else if (m.messageNumber() == MessageNumbers.REQUEST_FAILURE) {
            globals.onReply(false, Bytes.EMPTY);
        } else {
            // 101-127: SshConnection should answer these with UNIMPLEMENTED before they get here.
            throw new SshFormatException("unexpected connection protocol message " + m.messageNumber());
        }
    }

    /** Our key exchange started or ended: credit is 0 while it runs; when it ends blocked writers wake. */
    @Override
    public void onKexActiveChanged(boolean active) {
        if (!active) {
            flow.wakeBlocked();
        }
    }

    /** {@link TimerKind#KEEPALIVE} or {@link TimerKind#IDLE} expired. */
    @Override
    public void onTimer(TimerKind kind) {
        keepAlive.onTimer(kind);
    }

    /**
     * The driver transmitted bytes (call after every {@code transmit}/{@code consumeOutput} that
     * moved some): once the backlog is down to half the high-water mark, writers refused for lack
     * of budget get {@code ChannelWritable}. Cheap when none waits.
     */
    public void onOutputDrained() {
        flow.wakeBlocked();
    }

    /** A packet arrived (any message number; call for every one): restarts the idle timer. */
    public void onPacketReceived() {
        keepAlive.onPacketReceived();
    }

    // ---------------------------------------------------------------- opening channels

    /** Client: opens a "session" channel (RFC 4254 §6.1); returns our number; {@code ChannelOpened} follows. */
    public int openSession() {
        requireRole(Role.CLIENT, "openSession");
        return open(new ChannelOpenBody.Session());
    }

    /** Client: opens "direct-tcpip" to {@code host:port} (RFC 4254 §7.2, local forwarding); returns our number. */
    public int openDirectTcpip(String host, int port, String originatorHost, int originatorPort) {
        requireRole(Role.CLIENT, "openDirectTcpip");
        return open(new ChannelOpenBody.DirectTcpip(host, port, originatorHost, originatorPort));
    }

    /** Client: opens "direct-streamlocal@openssh.com" to the Unix socket {@code path} (OpenSSH PROTOCOL §2.4). */
    public int openDirectStreamLocal(String path) {
        requireRole(Role.CLIENT, "openDirectStreamLocal");
        return open(ChannelOpenBody.DirectStreamLocal.of(path));
    }

    /** Server: opens "forwarded-tcpip" for a connection accepted on a forwarded port (RFC 4254 §7.2). */
    public int openForwardedTcpip(String connectedAddress, int connectedPort, String originatorHost,
                                  int originatorPort) {
        requireRole(Role.SERVER, "openForwardedTcpip");
        return open(new ChannelOpenBody.ForwardedTcpip(connectedAddress, connectedPort, originatorHost,
                originatorPort));
    }

    /** Server: opens "forwarded-streamlocal@openssh.com" for a connection on a forwarded socket. */
    public int openForwardedStreamLocal(String path) {
        requireRole(Role.SERVER, "openForwardedStreamLocal");
        return open(new ChannelOpenBody.ForwardedStreamLocal(path, ""));
    }

    /**
     * Sends CHANNEL_OPEN (RFC 4254 §5.1) with our window and packet size, and returns our number
     * for the channel. {@code ChannelOpened} or {@code ChannelOpenFailed} follows.
     *
     * @throws IllegalStateException if the channel limit is reached, the connection closed, or a
     *     session is opened after we sent no-more-sessions
     */
    public int open(ChannelOpenBody body) {
        requireStarted();
        String type = body.channelType();
        if (type == null) {
            throw new IllegalArgumentException("an unknown channel type cannot be opened");
        }
        return channels.open(type, body);
    }

    /** Accepts the peer's open announced by {@code ChannelOpenRequested}: CHANNEL_OPEN_CONFIRMATION. */
    public void acceptChannel(int channel) {
        channels.accept(existing(channel));
    }

    /** Refuses the peer's open announced by {@code ChannelOpenRequested}: CHANNEL_OPEN_FAILURE (RFC 4254 §5.1). */
    public void rejectChannel(int channel, OpenFailureReason reason, String description) {
        channels.reject(existing(channel), Objects.requireNonNull(reason), Objects.requireNonNull(description));
    }

    // ---------------------------------------------------------------- data

    /**
     * How many bytes {@link #write} would accept on {@code channel} now: min(peer window, outbound
     * budget), 0 during our key exchange, after our EOF or CLOSE, and for a channel that is gone.
     */
    public int credit(int channel) {
        Channel c = ctx.table.get(channel);
        return c == null ? 0 : (int) Math.min(Integer.MAX_VALUE, flow.credit(c));
    }

    /**
     * Sends CHANNEL_DATA (RFC 4254 §5.2) from {@code src}, at most {@link #credit} bytes, in packets
     * no larger than the peer's maximum. Takes the bytes from {@code src} (its position advances).
     * When it takes less than {@code src} held, {@code ChannelWritable} follows once credit returns.
     *
     * @return bytes accepted; 0 for a channel that is gone (closed both ways)
     * @throws IllegalStateException after our EOF or CLOSE on it, or before it is open
     */
    public int write(int channel, ByteBuffer src) {
        Channel c = ctx.table.get(channel);
        if (c == null) {
            return 0;
        }
        requireDataAllowed(c);
        return flow.write(c, src, -1);
    }

    /** As {@link #write}, as CHANNEL_EXTENDED_DATA of {@code dataType} (1: stderr, RFC 4254 §5.2). */
    public int writeExtended(int channel, int dataType, ByteBuffer src) {
        if (dataType < 0) {
            throw new IllegalArgumentException("data type " + dataType);
        }
        Channel c = ctx.table.get(channel);
        if (c == null) {
            return 0;
        }
        requireDataAllowed(c);
        return flow.write(c, src, dataType);
    }

    /**
     * The application has taken {@code n} bytes of {@code ChannelData}/{@code ChannelExtendedData}
     * of {@code channel}: once three maximum packets (or half the window, if less) are consumed,
     * one WINDOW_ADJUST returns them all (RFC 4254 §5.2). Ignored for a channel that is gone.
     *
     * @throws IllegalStateException if more is consumed than was delivered
     */
    public void consumed(int channel, long n) {
        Channel c = ctx.table.get(channel);
        if (c != null) {
            flow.consumed(c, n);
        }
    }

    /** Sends CHANNEL_EOF (RFC 4254 §5.3): no more data from us. Idempotent; ignored once closing or gone. */
    public void sendEof(int channel) {
        Channel c = ctx.table.get(channel);
        if (c != null) {
            channels.sendEof(c);
        }
    }

    /**
     * Sends CHANNEL_CLOSE (RFC 4254 §5.3); {@code ChannelClosed} follows when the peer's arrives.
     * Idempotent; before the open is confirmed the CLOSE leaves right after the confirmation.
     */
    public void close(int channel) {
        Channel c = ctx.table.get(channel);
        if (c != null) {
            channels.close(c);
        }
    }

    // ---------------------------------------------------------------- channel requests

    /**
     * Sends a channel request (RFC 4254 §5.4) of the body's type. With {@code wantReply},
     * {@code ChannelRequestReplied} carrying the returned identifier follows.
     *
     * @return the request's identifier, or -1 if the channel is closing or gone (nothing sent)
     */
    public long request(int channel, ChannelRequestBody body, boolean wantReply) {
        String type = body.requestType();
        if (type == null) {
            throw new IllegalArgumentException("use request(channel, type, body, wantReply) for unknown types");
        }
        return request(channel, type, body, wantReply);
    }

    /** As {@link #request(int, ChannelRequestBody, boolean)}, for any request type. */
    public long request(int channel, String type, ChannelRequestBody body, boolean wantReply) {
        Channel c = ctx.table.get(channel);
        return c == null ? -1 : requests.send(c, type, body, wantReply);
    }

    /** Client: "exec" (RFC 4254 §6.5). */
    public long requestExec(int channel, String command, boolean wantReply) {
        requireRole(Role.CLIENT, "requestExec");
        return request(channel, ChannelRequestBody.Exec.of(command), wantReply);
    }

    /** Client: "shell" (RFC 4254 §6.5). */
    public long requestShell(int channel, boolean wantReply) {
        requireRole(Role.CLIENT, "requestShell");
        return request(channel, new ChannelRequestBody.Shell(), wantReply);
    }

    /** Client: "subsystem", for example "sftp" (RFC 4254 §6.5). */
    public long requestSubsystem(int channel, String name, boolean wantReply) {
        requireRole(Role.CLIENT, "requestSubsystem");
        return request(channel, new ChannelRequestBody.Subsystem(name), wantReply);
    }

    /** Client: "pty-req" (RFC 4254 §6.2); {@code modes} per RFC 4254 §8. */
    public long requestPty(int channel, String term, int columns, int rows, int widthPixels, int heightPixels,
                           TerminalModes modes, boolean wantReply) {
        requireRole(Role.CLIENT, "requestPty");
        return request(channel, new ChannelRequestBody.PtyReq(term, columns, rows, widthPixels, heightPixels,
                modes.encode()), wantReply);
    }

    /** Client: "window-change" (RFC 4254 §6.7), never with want-reply. */
    public long windowChange(int channel, int columns, int rows, int widthPixels, int heightPixels) {
        requireRole(Role.CLIENT, "windowChange");
        return request(channel, new ChannelRequestBody.WindowChange(columns, rows, widthPixels, heightPixels), false);
    }

    /** Client: "env" (RFC 4254 §6.4). */
    public long setEnv(int channel, String name, String value, boolean wantReply) {
        requireRole(Role.CLIENT, "setEnv");
        return request(channel, ChannelRequestBody.Env.of(name, value), wantReply);
    }

    /** Client: "signal" (RFC 4254 §6.9), never with want-reply; {@code name} without "SIG". */
    public long signal(int channel, String name) {
        requireRole(Role.CLIENT, "signal");
        return request(channel, new ChannelRequestBody.Signal(name), false);
    }

    /** Client: "break" of {@code lengthMs} milliseconds (RFC 4335 §3). */
    public long sendBreak(int channel, long lengthMs, boolean wantReply) {
        requireRole(Role.CLIENT, "sendBreak");
        return request(channel, new ChannelRequestBody.Break(lengthMs), wantReply);
    }

    /** Server: "exit-status" (RFC 4254 §6.10), without want-reply; follow with EOF and CLOSE. */
    public long sendExitStatus(int channel, long status) {
        requireRole(Role.SERVER, "sendExitStatus");
        return request(channel, new ChannelRequestBody.ExitStatus(status), false);
    }

    /** Server: "exit-signal" (RFC 4254 §6.10), without want-reply. */
    public long sendExitSignal(int channel, String signal, boolean coreDumped, String errorMessage, String language) {
        requireRole(Role.SERVER, "sendExitSignal");
        return request(channel, new ChannelRequestBody.ExitSignal(signal, coreDumped, errorMessage, language), false);
    }

    /** "eow@openssh.com" (OpenSSH PROTOCOL §2.1): asks the peer to stop sending data; without want-reply. */
    public long sendEow(int channel) {
        return request(channel, new ChannelRequestBody.Eow(), false);
    }

    /**
     * Answers the peer's channel request announced by {@code ChannelRequestReceived} with
     * CHANNEL_SUCCESS or CHANNEL_FAILURE. Replies leave in arrival order: this one waits until
     * every earlier request on the channel is answered. Ignored once we closed or the channel is gone.
     *
     * @throws IllegalStateException if no such request waits for an answer
     */
    public void replyChannelRequest(int channel, long requestId, boolean success) {
        Channel c = ctx.table.get(channel);
        if (c != null) {
            requests.reply(c, requestId, success);
        }
    }

    // ---------------------------------------------------------------- global requests

    /**
     * Sends a global request (RFC 4254 §4). With {@code wantReply}, {@code GlobalRequestReplied}
     * with the returned identifier follows; replies are matched in send order.
     */
    public long globalRequest(String name, GlobalRequestBody body, boolean wantReply) {
        requireStarted();
        return globals.send(name, body, wantReply);
    }

    /** As {@link #globalRequest(String, GlobalRequestBody, boolean)} for a body that names its request. */
    public long globalRequest(GlobalRequestBody body, boolean wantReply) {
        String name = body.requestName();
        if (name == null) {
            throw new IllegalArgumentException("use globalRequest(name, body, wantReply) for unknown requests");
        }
        return globalRequest(name, body, wantReply);
    }

    /** Client: "tcpip-forward" (RFC 4254 §7.1); for port 0 the reply's {@code boundPort()} tells the port. */
    public long requestTcpipForward(String address, int port) {
        requireRole(Role.CLIENT, "requestTcpipForward");
        return globalRequest(new GlobalRequestBody.TcpipForward(address, port), true);
    }

    /** Client: "cancel-tcpip-forward" (RFC 4254 §7.1). */
    public long cancelTcpipForward(String address, int port) {
        requireRole(Role.CLIENT, "cancelTcpipForward");
        return globalRequest(new GlobalRequestBody.CancelTcpipForward(address, port), true);
    }

    /**
     * Client: "no-more-sessions@openssh.com" (OpenSSH PROTOCOL §2.2), without want-reply; later
     * {@link #openSession()} calls throw.
     */
    public void sendNoMoreSessions() {
        requireRole(Role.CLIENT, "sendNoMoreSessions");
        globalRequest(new GlobalRequestBody.NoMoreSessions(), false);
    }

    /**
     * Answers the peer's global request announced by {@code GlobalRequestReceived}; {@code
     * responseData} follows REQUEST_SUCCESS (ignored for a failure). Replies leave in arrival
     * order, whatever order the application answers in.
     *
     * @throws IllegalStateException if no such request waits for an answer
     */
    public void replyGlobalRequest(long requestId, boolean success, Bytes responseData) {
        globals.reply(requestId, success, Objects.requireNonNull(responseData));
    }

    /** As {@link #replyGlobalRequest(long, boolean, Bytes)} with no data. */
    public void replyGlobalRequest(long requestId, boolean success) {
        replyGlobalRequest(requestId, success, Bytes.EMPTY);
    }

    /** Server: answers a "tcpip-forward" for port 0 with REQUEST_SUCCESS carrying the port bound (RFC 4254 §7.1). */
    public void replyTcpipForwardBound(long requestId, int boundPort) {
        replyGlobalRequest(requestId, true, RequestSuccess.withBoundPort(boundPort).responseData());
    }

    // ---------------------------------------------------------------- state

    /** The lifecycle state of {@code channel}, or {@code null} if no channel has that number. */
    public State channelState(int channel) {
        Channel c = ctx.table.get(channel);
        return c == null ? null : c.state;
    }

    /** The channel's type, or {@code null} if gone. */
    public String channelType(int channel) {
        Channel c = ctx.table.get(channel);
        return c == null ? null : c.type;
    }

    /** Bytes the peer may still send on {@code channel} before our next adjust (0 if gone). */
    public long localWindow(int channel) {
        Channel c = ctx.table.get(channel);
        return c == null ? 0 : c.localWindow;
    }

    /** Bytes we may still send on {@code channel} before the peer adjusts (0 if gone). */
    public long peerWindow(int channel) {
        Channel c = ctx.table.get(channel);
        return c == null ? 0 : c.peerWindow;
    }

    /** Channels open or being opened. */
    public int channelCount() {
        return ctx.table.size();
    }

    /** Channels waiting for {@code ChannelWritable}. */
    public int blockedWriters() {
        return flow.blockedCount();
    }

    /** Keep-alive probes ("keepalive@openssh.com") we have sent since the connection layer started. */
    public long keepAlivesSent() {
        return keepAlive.sent();
    }

    /** Answers (success or failure) to our keep-alive probes received so far. */
    public long keepAlivesAnswered() {
        return keepAlive.answered();
    }

    /** Keep-alive probes sent and not answered since the last answer. */
    public int missedKeepAlives() {
        return keepAlive.missed();
    }

    /** Whether the peer (a client) sent "no-more-sessions@openssh.com". */
    public boolean peerSentNoMoreSessions() {
        return channels.noMoreSessionsReceived;
    }

    /** The table slot of a channel number: numbers of one slot name its successive channels. */
    public static int slotOf(int channel) {
        return ChannelTable.slotOf(channel);
    }

    // ---------------------------------------------------------------- checks

    private Channel existing(int channel) {
        Channel c = ctx.table.get(channel);
        if (c == null) {
            throw new IllegalStateException("no channel " + channel);
        }
        return c;
    }

    private static void requireDataAllowed(Channel c) {
        if (c.state == State.OPENING || c.state == State.ACCEPTING) {
            throw new IllegalStateException("data on " + c + " before it is open");
        }
        if (c.state != State.OPEN) {
            throw new IllegalStateException("data on " + c + " after our CLOSE");
        }
        if (c.eofSent) {
            throw new IllegalStateException("data on " + c + " after our EOF");
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("connection layer not started (user authentication pending)");
        }
    }

    private void requireRole(Role role, String what) {
        if (ctx.role != role) {
            throw new IllegalStateException(what + " is for the " + role.name().toLowerCase() + " role");
        }
    }
}
