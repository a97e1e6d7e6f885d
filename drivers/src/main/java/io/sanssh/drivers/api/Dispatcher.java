package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.drivers.SshTimeoutException;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The thread that takes every event of one connection as soon as it is published and hands it to
 * the connection's handler. Taking them all keeps the driver's event inbox from filling (which
 * would pause input), so a channel nobody reads holds back only its own window.
 */
final class Dispatcher implements Runnable {
    private final BlockingLink link;
    private final Consumer<SshEvent> onEvent;
    private final Consumer<DisconnectCause> onEnded;

    /**
     * @param onEvent called for every event, on the dispatcher thread; must not block for long
     * @param onEnded called once, last, with why the connection ended
     */
    Dispatcher(BlockingLink link, Consumer<SshEvent> onEvent, Consumer<DisconnectCause> onEnded) {
        this.link = link;
        this.onEvent = onEvent;
        this.onEnded = onEnded;
    }

    /** Starts the dispatcher on a daemon thread named {@code name}. */
    Thread start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        DisconnectCause cause = null;
        try {
            while (true) {
                SshEvent e;
                try {
                    e = link.nextEvent(Duration.ofMinutes(1));
                } catch (SshTimeoutException idle) {
                    continue;
                }
                try {
                    onEvent.accept(e);
                } catch (IllegalStateException late) {
                    // a reaction to an event raced with the connection's end (the engine refuses
                    // calls once closed); while the connection is open it is a bug, so it escapes
                    if (link.disconnectCause() == null) {
                        throw late;
                    }
                }
            }
        } catch (SshDisconnectedException ended) {
            cause = ended.disconnectCause();
        } catch (InterruptedIOException stop) {
            cause = link.disconnectCause();
        } catch (RuntimeException | Error bug) {
            link.close("internal error: " + bug);
            throw bug;
        } finally {
            if (cause == null) {
                cause = link.disconnectCause();
            }
            if (cause == null) {
                cause = new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST, 10, "event dispatcher stopped");
            }
            onEnded.accept(cause);
        }
    }
}
