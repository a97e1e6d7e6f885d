package io.sanssh.drivers.api;

import io.sanssh.drivers.sftp.NioFileSystemBackend;
import io.sanssh.engine.auth.AuthenticatedUser;
import io.sanssh.engine.auth.KeyOptions;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelClosed;
import io.sanssh.engine.event.ChannelData;
import io.sanssh.engine.event.ChannelEof;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.ChannelWritable;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.GlobalRequestReceived;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.sftp.SftpServerSession;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.OpenFailureReason;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One accepted connection of an {@link SshServer}: decides channel opens and requests, starts
 * exec handlers on their own threads and serves SFTP on the event thread. Written against
 * {@link Link} only, so it runs over any driver.
 */
final class ServerConnection {
    private final Link link;
    private final ServerOptions options;
    private final ChannelRouter router;
    private final Map<Integer, SessionInfo> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, SftpChannel> sftp = new HashMap<>();
    private final Map<Integer, Thread> running = new ConcurrentHashMap<>();
    private final Map<Integer, String> signalled = new ConcurrentHashMap<>();
    private final Runnable onEnded;
    private final RemoteListeners remote;
    private volatile String user;
    private volatile KeyOptions keyOptions = KeyOptions.UNRESTRICTED;

    /** What the client set up on one session channel before its exec, shell or subsystem. */
    private static final class SessionInfo {
        final Map<String, String> env = new HashMap<>();
        boolean started;
        /** The granted "pty-req", or {@code null}. */
        Terminal terminal;
    }

    ServerConnection(Link link, ServerOptions options, Runnable onEnded) {
        this.link = link;
        this.options = options;
        this.router = new ChannelRouter(link);
        this.onEnded = onEnded;
        this.remote = new RemoteListeners(link, router, options.log());
    }

    void start(String name) {
        link.startEvents("sanssh-server-events-" + name, this::onEvent, this::ended);
    }

    void close() {
        link.close("server shutting down");
    }

    /**
     * Packets received from the client since the latest NEWKEYS reset (its last sequence number
     * plus one); tests read it to see that a client answered while its application was idle.
     */
    long packetsReceived() {
        try {
            return link.call(c -> c.transport().lastReceivedSequenceNumber() + 1);
        } catch (IllegalStateException closed) {
            return -1;
        }
    }

    /** {@link #packetsReceived()} summed over {@code connections}, skipping closed ones. */
    static long packetsReceived(Iterable<ServerConnection> connections) {
        long n = 0;
        for (ServerConnection c : connections) {
            n += Math.max(0, c.packetsReceived());
        }
        return n;
    }

    private void ended(DisconnectCause cause) {
        router.connectionLost(cause.origin() + ": " + cause.message());
        remote.closeAll();
        for (SftpChannel s : sftp.values()) {
            s.onClosed();
        }
        sftp.clear();
        for (Integer channel : running.keySet()) {
            stop(channel);
        }
        options.log().accept("connection from " + link.remoteAddress() + " ended: " + cause.origin() + " "
                + cause.message());
        onEnded.run();
    }

    private void onEvent(SshEvent e) {
        if (e instanceof ChannelClosed c) {
            sessions.remove(c.channel());
            stop(c.channel());
        }
        if (sftpEvent(e) || router.route(e)) {
            return;
        }
        if (e instanceof Authenticated a) {
            user = a.user();
            AuthenticatedUser who = link.call(c -> c.serverAuth().authenticatedUser());
            if (who != null) {
                keyOptions = who.options();
            }
            options.log().accept("authenticated " + a.user() + " from " + link.remoteAddress() + " by "
                    + String.join(",", a.methods()));
        } else if (e instanceof ChannelOpenRequested o) {
            onOpen(o);
        } else if (e instanceof ChannelRequestReceived r) {
            onRequest(r);
        } else if (e instanceof GlobalRequestReceived g) {
            if (!remote.onGlobalRequest(g, this::allowsListen) && g.wantReply()) {
                link.run(c -> c.channels().replyGlobalRequest(g.requestId(), false));
            }
        }
    }

