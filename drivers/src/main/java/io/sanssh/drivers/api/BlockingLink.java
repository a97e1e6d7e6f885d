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
 * A {@link Link} over the blocking driver: actions run under the connection's engine lock on the
 * caller's thread; events are taken by a {@link Dispatcher} thread of their own.
 */
final class BlockingLink extends Link {
    private final BlockingConnection<SshConnection> c;
    private final LongSupplier clock;

    /** @param clock the time base the driver gives the engine */
    BlockingLink(BlockingConnection<SshConnection> c, LongSupplier clock) {
        this.c = c;
        this.clock = clock;
    }

    @Override
    <T> T call(Function<SshConnection, T> action) {
        return c.call(e -> {
            e.onTimeout(clock.getAsLong());
            return action.apply(e);
        });
    }

    /** The connection under this link. */
    BlockingConnection<SshConnection> connection() {
        return c;
    }

    @Override
    boolean readTurn(long maxNanos) throws InterruptedIOException {
        return c.readTurn(maxNanos);
    }

    @Override
    void tapEvents(java.util.function.Predicate<SshEvent> tap) {
        c.setEventTap(tap);
    }

    @Override
    void startEvents(String name, Consumer<SshEvent> onEvent, Consumer<DisconnectCause> onEnded) {
        new Dispatcher(this, onEvent, onEnded).start(name);
    }

    /**
     * Removes and returns the next event, waiting up to {@code timeout}.
     *
     * @throws SshDisconnectedException once the connection ended and no event is left
     * @throws SshTimeoutException if none came in time (the connection is fine)
     */
    SshEvent nextEvent(Duration timeout) throws SshDisconnectedException, SshTimeoutException, InterruptedIOException {
        return c.awaitEvent(e -> true, timeout);
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
}
