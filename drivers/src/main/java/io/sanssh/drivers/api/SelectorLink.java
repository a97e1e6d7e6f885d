package io.sanssh.drivers.api;

import io.sanssh.drivers.selector.ConnectionHandler;
import io.sanssh.drivers.selector.SelectorConnection;
import io.sanssh.drivers.selector.SelectorLoop;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.spec.wire.DisconnectReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A {@link Link} over one connection of a {@link SelectorLoop}; it is also that connection's
 * {@link ConnectionHandler}. If it owns its loop (a client connected without a shared loop), closing
 * the link closes the loop too.
 */
final class SelectorLink extends LoopLink implements ConnectionHandler<SshConnection> {
    private final SelectorLoop loop;
    private final boolean ownsLoop;
    private final Duration closeTimeout;
    private volatile SelectorConnection<SshConnection> connection;

    SelectorLink(SelectorLoop loop, boolean ownsLoop, Duration closeTimeout) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void onOpen(SelectorConnection<SshConnection> c) {
        connection = c;
        opened(c.remoteAddress());
    }

    @Override
    public void onEvent(SelectorConnection<SshConnection> c, SshEvent e) {
        event(e);
    }

    @Override
    public void onClosed(SelectorConnection<SshConnection> c, DisconnectCause cause) {
        closed(cause);
        if (ownsLoop) {
            loop.close();
        }
    }

    @Override
    boolean inLoop() {
        return loop.inLoop();
    }

    @Override
    void onLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    @Override
    SshConnection engine() {
        return connection.engine();
    }

    @Override
    long now() {
        return loop.nanoClock().getAsLong();
    }

    @Override
    <T> CompletableFuture<T> submit(Function<SshConnection, T> action) {
        return connection.submit(action::apply);
    }

    @Override
    void close(String description) {
        SelectorConnection<SshConnection> c = connection;
        if (c == null) {
            if (ownsLoop) {
                loop.close();
            }
            return;
        }
        CompletableFuture<DisconnectCause> done = c.close(e -> e.disconnect(DisconnectReason.BY_APPLICATION,
                description));
        if (!loop.inLoop()) {
            try {
                done.get(closeTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // bounded: the loop drops it at its own close bound
            }
        }
        if (ownsLoop) {
            loop.close();
        }
    }
}
