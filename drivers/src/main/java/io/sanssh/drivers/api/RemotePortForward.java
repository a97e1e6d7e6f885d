package io.sanssh.drivers.api;

import io.sanssh.engine.event.GlobalRequestReplied;
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
    private final Target target;
    private final Registry registry;
    private final Runnable cancel;
    private volatile boolean closed;

    RemotePortForward(String bindHost, int boundPort, Target target, Registry registry, Runnable cancel) {
        this.bindHost = bindHost;
        this.boundPort = boundPort;
        this.target = target;
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
        return List.copyOf(target.failures());
    }

    /** Asks the server to stop listening ("cancel-tcpip-forward"), waiting for its answer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.remove(boundPort, target);
        cancel.run();
    }

    /** Where a forward's connections go, and what went wrong with them. */
    record Target(String host, int port, List<String> failures) {
        Target(String host, int port) {
            this(host, port, new CopyOnWriteArrayList<>());
        }
    }

    /**
     * The client's table of remote forwards by bound port: routes each "forwarded-tcpip" open to
     * its target, and refuses opens for ports it does not know. A forward is entered when the
     * event thread sees the server's REQUEST_SUCCESS, so a connection the server forwards right
     * after it (events arrive in order) always finds its target.
     */
    static final class Registry {
        private record Pending(int requestedPort, Target target) {
        }

        private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
        private final Map<Integer, Target> byPort = new ConcurrentHashMap<>();

        /** Called on the engine, in the same call that sends the "tcpip-forward" request {@code requestId}. */
        void expect(long requestId, int requestedPort, Target target) {
            pending.put(requestId, new Pending(requestedPort, target));
        }

        /** Called on the event thread for every reply to our global requests. */
        void onReply(GlobalRequestReplied reply) {
            Pending p = pending.remove(reply.requestId());
            if (p != null && reply.success()) {
                int port = boundPort(p.requestedPort(), reply);
                if (port > 0) {
                    byPort.put(port, p.target());
                }
            }
        }

        /**
         * The port a successful reply bound: the requested one, or the one in the reply for port 0;
         * -1 if the reply to a port-0 request carries no valid port (RFC 4254 §7.1 requires it).
         */
        static int boundPort(int requestedPort, GlobalRequestReplied reply) {
            if (requestedPort != 0) {
                return requestedPort;
            }
            try {
                long port = reply.boundPort();
                return port >= 1 && port <= 65535 ? (int) port : -1;
            } catch (RuntimeException malformed) {
                return -1;
            }
        }

        void remove(int port, Target t) {
            byPort.remove(port, t);
        }

        /** Connects {@code channel} to its forward's target, or refuses it (on the event thread; the connect runs on its own). */
        void onOpen(Link link, ChannelRouter router, int channel, ChannelOpenBody.ForwardedTcpip body) {
            Target t = byPort.get((int) body.connectedPort());
            if (t == null) {
                link.run(c -> c.channels().rejectChannel(channel, OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                        "no remote forward for port " + body.connectedPort()));
                return;
            }
            TcpForwarding.connect(link, router, channel, t.host(), t.port(), t.failures()::add);
        }
    }
}
