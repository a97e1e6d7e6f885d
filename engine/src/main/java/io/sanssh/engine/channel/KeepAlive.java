package io.sanssh.engine.channel;

import io.sanssh.engine.timer.TimerKind;
import io.sanssh.engine.timer.TimerTable;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.wire.DisconnectReason;

/**
 * Our keep-alive probes and the idle timeout, on the transport's shared timer table
 * ({@link TimerKind#KEEPALIVE}, {@link TimerKind#IDLE}). Time is whatever the driver passed last
 * ({@link Transport#now()}); nothing here reads a clock.
 *
 * <p>Keep-alive, as OpenSSH's {@code ServerAliveInterval}/{@code ClientAliveInterval}: every
 * interval we send "keepalive@openssh.com" with want-reply; any answer, success or failure,
 * proves the peer alive and resets the count. When the count of unanswered probes reaches the
 * maximum and another interval passes, the connection is declared lost: DISCONNECT with
 * CONNECTION_LOST (RFC 4250 §4.2.2, reason 10), which says what happened, where PROTOCOL_ERROR
 * would blame a fault the peer did not commit; the application sees {@code Disconnected} with
 * origin TIMEOUT. With an interval of 1 s and a maximum of 3, a silent peer is dropped 4 s after
 * its last answer, as OpenSSH does.
 *
 * <p>Idle timeout: re-armed by every packet received ({@code onPacketReceived}); when it expires
 * the connection ends with BY_APPLICATION, since it is our local policy and not a fault.
 */
final class KeepAlive {
    private final Transport transport;
    private final TimerTable timers;
    private final long intervalNanos;
    private final int maxMissed;
    private final long idleNanos;
    private final Runnable sendProbe;
    private boolean started;
    private int missed;
    private long sent;
    private long answered;

    KeepAlive(LayerContext ctx, Runnable sendProbe) {
        this.transport = ctx.transport;
        this.timers = ctx.transport.timers();
        this.intervalNanos = ctx.config.keepAliveInterval().toNanos();
        this.maxMissed = ctx.config.keepAliveMaxMissed();
        this.idleNanos = ctx.config.idleTimeout().toNanos();
        this.sendProbe = sendProbe;
    }

    /** Arms the timers; called when the connection layer starts. */
    void start() {
        started = true;
        long now = transport.now();
        if (intervalNanos > 0) {
            timers.arm(TimerKind.KEEPALIVE, now + intervalNanos);
        }
        if (idleNanos > 0) {
            timers.arm(TimerKind.IDLE, now + idleNanos);
        }
    }

    /** A timer of ours expired. */
    void onTimer(TimerKind kind) {
        if (!started || transport.isClosed()) {
            return;
        }
        if (kind == TimerKind.KEEPALIVE && intervalNanos > 0) {
            if (missed >= maxMissed) {
                transport.timeout(DisconnectReason.CONNECTION_LOST,
                        "keep-alive timeout: " + missed + " probes unanswered");
                return;
            }
            missed++;
            sent++;
            sendProbe.run();
            timers.arm(TimerKind.KEEPALIVE, transport.now() + intervalNanos);
        } else if (kind == TimerKind.IDLE && idleNanos > 0) {
            transport.timeout(DisconnectReason.BY_APPLICATION,
                    "idle timeout: nothing received for " + idleNanos / 1_000_000 + " ms");
        }
    }

    /** The peer answered a probe. */
    void onProbeAnswered() {
        missed = 0;
        answered++;
    }

    /** A packet arrived: the idle timer starts again. */
    void onPacketReceived() {
        if (started && idleNanos > 0 && !transport.isClosed()) {
            timers.arm(TimerKind.IDLE, transport.now() + idleNanos);
        }
    }

    /** Probes sent since the start. */
    long sent() {
        return sent;
    }

    /** Answers to our probes received since the start. */
    long answered() {
        return answered;
    }

    /** Probes sent and not answered since the last answer. */
    int missed() {
        return missed;
    }
}
