package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.drivers.blocking.BlockingConnection;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one seam between the user API and a driver: act on the engine under the driver's
 * serialisation, take the next event, close. Everything else in this package (channel streams,
 * exec and SFTP serving, authentication) is written against it, so another driver only needs
 * another implementation of this class.
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
     * Removes and returns the next event, waiting up to {@code timeout}.
     *
     * @throws SshDisconnectedException once the connection ended and no event is left
     * @throws SshTimeoutException if none came in time (the connection is fine)
     */
    abstract SshEvent nextEvent(Duration timeout)
            throws SshDisconnectedException, SshTimeoutException, InterruptedIOException;

    /**
     * Lets {@code tap} take events as the engine emits them, under the driver's serialisation and
     * before the event queue {@link #nextEvent} reads (see {@code BlockingConnection.setEventTap}):
     * quick, non-blocking, and never acting on this link.
     */
    abstract void tapEvents(java.util.function.Predicate<SshEvent> tap);

    /** Says goodbye with DISCONNECT {@code BY_APPLICATION} and closes, bounded by the driver's close timeout. */
    abstract void close(String description);

    /** Why the connection ended, or {@code null} while it is open. */
    abstract DisconnectCause disconnectCause();

    /** The peer's address. */
    abstract SocketAddress remoteAddress();

    /** A link over the blocking driver; {@code clock} must be the time base the driver gives the engine. */
    static Link blocking(BlockingConnection<SshConnection> c, LongSupplier clock) {
        return new Link() {
            @Override
            <T> T call(Function<SshConnection, T> action) {
                return c.call(e -> {
                    e.onTimeout(clock.getAsLong());
                    return action.apply(e);
                });
            }

            @Override
            SshEvent nextEvent(Duration timeout)
                    throws SshDisconnectedException, SshTimeoutException, InterruptedIOException {
                return c.awaitEvent(e -> true, timeout);
            }

            @Override
            void tapEvents(java.util.function.Predicate<SshEvent> tap) {
                c.setEventTap(tap);
            }

            @Override
            void close(String description) {
                c.close(e -> e.disconnect(DisconnectReason.BY_APPLICATION, description));
            }

            @Override
            DisconnectCause disconnectCause() {
                return c.disconnectCause();
            }

            @Override
            SocketAddress remoteAddress() {
                return c.remoteAddress();
            }
        };
    }
}
