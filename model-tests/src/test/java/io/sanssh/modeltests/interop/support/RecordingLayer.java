package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.spec.algorithm.ServiceNames;
import io.sanssh.spec.connection.ConnectionCodec;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.transport.ServiceAccept;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.transport.TransportCodec;
import io.sanssh.spec.userauth.AuthMethodContext;
import io.sanssh.spec.userauth.UserAuthCodec;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for the layers above the transport in transport-only interop tests: it records every
 * message the transport hands up (decoded with the spec codecs: SERVICE_REQUEST/ACCEPT, user-auth
 * and connection messages; anything else as {@link UnknownMessage}) and the transport's
 * notifications.
 *
 * <p>In the server role it can answer like the real user-auth service would begin to: {@link
 * #acceptServices} makes it reply SERVICE_ACCEPT to SERVICE_REQUEST("ssh-userauth") and DISCONNECT
 * (SERVICE_NOT_AVAILABLE) to any other service, so a real client gets as far as its first
 * USERAUTH_REQUEST. Single-threaded, like the transport.
 */
public final class RecordingLayer implements TransportListener {
    private final List<SshMessage> messages = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<String> decodeFailures = new ArrayList<>();
    private Transport transport;
    private boolean acceptServices;
    private int readyCalls;
    private int kexStarts;
    private AuthMethodContext authContext = AuthMethodContext.OTHER;

    /** A layer that only records. */
    public RecordingLayer() {
    }

    /**
     * Server role: answer service requests through {@code t} (call right after constructing the
     * transport, before any input).
     */
    public RecordingLayer acceptServices(Transport t) {
        this.transport = t;
        this.acceptServices = true;
        return this;
    }

    @Override
    public void onMessage(byte[] payload, int off, int len, boolean owned) {
        byte[] copy = Arrays.copyOfRange(payload, off, off + len);
        payloads.add(copy);
        int n = copy[0] & 0xff;
        SshMessage m;
        try {
            m = decode(copy, n);
        } catch (SshFormatException e) {
            decodeFailures.add(MessageNumbers.name(n) + ": " + e.getMessage());
            m = new UnknownMessage(n, Bytes.of(Arrays.copyOfRange(copy, 1, copy.length)));
        }
        messages.add(m);
        if (acceptServices && m instanceof ServiceRequest req) {
            if (ServiceNames.SSH_USERAUTH.equals(req.serviceName())) {
                transport.send(new ServiceAccept(req.serviceName()), Origin.INTERNAL);
            } else {
                transport.disconnect(DisconnectReason.SERVICE_NOT_AVAILABLE, "no service " + req.serviceName());
            }
        }
    }

    private SshMessage decode(byte[] copy, int n) {
        SshMessage m;
        if (n == MessageNumbers.SERVICE_REQUEST || n == MessageNumbers.SERVICE_ACCEPT) {
            m = TransportCodec.decode(copy);
        } else if (MessageNumbers.isUserAuth(n)) {
            m = UserAuthCodec.decode(copy, authContext);
            if (m instanceof UserAuthRequest r) {
                authContext = AuthMethodContext.forMethod(r.method());
            }
        } else if (MessageNumbers.isConnection(n)) {
            m = ConnectionCodec.decode(copy);
        } else {
            m = new UnknownMessage(n, Bytes.of(Arrays.copyOfRange(copy, 1, copy.length)));
        }
        return m;
    }

    @Override
    public void onTransportReady() {
        readyCalls++;
    }

    @Override
    public void onKexActiveChanged(boolean active) {
        if (active) {
            kexStarts++;
        }
    }

    @Override
    public void onTimer(TimerKind kind) {
        // transport-only tests arm no upper-layer timers
    }

    /** Every message received, decoded, in order. */
    public List<SshMessage> messages() {
        return List.copyOf(messages);
    }

    /** The raw payloads, in order (number byte first). */
    public List<byte[]> payloads() {
        return List.copyOf(payloads);
    }

    /**
     * Messages the spec codecs refused ("NAME: why"); they are recorded as {@link UnknownMessage}
     * instead. A real peer's message that our codecs refuse is a finding: tests assert this is empty.
     */
    public List<String> decodeFailures() {
        return List.copyOf(decodeFailures);
    }

    /** How many messages of {@code type} arrived. */
    public long count(Class<? extends SshMessage> type) {
        return messages.stream().filter(type::isInstance).count();
    }

    /** The first message of {@code type}, if one arrived. */
    public <T extends SshMessage> Optional<T> first(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Whether a message of {@code type} arrived. */
    public boolean received(Class<? extends SshMessage> type) {
        return first(type).isPresent();
    }

    /** How many times the transport said it was ready (at most once). */
    public int readyCalls() {
        return readyCalls;
    }

    /** How many key exchanges of ours started (the first included). */
    public int kexStarts() {
        return kexStarts;
    }
}
