package io.sanssh.drivers.selector;

import io.sanssh.drivers.EngineFactory;
import io.sanssh.engine.SansIoEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening socket on a {@link SelectorLoop}: every connection it accepts gets its own engine from
 * the factory and joins the loop, served by the handler. Closing it stops accepting; connections
 * already accepted carry on.
 *
 * @param <E> the engine type of accepted connections
 */
public final class SelectorAcceptor<E extends SansIoEngine> extends DeadlineHeap.Entry implements AutoCloseable {
    /** Connections accepted per readiness, so that a flood of connects cannot starve the others. */
    private static final int ACCEPTS_PER_WAKEUP = 64;
    /**
     * How long accepting pauses after accept() failed (e.g. out of file descriptors): the listening
     * socket stays readable meanwhile, and a level-triggered selector would otherwise spin.
     */
    private static final long ACCEPT_BACKOFF_NANOS = 100_000_000L;

    private final SelectorLoop loop;
    private final ServerSocketChannel server;
    private final EngineFactory<E> factory;
    private final ConnectionHandler<E> handler;
    private final InetSocketAddress address;
    private SelectionKey key;
    private volatile long accepted;
    private volatile long acceptFailures;

    SelectorAcceptor(SelectorLoop loop, ServerSocketChannel server, EngineFactory<E> factory,
                     ConnectionHandler<E> handler) throws IOException {
        this.loop = loop;
        this.server = server;
        this.factory = factory;
        this.handler = handler;
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    void register(SelectionKey k) {
        this.key = k;
    }

    /** OP_ACCEPT fired: take the waiting connections. Loop thread. */
    void onAcceptable() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                acceptFailures++;
                if (key.isValid()) {
                    key.interestOps(0);
                    loop.deadlines().schedule(this, loop.now() + ACCEPT_BACKOFF_NANOS);
                }
                return;
            }
            if (ch == null) {
                return;
            }
            accepted++;
            loop.adopt(ch, factory, handler);
        }
    }

    /** The accept backoff ended: listen again. Loop thread. */
    void onDeadline() {
        if (key != null && key.isValid()) {
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** How many accept() calls failed (each pauses accepting briefly). */
    public long acceptFailures() {
        return acceptFailures;
    }

    /** The bound address (with the real port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return address;
    }

    /** How many connections were accepted so far. */
    public long acceptedCount() {
        return accepted;
    }

    /** Stops accepting and closes the listening socket; accepted connections stay open. */
    @Override
    public void close() {
        loop.runOnLoop(() -> {
            if (key != null) {
                key.cancel();
            }
            loop.deadlines().cancel(this);
            loop.forget(this);
            try {
                server.close();
            } catch (IOException e) {
                // nothing more to release
            }
        });
    }
}
