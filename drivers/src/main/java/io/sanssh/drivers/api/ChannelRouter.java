package io.sanssh.drivers.api;

import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelEowReceived;
import io.sanssh.engine.event.ChannelExtendedData;
import io.sanssh.engine.event.ChannelOpenFailed;
import io.sanssh.engine.event.ChannelOpened;
import io.sanssh.engine.event.ChannelRequestReplied;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.ExitSignalReceived;
import io.sanssh.engine.event.ExitStatusReceived;
import io.sanssh.engine.event.SshEvent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes channel events to the {@link ChannelState} of their channel. Both roles use it; what is
 * not a channel event (or needs the application's decision, such as a channel request received by
 * a server) is left to the caller.
 */
final class ChannelRouter {
    private final Link link;
    private final ConcurrentHashMap<Integer, ChannelState> channels = new ConcurrentHashMap<>();

    ChannelRouter(Link link) {
        this.link = link;
    }

    /**
     * Starts tracking {@code channel}. Call under the engine serialisation, in the same action that
     * opened or accepted it, so that no event for it can be dispatched before it is known.
     */
    ChannelState register(int channel) {
        ChannelState s = new ChannelState(channel, link);
        channels.put(channel, s);
        return s;
    }

    /** The state of {@code channel}, or {@code null} if it is not tracked. */
    ChannelState get(int channel) {
        return channels.get(channel);
    }

    /** Routes {@code e} if it is a channel event, returning true; false leaves it to the caller. */
    boolean route(SshEvent e) {
        if (e instanceof ChannelData d) {
            ChannelState s = channels.get(d.channel());
            if (s == null || !s.onData(ChannelState.STDOUT, d.data())) {
                consumeNow(d.channel(), d.data().length());
            }
        } else if (e instanceof ChannelExtendedData x) {
            ChannelState s = channels.get(x.channel());
            if (s == null || x.dataType() != 1 || !s.onData(ChannelState.STDERR, x.data())) {
                consumeNow(x.channel(), x.data().length());
            }
        } else if (e instanceof ChannelWritable w) {
            with(w.channel(), ChannelState::onWritable);
        } else if (e instanceof ChannelOpened o) {
            with(o.channel(), ChannelState::onOpened);
        } else if (e instanceof ChannelOpenFailed f) {
            ChannelState s = channels.remove(f.channel());
            if (s != null) {
                s.onOpenFailed((f.reason() == null ? "reason " + f.reasonCode() : f.reason().toString())
                        + (f.description().isEmpty() ? "" : ": " + f.description()));
            }
        } else if (e instanceof ChannelEof eof) {
            with(eof.channel(), ChannelState::onEof);
        } else if (e instanceof ChannelClosed c) {
            ChannelState s = channels.remove(c.channel());
            if (s != null) {
                s.onClosed();
            }
        } else if (e instanceof ChannelRequestReplied r) {
            with(r.channel(), s -> s.onReply(r.requestId(), r.success()));
        } else if (e instanceof ExitStatusReceived x) {
            with(x.channel(), s -> s.onExitStatus(x.status()));
        } else if (e instanceof ExitSignalReceived x) {
            with(x.channel(), s -> s.onExitSignal(x.signal()));
        } else {
            return e instanceof ChannelEowReceived;
        }
        return true;
    }

    /**
     * The bulk path, for the driver's event tap (engine lock held): hands channel data and stderr
     * of a tracked channel straight to its stream buffer, and credit returning straight to its
     * blocked writer, and returns true; a channel's {@link ChannelState.Listener} (the SFTP client)
     * is offered its data and credit and may take them. Returns false for everything else, for
     * what a listener declines, and for data nobody will read; those take the ordinary way through
     * {@link #route} (on the event thread, where reporting data consumed or a listener may block).
     * Other channel events keep their order behind the data: they only ever follow it.
     */
    boolean routeData(SshEvent e) {
        if (e instanceof ChannelData d) {
            ChannelState s = channels.get(d.channel());
            if (s == null) {
                return false;
            }
            ChannelState.Listener l = s.listener();
            return l != null ? l.tapData(d.data()) : s.onData(ChannelState.STDOUT, d.data());
        }
        if (e instanceof ChannelExtendedData x && x.dataType() == 1) {
            ChannelState s = channels.get(x.channel());
            // a listener takes only the main stream: stderr of its channel goes the ordinary way
            return s != null && s.listener() == null && s.onData(ChannelState.STDERR, x.data());
        }
        if (e instanceof ChannelWritable w) {
            ChannelState s = channels.get(w.channel());
            if (s == null) {
                return false;
            }
            ChannelState.Listener l = s.listener();
            if (l != null) {
                return l.tapWritable();
            }
            s.onWritable();
            return true;
        }
        return false;
    }

    /** The connection ended: every tracked channel learns it and is forgotten. */
    void connectionLost(String why) {
        for (ChannelState s : channels.values()) {
            s.onConnectionLost(why);
        }
        channels.clear();
    }

    private void with(int channel, java.util.function.Consumer<ChannelState> action) {
        ChannelState s = channels.get(channel);
        if (s != null) {
            action.accept(s);
        }
    }

    private void consumeNow(int channel, long n) {
        if (n > 0) {
            try {
                link.run(c -> c.channels().consumed(channel, n));
            } catch (IllegalStateException ex) {
                // the engine closed meanwhile: no window to reopen
            }
        }
    }
}
