package io.sanssh.drivers.api;

import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.OpenFailureReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A remote port forward ({@code ssh -R}, RFC 4254 §7.1): the server listens on
 * {@link #bindHost()}:{@link #boundPort()} and hands each connection it accepts to the client as a
 * "forwarded-tcpip" channel, which the client splices with a new TCP connection to the target.
 * Made by {@link SshSession#forwardRemote}; {@link #close()} sends "cancel-tcpip-forward" (the
 * server stops listening; connections already forwarded carry on until either end closes).
 */
public final class RemotePortForward implements AutoCloseable {
    private final String bindHost;
    private final int boundPort;
    private final String targetHost;
    private final int targetPort;
    private final Registry registry;
    private final Runnable cancel;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    RemotePortForward(String bindHost, int boundPort, String targetHost, int targetPort, Registry registry,
                      Runnable cancel) {
        this.bindHost = bindHost;
        this.boundPort = boundPort;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.registry = registry;
        this.cancel = cancel;
    }

    /** The address the server listens on, as requested. */
    public String bindHost() {
        return bindHost;
    }

    /** The port the server listens on: the one requested, or the one it chose for port 0. */
    public int boundPort() {
        return boundPort;
    }

    /** Why forwarded connections failed (e.g. the target refused), oldest first. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Asks the server to stop listening ("cancel-tcpip-forward"), waiting for its answer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.remove(boundPort, this);
        cancel.run();
    }

    /**
     * The client's table of remote forwards by bound port: routes each "forwarded-tcpip" open to
     * its forward's target, and refuses opens for ports it does not know.
     */
    static final class Registry {
        private final Map<Integer, RemotePortForward> byPort = new ConcurrentHashMap<>();

        void add(RemotePortForward f) {
            byPort.put(f.boundPort, f);
        }

        void remove(int port, RemotePortForward f) {
            byPort.remove(port, f);
        }

        /** Connects {@code channel} to its forward's target, or refuses it (on the event thread; the connect runs on its own). */
        void onOpen(Link link, ChannelRouter router, int channel, ChannelOpenBody.ForwardedTcpip body) {
            RemotePortForward f = byPort.get((int) body.connectedPort());
            if (f == null) {
                link.run(c -> c.channels().rejectChannel(channel, OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                        "no remote forward for port " + body.connectedPort()));
                return;
            }
            TcpForwarding.connect(link, router, channel, f.targetHost, f.targetPort, f.failures::add);
        }
    }
}
