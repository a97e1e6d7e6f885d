package io.sanssh.drivers;

import io.sanssh.engine.SansIoEngine;

/**
 * Creates the engine for one connection, once the byte stream exists (after TCP connect or
 * accept, or when the simulator opens a link). Every driver takes one, so the same application code
 * runs over a socket, a selector or the simulator.
 *
 * <p>Called exactly once per connection, on the thread that will first drive the engine, with the
 * driver's clock: {@code System.nanoTime()} for socket drivers, virtual time for the simulator. An
 * engine queues its identification line and first KEXINIT on construction, so the driver transmits
 * right after this returns.
 *
 * @param <E> the engine type the application works with ({@code Transport}, {@code SshConnection})
 */
@FunctionalInterface
public interface EngineFactory<E extends SansIoEngine> {
    /**
     * Builds the engine.
     *
     * @param nowNanos the driver's current time, in the time base it will keep passing to the engine
     * @return a new engine in its initial state; never shared between connections
     */
    E create(long nowNanos);

    /**
     * Builds the engine for a connection from {@code peer}; drivers that accept connections call
     * this one, so a server can configure per client (e.g. authentication limits by address).
     * The default ignores the peer.
     */
    default E create(long nowNanos, java.net.SocketAddress peer) {
        return create(nowNanos);
    }
}
