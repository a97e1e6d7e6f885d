package io.sanssh.drivers.sim;

import io.sanssh.engine.SansIoEngine;
import io.sanssh.engine.event.SshEvent;

/**
 * The application on one simulated endpoint, supplied by the test. The simulator calls it on its
 * single thread, in virtual time: when the endpoint starts, for every event the engine emits (right
 * after the {@code receive} or {@code onTimeout} that produced it), and when the endpoint's socket
 * closes. It may call the engine directly ({@link SimEndpoint#engine()}) and schedule later work
 * with {@link SimEndpoint#schedule}; the endpoint is pumped after every callback, so whatever the
 * application queued is transmitted without further ado.
 *
 * @param <E> the engine type
 */
public interface SimApplication<E extends SansIoEngine> {
    /** The engine exists and nothing has moved yet. */
    default void onStart(SimEndpoint<E> endpoint) {
    }

    /** The engine emitted {@code event}. */
    void onEvent(SimEndpoint<E> endpoint, SshEvent event);

    /** The endpoint's socket is closed; the engine will not be driven again. */
    default void onClosed(SimEndpoint<E> endpoint) {
    }

    /** An application that ignores everything (the events are still logged by the endpoint). */
    static <E extends SansIoEngine> SimApplication<E> passive() {
        return (endpoint, event) -> {
        };
    }
}
