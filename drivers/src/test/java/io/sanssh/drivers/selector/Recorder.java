package io.sanssh.drivers.selector;

import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler that records, for tests: opened connections, events, and closes with their causes. */
final class Recorder implements ConnectionHandler<Transport> {
    final List<SelectorConnection<Transport>> opened = new CopyOnWriteArrayList<>();
    final List<SshEvent> events = new CopyOnWriteArrayList<>();
    final List<DisconnectCause> closed = new CopyOnWriteArrayList<>();
    final AtomicInteger wrongThread = new AtomicInteger();
    private final SelectorLoop loop;

    Recorder(SelectorLoop loop) {
        this.loop = loop;
    }

    @Override
    public void onOpen(SelectorConnection<Transport> c) {
        check();
        opened.add(c);
    }

    @Override
    public void onEvent(SelectorConnection<Transport> c, SshEvent e) {
        check();
        events.add(e);
    }

    @Override
    public void onClosed(SelectorConnection<Transport> c, DisconnectCause cause) {
        check();
        closed.add(cause);
    }

    private void check() {
        if (!loop.inLoop()) {
            wrongThread.incrementAndGet();
        }
    }
}
