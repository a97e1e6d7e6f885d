package io.sanssh.drivers.api;

import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import java.net.SocketAddress;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one seam between the user API and a driver: act on the engine under the driver's
 * serialisation, receive its events, close. Everything else in this package (channel streams,
 * exec and SFTP serving, authentication) is written against it, so another driver only needs
 * another implementation of this class: {@link BlockingLink}, {@link SelectorLink}, {@link SimulatedLink}.
 *
 * <p>Every action first passes the current time with {@code onTimeout(now)}, as the engine contract
 * asks of application calls that may start a timer (SansIoEngine).
 */
abstract class Link {
    /** Runs {@code action} on the engine, serialised with the driver, after {@code onTimeout(now)}. */
    abstract <T> T call(Function<SshConnection, T> action);

    /** Like {@link #call}, without a result. */
    final void run(Consumer<SshConnection> action) {
        call(e -> {
            action.accept(e);
            return null;
        });
    }

    /**
     * Starts handing this connection's events to {@code onEvent}, in order, then {@code onEnded}
     * once with why the connection ended. Events the engine emitted before this call are kept and
     * handed over first. Call once. {@code onEvent} must not block for long: the blocking driver
     * calls it on a thread of its own named {@code name}, a loop driver on its loop thread.
     */
    abstract void startEvents(String name, Consumer<SshEvent> onEvent, Consumer<DisconnectCause> onEnded);

    /**
     * Lets {@code tap} take events as the engine emits them, under the driver's serialisation and
     * before they are queued for the event handler of {@link #startEvents}: the bulk path, which
     * skips the hop to the event thread (see {@code BlockingConnection.setEventTap}). The tap must
     * be quick, must not block, and must never act on this link; an event it accepts (true) never
     * reaches the handler. Call before {@link #startEvents}. Drivers that hand events over on the
     * thread that produced them have no such hop and ignore it.
     */
    void tapEvents(java.util.function.Predicate<SshEvent> tap) {
        // no event thread to skip
    }

    /**
     * Lets a thread that is about to wait for something from the peer read the connection itself
     * (see {@code BlockingConnection.readTurn}): true if it did, so the caller checks again at
     * once; false if it should wait as usual. Call without holding a lock the event tap takes.
     * Drivers whose own loop reads the connection always say false.
     */
    boolean readTurn(long maxNanos) throws java.io.InterruptedIOException {
        return false;
    }

    /** Says goodbye with DISCONNECT {@code BY_APPLICATION} and closes, bounded by the driver's close timeout. */
    abstract void close(String description);

    /** Why the connection ended, or {@code null} while it is open. */
    abstract DisconnectCause disconnectCause();

    /** The peer's address. */
    abstract SocketAddress remoteAddress();

    /** A link over the blocking driver; {@code clock} must be the time base the driver gives the engine. */
    static Link blocking(BlockingConnection<SshConnection> c, LongSupplier clock) {
        return new BlockingLink(c, clock);
    }
}
