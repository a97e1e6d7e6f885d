package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDisconnectedException;
import io.sanssh.engine.SshConnection;
import io.sanssh.engine.event.AuthBannerReceived;
import io.sanssh.engine.event.AuthFailed;
import io.sanssh.engine.event.AuthPromptsRequested;
import io.sanssh.engine.event.AuthServiceReady;
import io.sanssh.engine.event.Authenticated;
import io.sanssh.engine.event.ChannelOpenRequested;
import io.sanssh.engine.event.ChannelRequestReceived;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.GlobalRequestReceived;
import io.sanssh.engine.event.GlobalRequestReplied;
import io.sanssh.engine.event.HostKeyPresented;
import io.sanssh.engine.event.KeyExchangeCompleted;
import io.sanssh.engine.event.PasswordChangeRequested;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.kex.NegotiatedAlgorithms;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.spec.connection.ChannelOpenBody;
import io.sanssh.spec.connection.OpenFailureReason;
import io.sanssh.spec.connection.TerminalModes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An SSH connection made by {@link SshClient#connect}: the server's host key is verified, and the
 * application authenticates, then runs commands. Thread-safe: several commands may run at once on
 * one session, each on its own channel. Close it to end the connection (DISCONNECT
 * BY_APPLICATION, then TCP close, bounded in time).
 */
public final class SshSession implements AutoCloseable {
    private final Link link;
    private final ChannelRouter router;
    private final EventMailbox mailbox = new EventMailbox();
    private final ClientOptions options;
    private final KnownHostsVerifier verifier;
    private final List<String> banners = new CopyOnWriteArrayList<>();
    private final RemotePortForward.Registry remoteForwards = new RemotePortForward.Registry();
    private volatile SshPublicKey hostKey;
    private volatile NegotiatedAlgorithms algorithms;
    private volatile String user;

    /** The link this session drives (for tests in this package). */
    Link link() {
        return link;
    }

    /** Where this session's channels are registered (for tests in this package that open their own). */
    ChannelRouter router() {
        return router;
    }

    SshSession(Link link, ClientOptions options, KnownHostsVerifier verifier) {
        this.link = link;
        this.options = options;
        this.verifier = verifier;
        this.router = new ChannelRouter(link);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the dispatcher and runs the handshake up to the server's acceptance of user authentication. */
    void start(String name) throws IOException {
        link.tapEvents(router::routeData);
        link.startEvents("sanssh-client-events-" + name, this::onEvent, this::onEnded);
        try {
            while (true) {
                SshEvent e = mailbox.await(ev -> ev instanceof AuthServiceReady || ev instanceof HostKeyPresented,
                        options.timeout(), "the key exchange and the ssh-userauth service");
                if (e instanceof AuthServiceReady) {
                    break;
                }
                decideHostKey(((HostKeyPresented) e).hostKey());
            }
        } catch (SshDisconnectedException e) {
            HostKeyRejectedException rejected = verifier.rejection();
            throw rejected != null ? rejected : e;
        }
        verifier.recordNewHost();
    }

    private void decideHostKey(SshPublicKey key) {
        HostKeyPrompt prompt = options.hostKeyPrompt();
        if (prompt != null && prompt.confirm(verifier.hostName(), key)) {
            verifier.confirmed(key);
            link.run(c -> c.acceptHostKey());
        } else {
            verifier.declined(key);
            link.run(c -> c.rejectHostKey());
        }
    }

    private void onEvent(SshEvent e) {
        if (router.route(e)) {
            return;
        }
        if (e instanceof HostKeyPresented h) {
            hostKey = h.hostKey();
            if (!h.decided()) {
                mailbox.put(e);
            }
        } else if (e instanceof GlobalRequestReplied g) {
            remoteForwards.onReply(g);
            mailbox.put(e);
        } else if (e instanceof KeyExchangeCompleted k) {
            algorithms = k.algorithms();
        } else if (e instanceof AuthBannerReceived b) {
            banners.add(b.displayText());
        } else if (e instanceof ChannelRequestReceived r) {
            if (r.wantReply()) {
                link.run(c -> c.channels().replyChannelRequest(r.channel(), r.requestId(), false));
            }
        } else if (e instanceof ChannelOpenRequested o && o.body() instanceof ChannelOpenBody.ForwardedTcpip f) {
            remoteForwards.onOpen(link, router, o.channel(), f);
        } else if (e instanceof ChannelOpenRequested o) {
            link.run(c -> c.channels().rejectChannel(o.channel(), OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                    o.type() + " channels are not accepted by this client"));
        } else if (e instanceof GlobalRequestReceived g) {
            if (g.wantReply()) {
                link.run(c -> c.channels().replyGlobalRequest(g.requestId(), false));
            }
        } else {
            mailbox.put(e);
        }
    }

    private void onEnded(DisconnectCause cause) {
        router.connectionLost(cause.origin() + ": " + cause.message());
        mailbox.end(cause);
    }

    // ---------------------------------------------------------------- authentication

    /**
     * Tries the "password" method (RFC 4252 §8).
     *
     * @return true when authenticated; false when the server accepted the password but requires
     *     another method too (partial success)
     * @throws SshAuthenticationException if the server refused it (the session stays usable)
     * @throws SshDisconnectedException if the connection ended (e.g. too many attempts)
     */
    public boolean authPassword(String user, String password) throws IOException {
        requireNotAuthenticated();
        link.run(c -> c.clientAuth().password(user, password));
        return awaitOutcome(user, "password");
    }

    /**
     * Tries the "publickey" method (RFC 4252 §7) with {@code key}: a query first, then the signed
     * request once the server says the key would do.
     *
     * @return true when authenticated; false on partial success (another method is required)
     * @throws SshAuthenticationException if the server refused the key, or no signature
     *     algorithm for it is acceptable to both sides
     */
    public boolean authPublicKey(String user, SshKeyPair key) throws IOException {
        requireNotAuthenticated();
        boolean sent = link.call(c -> c.clientAuth().publicKey(user, key));
        if (!sent) {
            throw new SshAuthenticationException(user, "no signature algorithm for the " + key.publicKey().keyType()
                    + " key is acceptable to both sides", link.call(c -> c.clientAuth().allowedMethods()));
        }
        return awaitOutcome(user, "publickey " + key.publicKey().keyType() + " " + key.publicKey().fingerprint());
    }

    /**
     * Tries each identity in order, then the password (asked for only if the server still offers
     * "password"), stopping at the first success, as OpenSSH's client does.
     *
     * @param identities keys to offer, in order; may be empty
     * @param password supplies the password when needed, or returns {@code null} to skip it; may be
     *     {@code null}
     * @throws SshAuthenticationException if nothing was accepted; its message lists what was tried
     */
    public void authenticate(String user, List<SshKeyPair> identities, Supplier<String> password) throws IOException {
        List<String> tried = new ArrayList<>();
        List<String> allowed = null;
        for (SshKeyPair key : identities) {
            if (allowed != null && !allowed.contains("publickey")) {
                break;
            }
            try {
                if (authPublicKey(user, key)) {
                    return;
                }
            } catch (SshAuthenticationException e) {
                allowed = e.allowedMethods();
            }
            tried.add("publickey " + key.publicKey().fingerprint());
        }
        if (password != null && (allowed == null || allowed.contains("password"))) {
            String pw = password.get();
            if (pw != null) {
                try {
                    if (authPassword(user, pw)) {
                        return;
                    }
                } catch (SshAuthenticationException e) {
                    allowed = e.allowedMethods();
                }
                tried.add("password");
            }
        }
        throw new SshAuthenticationException(user, tried.isEmpty() ? "no credentials to offer"
                : "tried " + String.join(", ", tried), allowed == null ? List.of() : allowed);
    }

    private boolean awaitOutcome(String user, String what) throws IOException {
        SshEvent e = mailbox.await(ev -> ev instanceof Authenticated || ev instanceof AuthFailed
                        || ev instanceof PasswordChangeRequested
                        || (ev instanceof AuthPromptsRequested p && p.needsAnswers()),
                options.timeout(), "the answer to " + what);
        if (e instanceof Authenticated) {
            this.user = user;
            return true;
        }
        if (e instanceof AuthFailed f) {
            if (f.partialSuccess()) {
                return false;
            }
            throw new SshAuthenticationException(user, what + " refused", f.allowedMethods());
        }
        if (e instanceof PasswordChangeRequested) {
            throw new SshAuthenticationException(user, "the password has expired and must be changed", List.of());
        }
        throw new SshAuthenticationException(user, "the server asked keyboard-interactive questions", List.of());
    }

    private void requireNotAuthenticated() {
        if (user != null) {
            throw new IllegalStateException("already authenticated as " + user);
        }
    }

    private void requireAuthenticated() {
        if (user == null) {
            throw new IllegalStateException("authenticate first");
        }
    }

    // ---------------------------------------------------------------- commands

    /**
     * Runs {@code command} with empty stdin (EOF at once), collects its output, and waits for it to
     * end.
     *
     * @throws SshChannelException if the server refused the channel or the command
     * @throws SshDisconnectedException if the connection ended first
     */
    public ExecResult exec(String command) throws IOException {
        ChannelState s = startExec(command);
        link.run(c -> c.channels().sendEof(s.channel));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        while (true) {
            boolean done = s.isClosed() || s.lostReason() != null;
            long n = s.drainInto(out, err);
            if (n > 0) {
                link.run(c -> c.channels().consumed(s.channel, n));
            }
            if (done) {
                break;
            }
            s.awaitChange(Duration.ofSeconds(1).toNanos());
        }
        if (!s.isClosed() && s.exitStatus() == null) {
            throw new SshDisconnectedException("running " + command, causeOrLost());
        }
        Long status = s.exitStatus();
        return new ExecResult(out.toByteArray(), err.toByteArray(), status == null ? -1 : (int) (long) status,
                s.exitSignal());
    }

    /**
     * Starts {@code command} and returns at once with its streams (RFC 4254 §6.5).
     *
     * @throws SshChannelException if the server refused the channel or the command
     */
    public ExecProcess execStreaming(String command) throws IOException {
        return new ExecProcess(link, startExec(command));
    }

    /**
     * Starts the user's shell (RFC 4254 §6.5), after asking for a pseudo-terminal of type
     * {@code xterm}, 80x24, if {@code pty} (a refused pty is not an error: the shell then runs
     * without one, as with OpenSSH).
     */
    public ExecProcess shell(boolean pty) throws IOException {
        return pty ? shell("xterm", 80, 24) : startShell(null, 0, 0);
    }

    /**
     * Starts the user's shell (RFC 4254 §6.5) after asking for a pseudo-terminal (RFC 4254 §6.2)
     * of type {@code term} (the remote TERM), {@code columns} by {@code rows}, with the server's
     * default modes. A refused pty is not an error: the shell then runs without one, as with
     * OpenSSH. Resize it later with {@link ExecProcess#windowChange}.
     */
    public ExecProcess shell(String term, int columns, int rows) throws IOException {
        return startShell(java.util.Objects.requireNonNull(term, "term"), columns, rows);
    }

    /** Opens a session, asks for a pty unless {@code term} is null, and starts the shell. */
    private ExecProcess startShell(String term, int columns, int rows) throws IOException {
        requireAuthenticated();
        ChannelState s = openSession();
        try {
            if (term != null) {
                long id = link.call(c -> c.channels().requestPty(s.channel, term, columns, rows, 0, 0,
                        TerminalModes.NONE, true));
                s.awaitReply(id, options.timeout(), "pty-req");
            }
            long id = link.call(c -> c.channels().requestShell(s.channel, true));
            if (!s.awaitReply(id, options.timeout(), "shell")) {
                throw new SshChannelException("the server refused to start a shell");
            }
            return new ExecProcess(link, s);
        } catch (IOException | RuntimeException e) {
            closeChannel(s);
            throw e;
        }
    }

    /**
     * Starts a local port forward ({@code ssh -L}): listens on {@code bind} (port 0 picks one) and
     * carries each accepted connection to {@code host}:{@code port} as the server sees it, over a
     * "direct-tcpip" channel (RFC 4254 §7.2).
     *
     * @throws IOException if {@code bind} cannot be listened on
     */
    public LocalPortForward forwardLocal(InetSocketAddress bind, String host, int port) throws IOException {
        return forwardLocal(bind, host, port, from -> true);
    }

    /** {@link #forwardLocal(InetSocketAddress, String, int)} accepting only peers that pass {@code admit}. */
    LocalPortForward forwardLocal(InetSocketAddress bind, String host, int port,
            java.util.function.Predicate<InetSocketAddress> admit) throws IOException {
        requireAuthenticated();
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(bind, 50);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        return new LocalPortForward(link, router, listener, host, port, options.timeout(), admit);
    }

    /**
     * Starts a remote port forward ({@code ssh -R}, RFC 4254 §7.1): asks the server to listen on
     * {@code bindHost}:{@code bindPort} ({@code ""} all addresses, {@code "localhost"} loopback;
     * port 0 lets the server choose, see {@link RemotePortForward#boundPort()}) and carries each
     * connection it accepts to {@code targetHost}:{@code targetPort} as seen from this client.
     *
     * @throws SshChannelException if the server refused (policy, or the port is taken)
     */
    public RemotePortForward forwardRemote(String bindHost, int bindPort, String targetHost, int targetPort)
            throws IOException {
        requireAuthenticated();
        if (bindPort < 0 || bindPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + bindPort);
        }
        RemotePortForward.Target target = new RemotePortForward.Target(targetHost, targetPort);
        GlobalRequestReplied r = globalRequest(c -> {
            long id = c.channels().requestTcpipForward(bindHost, bindPort);
            remoteForwards.expect(id, bindPort, target);
            return id;
        }, "tcpip-forward " + bindHost + ":" + bindPort);
        if (!r.success()) {
            throw new SshChannelException("the server refused to listen on " + bindHost + ":" + bindPort);
        }
        int bound = RemotePortForward.Registry.boundPort(bindPort, r);
        if (bound < 0) {
            throw new SshChannelException("the server accepted tcpip-forward for port 0 but sent no valid port");
        }
        return new RemotePortForward(bindHost, bound, target, remoteForwards, () -> {
            try {
                globalRequest(c -> c.channels().cancelTcpipForward(bindHost, bound),
                        "cancel-tcpip-forward " + bindHost + ":" + bound);
            } catch (IOException | IllegalStateException e) {
                // the connection is gone, and the server's listener with it
            }
        });
    }

    private GlobalRequestReplied globalRequest(Function<SshConnection, Long> send, String what) throws IOException {
        long id = link.call(send);
        return (GlobalRequestReplied) mailbox.await(ev -> ev instanceof GlobalRequestReplied g && g.requestId() == id,
                options.timeout(), "the answer to " + what);
    }

    /**
     * Opens an SFTP session on a new channel (the "sftp" subsystem, RFC 4254 §6.5): INIT and
     * VERSION are exchanged and the server's limits asked before this returns. Close the client
     * to close its channel; several may be open at once.
     *
     * @throws SshChannelException if the server refused the channel or the subsystem
     */
    public SftpClient sftp() throws IOException {
        requireAuthenticated();
        return SftpClient.open(link, router, options.timeout());
    }

    private ChannelState startExec(String command) throws IOException {
        requireAuthenticated();
        ChannelState s = openSession();
        try {
            long id = link.call(c -> c.channels().requestExec(s.channel, command, true));
            if (!s.awaitReply(id, options.timeout(), "exec")) {
                throw new SshChannelException("the server refused to run the command: " + command);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            closeChannel(s);
            throw e;
        }
    }

    private ChannelState openSession() throws IOException {
        ChannelState s = link.call(c -> router.register(c.channels().openSession()));
        s.awaitOpen(options.timeout(), "a session channel");
        return s;
    }

    private void closeChannel(ChannelState s) {
        try {
            link.run(c -> c.channels().close(s.channel));
        } catch (IllegalStateException e) {
            // the engine closed: the channel went with it
        }
    }

    private DisconnectCause causeOrLost() {
        DisconnectCause c = mailbox.ended();
        if (c == null) {
            c = link.disconnectCause();
        }
        return c != null ? c : new DisconnectCause(DisconnectCause.Origin.CONNECTION_LOST, 10, "connection lost");
    }

    // ---------------------------------------------------------------- state

    /** The server's host key, as verified. */
    public SshPublicKey hostKey() {
        return hostKey;
    }

    /** The algorithms of the latest key exchange. */
    public NegotiatedAlgorithms algorithms() {
        return algorithms;
    }

    /** The server's identification string (RFC 4253 §4.2), e.g. {@code SSH-2.0-OpenSSH_9.2p1}. */
    public String serverVersion() {
        return link.call(c -> c.transport().peerVersion());
    }

    /**
     * Starts a key re-exchange now (RFC 4253 §9); it runs in the background while channels carry
     * on (their writes wait for credit meanwhile). The server must present the same host key.
     */
    public void rekey() {
        link.run(c -> c.requestRekey());
    }

    /** Completed key exchanges, the first included. */
    public int keyExchangeCount() {
        return link.call(c -> c.transport().keyExchangeCount());
    }

    /**
     * Keep-alive probes sent so far and the answers received ({@link ClientOptions#keepAliveInterval()};
     * both 0 when keep-alives are off or before authentication).
     */
    public KeepAliveCounts keepAlives() {
        return link.call(c -> new KeepAliveCounts(c.channels().keepAlivesSent(), c.channels().keepAlivesAnswered()));
    }

    /** Banners the server sent during authentication (RFC 4252 §5.4), control characters removed. */
    public List<String> banners() {
        return List.copyOf(banners);
    }

    /** The authenticated user, or {@code null} before authentication. */
    public String user() {
        return user;
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return mailbox.ended() == null && link.disconnectCause() == null;
    }

    /** Why the connection ended, or {@code null} while it is open. */
    public DisconnectCause disconnectCause() {
        DisconnectCause c = mailbox.ended();
        return c != null ? c : link.disconnectCause();
    }

    /** Ends the connection: DISCONNECT BY_APPLICATION, drain, TCP close; bounded and idempotent. */
    @Override
    public void close() {
        link.close("bye");
    }
}