    /** Events of SFTP channels go to their session, not to a stream buffer. */
    private boolean sftpEvent(SshEvent e) {
        if (sftp.isEmpty()) {
            return false;
        }
        if (e instanceof ChannelData d && sftp.containsKey(d.channel())) {
            sftp.get(d.channel()).onData(d.data());
        } else if (e instanceof ChannelWritable w && sftp.containsKey(w.channel())) {
            sftp.get(w.channel()).onWritable();
        } else if (e instanceof ChannelEof eof && sftp.containsKey(eof.channel())) {
            sftp.get(eof.channel()).onEof();
        } else if (e instanceof ChannelClosed c && sftp.containsKey(c.channel())) {
            sftp.remove(c.channel()).onClosed();
            router.route(e);
        } else {
            return false;
        }
        return true;
    }

    private void onOpen(ChannelOpenRequested o) {
        if (o.body() instanceof ChannelOpenBody.Session) {
            link.run(c -> {
                c.channels().acceptChannel(o.channel());
                router.register(o.channel());
            });
            sessions.put(o.channel(), new SessionInfo());
        } else if (o.body() instanceof ChannelOpenBody.DirectTcpip t && allowsOpen(t.host(), (int) t.port())) {
            TcpForwarding.connect(link, router, o.channel(), t.host(), (int) t.port(), options.log());
        } else {
            OpenFailureReason reason = o.body() instanceof ChannelOpenBody.DirectTcpip
                    ? OpenFailureReason.ADMINISTRATIVELY_PROHIBITED : OpenFailureReason.UNKNOWN_CHANNEL_TYPE;
            link.run(c -> c.channels().rejectChannel(o.channel(), reason, o.type() + " is not allowed on this server"));
        }
    }

    /** Local forwarding: the server's policy, narrowed by the key's no-port-forwarding and permitopen. */
    private boolean allowsOpen(String host, int port) {
        boolean ok = options.forwardingPolicy().allowsLocal(user, host, port) && keyOptions.permitsOpen(host, port);
        if (!ok) {
            options.log().accept("direct-tcpip to " + host + ":" + port + " for " + user + " refused");
        }
        return ok;
    }

    /** Remote forwarding: the server's policy, narrowed by the key's no-port-forwarding and permitlisten. */
    private boolean allowsListen(String host, int port) {
        return options.forwardingPolicy().allowsRemote(user, host, port) && keyOptions.permitsListen(host, port);
    }

    private void onRequest(ChannelRequestReceived r) {
        SessionInfo info = sessions.get(r.channel());
        boolean ok = false;
        if (info != null) {
            switch (r.type()) {
                case "env" -> {
                    ChannelRequestBody.Env env = (ChannelRequestBody.Env) r.body();
                    ok = !info.started && (env.name().equals("LANG") || env.name().startsWith("LC_"));
                    if (ok) {
                        info.env.put(env.name(), env.value().toUtf8());
                    }
                }
                case "exec", "shell" -> {
                    ok = !info.started;
                    if (ok) {
                        info.started = true;
                        String command = r.body() instanceof ChannelRequestBody.Exec x
                                ? new String(x.command().toByteArray(), StandardCharsets.UTF_8) : null;
                        reply(r, true);
                        startExec(r.channel(), KeyRestrictions.apply(keyOptions,
                                new ExecRequest(user, command, info.env, link.remoteAddress(), info.terminal)));
                        return;
                    }
                }
                case "subsystem" -> {
                    String name = ((ChannelRequestBody.Subsystem) r.body()).name();
                    if (keyOptions.command() != null && !info.started) {
                        // a forced command runs instead of any subsystem, as in sshd
                        info.started = true;
                        reply(r, true);
                        startExec(r.channel(), KeyRestrictions.apply(keyOptions,
                                new ExecRequest(user, name, info.env, link.remoteAddress(), info.terminal)));
                        return;
                    }
                    ok = !info.started && "sftp".equals(name) && options.sftpEnabled();
                    if (ok) {
                        ok = startSftp(r.channel());
                        info.started = ok;
                    }
                }
                case "signal" -> {
                    // the handler runs in its own thread: interrupting it ends the command
                    // (ProcessExecHandler destroys the process)
                    String sig = ((ChannelRequestBody.Signal) r.body()).name();
                    ok = info.started && List.of("TERM", "INT", "HUP", "KILL", "QUIT").contains(sig);
                    if (ok) {
                        signalled.put(r.channel(), sig);
                        stop(r.channel());
                    }
                }
                case "pty-req" -> ok = r.body() instanceof ChannelRequestBody.PtyReq p && grantPty(info, p);
                case "window-change" -> {
                    // RFC 4254 §6.7: sent without want_reply; applied best effort by the handler
                    ok = info.terminal != null && r.body() instanceof ChannelRequestBody.WindowChange;
                    if (ok) {
                        info.terminal.resize(Terminal.sizeOf((ChannelRequestBody.WindowChange) r.body()));
                    }
                }
                // not served to anyone, so no-X11-forwarding and no-agent-forwarding hold for every key
                case "x11-req", "auth-agent-req@openssh.com" -> ok = false;
                default -> ok = false;
            }
        }
        reply(r, ok);
    }

