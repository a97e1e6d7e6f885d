package io.sanssh.engine.transport;

import io.sanssh.engine.Role;
import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.HostKeyPresented;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.event.PeerDebugMessage;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.kex.KexProposal;
import io.sanssh.engine.kex.KeyExchange;
import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.engine.kex.SessionKeys;
import io.sanssh.engine.lifecycle.ConnectionPhase;
import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.timer.TimerTable;
import io.sanssh.engine.trace.OutboundTrace;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.packet.PacketProtection;
import io.sanssh.engine.transport.packet.PacketReader;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.transport.Debug;
import io.sanssh.spec.transport.Disconnect;
import io.sanssh.spec.transport.ExtInfo;
import io.sanssh.spec.transport.ExtensionValues;
import io.sanssh.spec.transport.Ignore;
import io.sanssh.spec.transport.KexInit;
import io.sanssh.spec.transport.TransportCodec;
import io.sanssh.spec.transport.Unimplemented;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The SSH transport layer (RFC 4253) of one connection, either role, with no I/O: version
 * exchange, binary packets, key exchange and rekey, and the DISCONNECT rules.
 *
 * <p>Drivers call {@link #receive}, {@link #transmit}, {@link #onTimeout} and poll events; the
 * layer above calls {@link #send} and gets messages through its {@link TransportListener}. All on
 * one thread. Every peer fault queues SSH_MSG_DISCONNECT with its reason, emits {@link
 * Disconnected} and leaves the transport closed but drainable; nothing else escapes.
 */
public final class Transport implements SansIoEngine {
    /** Input pauses while more events than this wait unpolled. */
    public static final int MAX_PENDING_EVENTS = 4096;
    private static final byte[] NEWKEYS = {(byte) MessageNumbers.NEWKEYS};
    /**
     * How long no byte may move in either direction before the packet buffers are released: far
     * longer than the gaps of a busy connection, so traffic keeps reusing them, and short enough
     * that thousands of idle connections hold only what their protocol state needs.
     */
    public static final long BUFFER_RELEASE_NANOS = 1_000_000_000L;

    private final Role role;
    private final TransportConfig config;
    private final SecureRandom random;
    private final TransportListener listener;
    private final ArrayDeque<SshEvent> events = new ArrayDeque<>();
    private final TimerTable timers = new TimerTable();
    private final ConnectionPhase phase = new ConnectionPhase();
    private final OutboundQueue out;
    private final VersionExchange version;
    private final String ourVersion;
    private PacketReader reader;
    private OutboundTrace trace = OutboundTrace.NONE;

    private KeyExchange kex;
    private boolean peerKexActive;
    private boolean newKeysSent;
    private boolean newKeysReceived;
    private SessionKeys pendingKeys;
    private boolean awaitingHostKeyDecision;
    private byte[] sessionId;
    private Bytes serverHostKey;
    private boolean strict;
    private boolean inboundKeyed;
    private boolean packetsSeen;
    private int kexCount;
    private NegotiatedAlgorithms algorithms;
    private List<String> peerSignatureAlgorithms = List.of();
    private boolean closed;
    private boolean rekeyAllowed = true;
    private boolean rekeyWanted;
    private long ourKexInitSeq = -1;
    private boolean lastWantsRead = true;
    private long now;
    /** Bytes received and transmitted so far, and their sum when {@link TimerKind#BUFFER_RELEASE} was armed. */
    private long bytesMoved;
    private long bytesMovedAtArm;

    /**
     * Creates the transport and queues our identification line and first KEXINIT, as OpenSSH does,
     * without waiting for the peer's.
     *
     * @param nowNanos the driver's current time in nanoseconds (any origin; the engine never reads a clock)
     */
    public Transport(Role role, TransportConfig config, SecureRandom random, TransportListener listener, long nowNanos) {
        this(role, config, random, listener, nowNanos, OutboundTrace.NONE);
    }

    /**
     * Like the other constructor, with a trace sink installed before anything is queued, so that the
     * trace holds every outbound action from the identification line on.
     */
    public Transport(Role role, TransportConfig config, SecureRandom random, TransportListener listener, long nowNanos,
                     OutboundTrace trace) {
        this.role = role;
        this.config = config;
        this.random = random;
        this.listener = listener;
        this.now = nowNanos;
        this.out = new OutboundQueue(PacketProtection.plaintextSealer(random));
        this.trace = trace;
        out.setTrace(trace);
        this.version = new VersionExchange(role);
        this.ourVersion = VersionExchange.identification(config.softwareVersion(), null);
        if (role == Role.SERVER && config.hostKeys().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one host key");
        }
        out.enqueueIdentification((ourVersion + "\r\n").getBytes(StandardCharsets.US_ASCII));
        startKex();
    }

    /** Installs a sink for outbound-queue actions (trace validation); {@link OutboundTrace#NONE} removes it. */
    public void setTrace(OutboundTrace trace) {
        this.trace = trace;
        out.setTrace(trace);
    }

    // ---------------------------------------------------------------- input

    /**
     * Consumes bytes from the peer and processes every whole packet among them, stopping early only
     * when input pauses ({@link #wantsRead()} false) or the connection closes. Never blocks and
     * never waits for output: replies are queued.
     *
     * @return how many bytes of {@code src} were consumed (its position advances by as much)
     */
    @Override
    public int receive(ByteBuffer src, long nowNanos) {
        now = nowNanos;
        int start = src.position();
        if (closed) {
            return 0;
        }
        try {
            if (!version.done()) {
                readVersion(src);
            }
            while (version.done() && !closed && src.hasRemaining() && wantsRead()) {
                if (!reader.read(src)) {
                    break;
                }
                handlePacket(reader.payloadArray(), reader.payloadOffset(), reader.payloadLength(), reader.payloadDetached());
                checkRekeyByVolume();
                if (out.heldBytes() > config.highWaterBytes()) {
                    // Replies to what the peer sent before its KEXINIT wait for our NEWKEYS; a peer that
                    // keeps sending instead of finishing the exchange would make them grow without end.
                    throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                            "peer sent more than " + config.highWaterBytes() + " bytes of requests during key exchange");
                }
            }
        } catch (SshFormatException e) {
            fault(e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            fault(DisconnectReason.PROTOCOL_ERROR, "internal error handling peer input: " + e);
        }
        notePause();
        int consumed = src.position() - start;
        bytesMoved += consumed;
        armBufferRelease();
        return consumed;
    }

    private void readVersion(ByteBuffer src) {
        int n;
        if (src.hasArray()) {
            n = version.consume(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.position() + n);
        } else {
            byte[] tmp = new byte[Math.min(src.remaining(), VersionExchange.MAX_BANNER_LINE)];
            src.mark();
            src.get(tmp);
            n = version.consume(tmp, 0, tmp.length);
            src.reset();
            src.position(src.position() + n);
        }
        if (version.done()) {
            String peer = version.peerVersion();
            String client = role == Role.CLIENT ? ourVersion : peer;
            String server = role == Role.CLIENT ? peer : ourVersion;
            if (kex != null) {
                kex.setVersions(client, server);
            }
            reader = new PacketReader(config.maxInboundPacket());
            phase.fire(ConnectionPhase.Trigger.VERSION_RECEIVED);
        }
    }

    private void handlePacket(byte[] buf, int off, int len, boolean owned) {
        int n = buf[off] & 0xff;
        listener.onPacketReceived();
        boolean firstPacket = !packetsSeen;
        packetsSeen = true;
        if (peerKexActive && !MessageNumbers.allowedDuringKex(n)) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                    MessageNumbers.name(n) + " received during key exchange (RFC 4253 §7.1)");
        }
        if (peerKexActive && strict && kexCount == 0 && !MessageNumbers.isKex(n) && n != MessageNumbers.DISCONNECT) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                    "strict KEX: " + MessageNumbers.name(n) + " received during the first key exchange");
        }
        switch (n) {
            case MessageNumbers.DISCONNECT -> {
                Disconnect d = (Disconnect) TransportCodec.decode(copy(buf, off, len));
                close(new DisconnectCause(DisconnectCause.Origin.PEER_DISCONNECTED, d.reasonCode(), d.description()),
                        false, null);
            }
            case MessageNumbers.IGNORE -> TransportCodec.decode(copy(buf, off, len));
            case MessageNumbers.UNIMPLEMENTED -> {
                Unimplemented u = (Unimplemented) TransportCodec.decode(copy(buf, off, len));
                if (kex != null && u.sequenceNumber() == ourKexInitSeq) {
                    // e.g. OpenSSH before user authentication: it will never finish this exchange
                    throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                            "the peer does not take part in a key exchange now (UNIMPLEMENTED for our KEXINIT)");
                }
            }
            case MessageNumbers.DEBUG -> {
                Debug d = (Debug) TransportCodec.decode(copy(buf, off, len));
                emit(new PeerDebugMessage(d.alwaysDisplay(), d.message()));
            }
            case MessageNumbers.KEXINIT -> onPeerKexInit(copy(buf, off, len), firstPacket);
            case MessageNumbers.NEWKEYS -> onPeerNewKeys();
            case MessageNumbers.EXT_INFO -> onExtInfo(copy(buf, off, len));
            default -> {
                if (MessageNumbers.isKex(n)) {
                    if (kex == null || !peerKexActive) {
                        throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                                "key exchange message " + n + " outside a key exchange");
                    }
                    kex.onKexMessage(copy(buf, off, len));
                    afterKexProgress();
                } else if (!inboundKeyed) {
                    throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                            MessageNumbers.name(n) + " received before the first key exchange completed");
                } else if (n == MessageNumbers.SERVICE_REQUEST || n == MessageNumbers.SERVICE_ACCEPT || n >= 50) {
                    listener.onMessage(buf, off, len, owned);
                } else {
                    sendInternal(new Unimplemented(lastReceivedSequenceNumber()));
                }
            }
        }
    }

    private static byte[] copy(byte[] buf, int off, int len) {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    // ---------------------------------------------------------------- key exchange

    private void startKex() {
        boolean first = kexCount == 0 && sessionId == null;
        KexInit ours = KexProposal.build(role, config, first, random);
        out.beginKex(first && config.strictKex());
        kex = new KeyExchange(role, config, random, first, null, null, ours, m -> sendInternal(m));
        if (version.done()) {
            String peer = version.peerVersion();
            kex.setVersions(role == Role.CLIENT ? ourVersion : peer, role == Role.CLIENT ? peer : ourVersion);
        }
        ourKexInitSeq = out.nextSequenceNumber() & 0xffffffffL;
        out.enqueue(kex.ourKexInitPayload(), Origin.INTERNAL);
        timers.arm(TimerKind.KEX_TIMEOUT, now + config.kexTimeout().toNanos());
        timers.cancel(TimerKind.REKEY_BY_TIME);
        if (!first) {
            phase.fire(ConnectionPhase.Trigger.KEX_STARTED);
        }
        listener.onKexActiveChanged(true);
    }

    private void onPeerKexInit(byte[] payload, boolean firstPacket) {
        KexInit msg = (KexInit) TransportCodec.decode(payload);
        if (peerKexActive) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "second KEXINIT during a key exchange");
        }
        if (kex == null) {
            startKex();
        }
        peerKexActive = true;
        kex.onPeerKexInit(payload, msg, strict, firstPacket);
        if (kex.isFirst()) {
            strict = kex.strict();
            if (!strict) {
                out.relaxStrict();
            }
        }
        algorithms = kex.algorithms();
        afterKexProgress();
    }

    private void afterKexProgress() {
        if (!kex.isComputed() || pendingKeys != null) {
            return;
        }
        if (sessionId == null) {
            sessionId = kex.exchangeHash().clone();
        }
        pendingKeys = SessionKeys.derive(role, kex.algorithms(), kex.hashAlgorithm(), kex.encodedSharedSecret(),
                kex.exchangeHash(), sessionId, random);
        if (role == Role.SERVER) {
            sendNewKeys();
            return;
        }
        SshPublicKey key = kex.hostKey();
        if (serverHostKey != null) {
            if (!serverHostKey.equals(key.blob())) {
                throw new SshFormatException(DisconnectReason.HOST_KEY_NOT_VERIFIABLE,
                        "the server's host key changed during a rekey");
            }
            sendNewKeys();
            return;
        }
        String alg = kex.algorithms().hostKey();
        switch (config.hostKeyVerifier().verify(key, alg)) {
            case ACCEPT -> {
                emit(new HostKeyPresented(key, alg, key.fingerprint(), true));
                serverHostKey = key.blob();
                sendNewKeys();
            }
            case REJECT -> close(new DisconnectCause(DisconnectCause.Origin.LOCAL_REQUEST,
                    DisconnectReason.HOST_KEY_NOT_VERIFIABLE.code(), "host key rejected: " + key.fingerprint()),
                    true, "host key not accepted");
            case ASK -> {
                awaitingHostKeyDecision = true;
                emit(new HostKeyPresented(key, alg, key.fingerprint(), false));
            }
        }
    }

    private void sendNewKeys() {
        byte[] extInfo = null;
        if (role == Role.SERVER && kex.isFirst() && kex.peerWantsExtInfo()) {
            extInfo = ExtInfo.of(ExtensionValues.serverSigAlgs(config.serverSignatureAlgorithms())).encode();
        }
        out.endKex(NEWKEYS, pendingKeys.outbound(), strict, extInfo);
        newKeysSent = true;
        listener.onKexActiveChanged(false);
        maybeFinishKex();
    }

    private void onPeerNewKeys() {
        if (kex == null || !peerKexActive || !kex.isComputed()) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "NEWKEYS before the key exchange computed");
        }
        reader.changeKeys(pendingKeys.inbound());
        if (strict) {
            reader.resetSequenceNumber();
        }
        peerKexActive = false;
        newKeysReceived = true;
        inboundKeyed = true;
        maybeFinishKex();
    }

    private void maybeFinishKex() {
        if (!newKeysSent || !newKeysReceived) {
            return;
        }
        boolean initial = kexCount == 0;
        kexCount++;
        rekeyWanted = false;
        NegotiatedAlgorithms done = kex.algorithms();
        kex = null;
        pendingKeys = null;
        newKeysSent = false;
        newKeysReceived = false;
        timers.cancel(TimerKind.KEX_TIMEOUT);
        timers.arm(TimerKind.REKEY_BY_TIME, now + config.rekeyInterval().toNanos());
        phase.fire(ConnectionPhase.Trigger.KEX_DONE);
        emit(new KeyExchangeCompleted(done, initial, strict, kexCount));
        if (initial) {
            listener.onTransportReady();
        }
        checkRekeyByVolume();
    }

    private void onExtInfo(byte[] payload) {
        ExtInfo info = (ExtInfo) TransportCodec.decode(payload);
        if (!inboundKeyed) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "EXT_INFO before NEWKEYS");
        }
        if (role == Role.CLIENT) {
            info.serverSigAlgs().ifPresent(algs -> peerSignatureAlgorithms = algs);
        }
    }

    /** The byte limit for one key set: the configured one, capped by RFC 4344 §3.1 for the cipher. */
    long rekeyByteLimit() {
        int block = out.blockSize();
        long rfc4344 = block >= 16 ? (1L << 32) * block : (1L << 30);
        return Math.min(config.rekeyBytes(), rfc4344);
    }

    /**
     * Whether we may start a key re-exchange ourselves. OpenSSH takes part in one only after user
     * authentication, so {@code SshConnection} keeps this off until then; a rekey wanted meanwhile
     * (requested, by volume or by time) starts as soon as it is turned on. The peer's rekeys are
     * always answered.
     */
    public void setRekeyAllowed(boolean allowed) {
        rekeyAllowed = allowed;
        if (allowed && rekeyWanted && !closed && kex == null && kexCount > 0) {
            rekeyWanted = false;
            startKex();
        }
    }

    private void startOurRekey() {
        if (!rekeyAllowed) {
            rekeyWanted = true;
            return;
        }
        rekeyWanted = false;
        startKex();
    }

    private void checkRekeyByVolume() {
        if (closed || kex != null || kexCount == 0 || rekeyWanted) {
            return;
        }
        long limit = rekeyByteLimit();
        if (out.bytesSinceKeys() >= limit || reader.bytesSinceKeyChange() >= limit
                || out.packetsSinceKeys() >= (1L << 31) || reader.packetsSinceKeyChange() >= (1L << 31)) {
            startOurRekey();
        }
    }

    // ---------------------------------------------------------------- application decisions

    /** Client role: accepts the host key of a pending {@link HostKeyPresented}; key exchange resumes. */
    public void acceptHostKey() {
        if (!awaitingHostKeyDecision) {
            throw new IllegalStateException("no host key decision pending");
        }
        awaitingHostKeyDecision = false;
        serverHostKey = kex.hostKey().blob();
        if (!closed) {
            sendNewKeys();
        }
    }

    /** Client role: rejects the pending host key; the connection ends with HOST_KEY_NOT_VERIFIABLE. */
    public void rejectHostKey() {
        if (!awaitingHostKeyDecision) {
            throw new IllegalStateException("no host key decision pending");
        }
        awaitingHostKeyDecision = false;
        close(new DisconnectCause(DisconnectCause.Origin.LOCAL_REQUEST, DisconnectReason.HOST_KEY_NOT_VERIFIABLE.code(),
                "host key rejected by the application"), true, "host key not accepted");
    }

    /** Whether the engine waits for {@link #acceptHostKey} or {@link #rejectHostKey}. */
    public boolean awaitingHostKeyDecision() {
        return awaitingHostKeyDecision;
    }

    /**
     * Starts a key re-exchange now (RFC 4253 §9), whatever else is queued. A no-op while one runs
     * or before the first one finished.
     */
    public void requestRekey() {
        if (closed) {
            throw new IllegalStateException("connection closed");
        }
        if (kex == null && kexCount > 0) {
            startOurRekey();
        }
    }

    // ---------------------------------------------------------------- output

    /**
     * Queues a message from the layer above. Never refuses: while our key exchange runs it is held
     * and leaves, in order, after our NEWKEYS. Application data must respect credit (see {@link
     * #kexActive()}); replies and adjusts need not. Dropped silently once the connection closed,
     * since our DISCONNECT precedes it.
     */
    public void send(SshMessage m, Origin origin) {
        sendPayload(m.encode(), origin);
    }

    /** Like {@link #send}, for a payload already encoded (first byte: the message number). */
    public void sendPayload(byte[] payload, Origin origin) {
        if (closed) {
            return;
        }
        out.enqueue(payload, origin);
        checkRekeyByVolume();
    }

    /**
     * Like {@link #sendPayload(byte[], Origin)}, for a payload of {@code length} bytes with message
     * number {@code number} that {@code writer} encodes straight into the outbound buffer (the bulk
     * data path: no array per message). The writer is called once before this returns, unless the
     * connection is closed.
     */
    public void sendPayload(int number, int length, PayloadWriter writer, Origin origin) {
        if (closed) {
            return;
        }
        out.enqueue(number, length, writer, origin);
        checkRekeyByVolume();
    }

    private void sendInternal(SshMessage m) {
        out.enqueue(m.encode(), Origin.INTERNAL);
    }

    /** Queues SSH_MSG_IGNORE with {@code data} (RFC 4253 §11.2), e.g. as traffic padding. */
    public void sendIgnore(byte[] data) {
        sendPayload(new Ignore(Bytes.of(data)).encode(), Origin.APPLICATION);
    }

    /** Copies queued ciphertext into {@code dst}; any partial write is fine. Returns the count. */
    @Override
    public int transmit(ByteBuffer dst) {
        int n = out.transmit(dst);
        bytesMoved += n;
        notePause();
        armBufferRelease();
        return n;
    }

    /** A read-only view of queued ciphertext, for zero-copy writes; follow with {@link #consumeOutput}. */
    @Override
    public ByteBuffer peekOutput() {
        return out.peekOutput();
    }

    /** Marks {@code n} bytes of {@link #peekOutput()} as written. */
    @Override
    public void consumeOutput(int n) {
        out.consumeOutput(n);
        bytesMoved += n;
        notePause();
        armBufferRelease();
    }

    /** Whether the driver should read and call {@link #receive}: false while output is backed up or events pile up. */
    @Override
    public boolean wantsRead() {
        // Only the wire counts (tla/OutboundQueue.tla, design point 1): held messages leave after our
        // NEWKEYS, which needs input, so pausing on them could stop input with nothing to transmit.
        return !closed && out.wireBytes() < config.highWaterBytes() && events.size() < MAX_PENDING_EVENTS;
    }

    /** Whether ciphertext waits for {@link #transmit}. */
    @Override
    public boolean wantsWrite() {
        return out.wireBytes() > 0;
    }

    private void notePause() {
        boolean w = wantsRead();
        if (w != lastWantsRead) {
            lastWantsRead = w;
            if (trace != OutboundTrace.NONE) {
                trace.inputPaused(!w, out.state());
            }
        }
    }

    // ---------------------------------------------------------------- time

    /** Whether any timer is armed. */
    @Override
    public boolean hasDeadline() {
        return !closed && timers.anyArmed();
    }

    /** When {@link #onTimeout} should next be called (the driver's time base); see {@link #hasDeadline()}. */
    @Override
    public long nextDeadline() {
        return timers.next();
    }

    /** Runs every timer due at {@code nowNanos}. Spurious or early calls are harmless. */
    @Override
    public void onTimeout(long nowNanos) {
        now = nowNanos;
        TimerKind k;
        while (!closed && (k = timers.pollExpired(nowNanos)) != null) {
            switch (k) {
                case KEX_TIMEOUT -> close(new DisconnectCause(DisconnectCause.Origin.TIMEOUT,
                        DisconnectReason.KEY_EXCHANGE_FAILED.code(), "key exchange timed out"), true,
                        "key exchange timed out");
                case REKEY_BY_TIME -> {
                    if (kex == null) {
                        startOurRekey();
                    }
                }
                case BUFFER_RELEASE -> releaseBuffersIfQuiet();
                default -> listener.onTimer(k);
            }
        }
        notePause();
    }

    /**
     * Arms {@link TimerKind#BUFFER_RELEASE} if buffers are held and it is not armed yet. Called after
     * every receive and transmit; it never moves an armed deadline, so a busy connection touches the
     * timer table about once per {@link #BUFFER_RELEASE_NANOS}.
     */
    private void armBufferRelease() {
        if (!closed && !timers.isArmed(TimerKind.BUFFER_RELEASE) && retainedBufferBytes() > 0) {
            timers.arm(TimerKind.BUFFER_RELEASE, now + BUFFER_RELEASE_NANOS);
            bytesMovedAtArm = bytesMoved;
        }
    }

    /**
     * The release timer fired: if no byte moved since it was armed, drop the outbound chunks (when
     * nothing waits to be sent) and the inbound reassembly buffers (when no packet is half read),
     * so an idle connection keeps no packet buffers. If traffic flowed meanwhile, look again one
     * period later. Whatever stays held (output the peer does not read, half a packet) re-arms the
     * timer on the next receive or transmit.
     */
    private void releaseBuffersIfQuiet() {
        if (bytesMoved != bytesMovedAtArm) {
            armBufferRelease();
            return;
        }
        out.releaseBuffers();
        if (reader != null) {
            reader.releaseBuffers();
        }
    }

    /**
     * Bytes of packet buffer this connection holds: outbound chunks (queued or kept for reuse) and
     * inbound reassembly and clear-text arrays. Falls to 0 once the connection has been quiet for
     * {@link #BUFFER_RELEASE_NANOS} and {@link #onTimeout} ran; for tests and monitoring.
     */
    public long retainedBufferBytes() {
        return out.retainedBytes() + (reader == null ? 0 : reader.retainedBytes());
    }

    /**
     * Takes back the array of a bulk packet's payload that nobody reads any more, for a later
     * packet (see {@link PacketReader#recycle}); ignored before the first packet.
     */
    public void recycle(byte[] array) {
        if (reader != null && !closed) {
            reader.recycle(array);
        }
    }

    /** The timer table, shared with the layers above (keep-alive, idle, auth timeout). */
    public TimerTable timers() {
        return timers;
    }

    /** The time of the latest {@code receive} or {@code onTimeout} call. */
    public long now() {
        return now;
    }

    // ---------------------------------------------------------------- events and closing

    /** The next event, or {@code null}. */
    @Override
    public SshEvent pollEvent() {
        SshEvent e = events.pollFirst();
        if (e != null) {
            notePause();
        }
        return e;
    }

    /** Queues an event for the application (used by the layers above). */
    public void emit(SshEvent e) {
        events.addLast(e);
    }

    /** Ends the connection at our application's request: queues DISCONNECT with {@code reason}. */
    @Override
    public void disconnect(DisconnectReason reason, String description) {
        close(new DisconnectCause(DisconnectCause.Origin.LOCAL_REQUEST, reason.code(), description), true, description);
    }

    /** A peer fault detected by a layer above: DISCONNECT with {@code reason}, then closed. */
    public void fault(DisconnectReason reason, String description) {
        close(DisconnectCause.peerFault(reason, description), true, description);
    }

    /** A local timer ended the connection (keep-alive or idle): DISCONNECT, then closed. */
    public void timeout(DisconnectReason reason, String description) {
        close(new DisconnectCause(DisconnectCause.Origin.TIMEOUT, reason.code(), description), true, description);
    }

    /** The driver saw end of stream or an I/O error: closes without sending anything. */
    @Override
    public void connectionLost(String why) {
        close(new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST, DisconnectReason.CONNECTION_LOST.code(), why),
                false, null);
    }

    private void close(DisconnectCause cause, boolean sendDisconnect, String description) {
        if (closed) {
            return;
        }
        if (sendDisconnect) {
            out.enqueue(new Disconnect(cause.reasonCode(), truncate(description), "").encode(), Origin.INTERNAL);
        }
        out.close();
        closed = true;
        for (TimerKind k : TimerKind.values()) {
            timers.cancel(k);
        }
        phase.fire(ConnectionPhase.Trigger.CLOSE);
        emit(new Disconnected(cause));
        notePause();
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    // ---------------------------------------------------------------- state

    /** Whether the connection is closed (no more input processed, no new messages). */
    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Whether our key exchange runs: application data has no credit meanwhile. */
    public boolean kexActive() {
        return out.kexActive();
    }

    /** Whether the first key exchange completed. */
    public boolean isReady() {
        return kexCount > 0 && !closed;
    }

    /** Completed key exchanges. */
    public int keyExchangeCount() {
        return kexCount;
    }

    /** The session identifier (H of the first exchange), or {@code null} before it. */
    public byte[] sessionId() {
        return sessionId == null ? null : sessionId.clone();
    }

    /** The peer's identification line, or {@code null} before it arrived. */
    public String peerVersion() {
        return version.peerVersion();
    }

    /** Lines the server sent before its identification (client role). */
    public List<String> peerBanner() {
        return version.bannerLines();
    }

    /** The algorithms of the latest negotiation, or {@code null} before it. */
    public NegotiatedAlgorithms algorithms() {
        return algorithms;
    }

    /** Whether strict KEX is in force. */
    public boolean strictKex() {
        return strict;
    }

    /** Client role: the server's server-sig-algs from EXT_INFO (RFC 8308 §3.1), empty if none came. */
    public List<String> peerSignatureAlgorithms() {
        return peerSignatureAlgorithms;
    }

    /** The connection phase. */
    public ConnectionPhase.Phase phase() {
        return phase.current();
    }

    /** The lifecycle machine (for DOT export and the layers above). */
    public ConnectionPhase phaseMachine() {
        return phase;
    }

    /**
     * The sequence number of the packet being handled (or last handled): what SSH_MSG_UNIMPLEMENTED
     * must name when a layer does not know a message (RFC 4253 §11.4).
     */
    public long lastReceivedSequenceNumber() {
        return (reader.nextSequenceNumber() - 1) & 0xffffffffL;
    }

    /** The configuration this transport runs with. */
    public TransportConfig config() {
        return config;
    }

    /** Our role. */
    public Role role() {
        return role;
    }

    /** The outbound queue, read-only use: for run-time invariant checks in tests. */
    public OutboundQueue outbound() {
        return out;
    }
}
