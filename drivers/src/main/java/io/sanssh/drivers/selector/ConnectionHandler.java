package io.sanssh.drivers.selector;

import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;

/**
 * The application's side of connections on a {@link SelectorLoop}. Every method runs on the loop
 * thread, so it may use {@link SelectorConnection#engine()} directly; it must not block, since every
 * other connection of the loop waits meanwhile. Whatever it queues on the engine is written as soon
 * as it returns. One handler may serve many connections (e.g. every connection an acceptor takes).
 *
 * @param <E> the engine type
 */
public interface ConnectionHandler<E extends SansIoEngine> {
    /** The TCP connection is up and its engine exists; nothing has been read yet. */
    default void onOpen(SelectorConnection<E> connection) {
    }

    /** The engine emitted {@code event}. */
    void onEvent(SelectorConnection<E> connection, SshEvent event);

    /** The socket is closed; {@code cause} says why (the engine's, or the driver's if it had none). */
    default void onClosed(SelectorConnection<E> connection, DisconnectCause cause) {
    }
}