    /**
     * "pty-req" (RFC 4254 §6.2): granted once per channel, before its command starts, if the key
     * allows ptys (no {@code no-pty}) and the exec handler can run commands on one.
     */
    private boolean grantPty(SessionInfo info, ChannelRequestBody.PtyReq req) {
        String refused = info.started ? "the command already started"
                : info.terminal != null ? "the channel already has one"
                : !keyOptions.pty() ? "the key has no-pty"
                : !options.execHandler().supportsPty() ? "the exec handler cannot run commands on a pty"
                        + (options.execHandler() instanceof ProcessExecHandler ? " (script(1) not installed)" : "")
                : null;
        if (refused == null) {
            try {
                info.terminal = Terminal.of(req);
            } catch (SshFormatException e) {
                refused = "malformed terminal modes: " + e.getMessage();
            }
        }
        if (refused != null) {
            options.log().accept("pty for " + user + " refused: " + refused);
        }
        return refused == null;
    }

    private void reply(ChannelRequestReceived r, boolean ok) {
        if (r.wantReply()) {
            link.run(c -> c.channels().replyChannelRequest(r.channel(), r.requestId(), ok));
        }
    }

    private boolean startSftp(int channel) {
        try {
            NioFileSystemBackend backend = new NioFileSystemBackend(options.sftpRoot(), options.readOnly(), "/");
            ChannelState state = router.get(channel);
            sftp.put(channel, new SftpChannel(link, channel, new SftpServerSession(backend)));
            if (state != null) {
                // bytes that arrived before the subsystem request belong to the SFTP stream
                java.io.ByteArrayOutputStream early = new java.io.ByteArrayOutputStream();
                state.drainInto(early, new java.io.ByteArrayOutputStream());
                if (early.size() > 0) {
                    sftp.get(channel).onData(Bytes.wrap(early.toByteArray()));
                }
            }
            return true;
        } catch (IOException e) {
            options.log().accept("sftp for " + user + " refused: " + e.getMessage());
            return false;
        }
    }

    private void startExec(int channel, ExecRequest request) {
        ChannelState state = router.get(channel);
        if (state == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                runExec(state, request);
            } finally {
                running.remove(channel);
            }
        }, "sanssh-exec-" + channel);
        t.setDaemon(true);
        running.put(channel, t);
        t.start();
    }

    /** Interrupts the handler running on {@code channel}, if any. */
    private void stop(int channel) {
        Thread t = running.get(channel);
        if (t != null) {
            t.interrupt();
        }
    }

    private void runExec(ChannelState state, ExecRequest request) {
        ChannelInputStream stdin = new ChannelInputStream(link, state, ChannelState.STDOUT);
        ChannelOutputStream stdout = new ChannelOutputStream(link, state, -1);
        ChannelOutputStream stderr = new ChannelOutputStream(link, state, 1);
        int status;
        try {
            status = options.execHandler().run(request, stdin, stdout, stderr);
        } catch (IOException | RuntimeException e) {
            status = 255;
            try {
                stderr.write(("sanssh: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the channel is gone too
            }
        } catch (InterruptedException e) {
            // stopped by a signal request or by the channel closing; the thread ends here, so the
            // flag is not kept (socket writes below must not see it)
            status = -1;
        }
        Thread.interrupted();
        stdin.close();
        int exit = status;
        String signal = signalled.remove(state.channel);
        try {
            link.run(c -> {
                var ch = c.channels();
                if (exit == -1 && signal != null) {
                    ch.sendExitSignal(state.channel, signal, false, "", "");
                } else {
                    ch.sendExitStatus(state.channel, (exit == -1 ? 255 : exit) & 0xffffffffL);
                }
                ch.sendEof(state.channel);
                ch.close(state.channel);
            });
        } catch (IllegalStateException e) {
            // the connection closed meanwhile
        }
    }
}
