package io.sanssh.drivers.api;

/**
 * Which driver puts a client or server connection on its socket. The API behaves the same over
 * both; they differ in threads. Chosen with {@link ClientOptions.Builder#driver} and
 * {@link ServerOptions.Builder#driver}.
 */
public enum Driver {
    /**
     * A blocking socket per connection, with a reader, a pump and an event thread of its own:
     * simple, and the fastest for a few busy connections.
     */
    BLOCKING,
    /**
     * A {@link io.sanssh.drivers.selector.SelectorLoop}: one thread serves many connections, and an
     * idle connection costs no thread. Events are handled on the loop thread; a server's commands
     * still run on threads of their own, but its SFTP requests are answered on the loop thread, so
     * a slow file system delays the loop's other connections meanwhile.
     */
    SELECTOR
}
