package io.sanssh.engine;

import io.sanssh.engine.event.SshEvent;
import java.nio.ByteBuffer;

/**
 * What a driver sees of an engine: bytes in, bytes out, time in, events out (DESIGN.md, "The engine
 * contract"). Every driver runs the same pump over it:
 *
 * <pre>
 *   onTimeout(now) when the deadline passed; poll events and hand them to the application;
 *   transmit while wantsWrite(); read and receive() while wantsRead();
 *   wait for socket readiness or nextDeadline().
 * </pre>
 *
 * Single-threaded: a driver serialises every call (one lock, or one event-loop thread). No method
 * blocks, and none does I/O.
 *
 * <p>Time enters only through {@link #receive} and {@link #onTimeout}; the engine keeps the latest
 * value as "now". An application call that starts a timer (a rekey request, a write that crosses
 * the rekey volume, opening a keep-alive) counts from that "now", so a driver that lets the
 * application act between pump iterations calls {@code onTimeout(currentTime)} first: spurious
 * calls are harmless and keep the engine's "now" current.
 */
public interface SansIoEngine {
    /**
     * Consumes bytes from the peer (advancing {@code src}) and processes every whole packet among
     * them. Never refuses because output is blocked; stops early only when input pauses.
     *
     * @return how many bytes were consumed
     */
    int receive(ByteBuffer src, long nowNanos);

    /** Copies queued ciphertext into {@code dst}; any partial write is fine. Returns the count. */
    int transmit(ByteBuffer dst);

    /**
     * A view of the front of the queued ciphertext, for zero-copy writes: its bytes stay unchanged
     * until consumed, even while more is queued, so a driver may write them outside its lock. It
     * may be array-backed (then {@code array()} may be handed to an {@code OutputStream}); never
     * write into it.
     */
    ByteBuffer peekOutput();

    /** Marks {@code n} bytes of {@link #peekOutput()} as written. */
    void consumeOutput(int n);

    /** Level signal: read and {@link #receive} now. False while output is backed up or events pile up. */
    boolean wantsRead();

    /** Level signal: ciphertext waits for {@link #transmit}. */
    boolean wantsWrite();

    /** Whether a timer is armed; if so {@link #nextDeadline()} says when. */
    boolean hasDeadline();

    /** When {@link #onTimeout} should next run, in the driver's nanosecond time base. */
    long nextDeadline();

    /** Runs the timers due at {@code nowNanos}; spurious calls are harmless. */
    void onTimeout(long nowNanos);

    /** The next event for the application, or {@code null}. */
    SshEvent pollEvent();

    /** The byte stream ended or failed under the driver: the engine closes without sending. */
    void connectionLost(String why);

    /**
     * Ends the connection gracefully: queues SSH_MSG_DISCONNECT with {@code reason} (RFC 4253
     * §11.1) and closes; the driver drains the queued bytes, then closes the socket.
     */
    void disconnect(io.sanssh.spec.wire.DisconnectReason reason, String description);

    /** Whether the engine is closed (protocol-wise; queued bytes may still drain). */
    boolean isClosed();
}
