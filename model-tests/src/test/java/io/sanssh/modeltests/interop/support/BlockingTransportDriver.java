package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.transport.Transport;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.engine.transport.TransportListener;
import io.sanssh.spec.wire.DisconnectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A minimal, test-only blocking driver: one {@link Transport} on one {@link Socket}, pumped by the
 * calling thread. It is the DESIGN.md pump in its simplest form, without the production drivers'
 * reader thread, so interop tests exercise the engine and nothing else:
 *
 * <ol>
 *   <li>run due timers ({@code onTimeout} once {@code nextDeadline} has passed, and only then,
 *       as the production drivers' {@code Pump.fireTimersIfDue} does);
 *   <li>while {@code wantsWrite}: {@code transmit} into a heap buffer and write it to the socket
 *       (in chunks of at most {@link #writeChunk} bytes per {@code write} call: 1 simulates a
 *       socket that takes a byte at a time);
 *   <li>if {@code wantsRead}: read with a short {@code SO_TIMEOUT} (bounded by the next deadline)
 *       and {@code receive} what came; end of stream or an I/O error becomes {@code
 *       connectionLost};
 *   <li>poll every event into {@link #events()}.
 * </ol>
 *
 * <p>Sockets get TCP_NODELAY, and TCP_QUICKACK where the JDK supports it ({@code
 * jdk.net.ExtendedSocketOptions}), as DESIGN.md requires of every driver. Every wait is bounded by
 * wall-clock time; failures carry the engine state, the events and the peer's diagnostics (e.g.
 * its log) in the message.
 *
 * <p>Writes block: a peer that stops reading while we write megabytes would stall the pump. The
 * peers used in these tests always read, and the tests send little.
 */
public final class BlockingTransportDriver implements AutoCloseable {
    private static final int READ_POLL_MILLIS = 5;
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transport transport;
    private final List<SshEvent> events = new ArrayList<>();
    private final ByteBuffer inbound = ByteBuffer.allocate(256 * 1024);
    private final ByteBuffer outbound = ByteBuffer.allocate(64 * 1024);
    private int currentSoTimeout = -1;
    private boolean inputEnded;
    private boolean broken;
    private Supplier<String> diagnostics = () -> "";
    private int writeChunk = Integer.MAX_VALUE;
    private long bytesWritten;
    private long writeCalls;
    private long bytesRead;

    private BlockingTransportDriver(Socket socket, Role role, TransportConfig config, TransportListener listener)
            throws IOException {
        this.socket = socket;
        configure(socket);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.transport = new Transport(role, config, new SecureRandom(), listener, System.nanoTime());
    }

    /** Client role: connects to {@code host:port} (bounded) and creates the transport. */
    public static BlockingTransportDriver connect(String host, int port, TransportConfig config,
                                                  TransportListener listener) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) CONNECT_LIMIT.toMillis());
            return new BlockingTransportDriver(s, Role.CLIENT, config, listener);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /**
     * Server role: accepts one connection on {@code listening} within {@code limit} and creates the
     * transport. An {@link AssertionError} if nobody connects in time, with {@code diagnostics}
     * (e.g. the client's output) in its message; the driver keeps {@code diagnostics} for its
     * failure messages.
     */
    public static BlockingTransportDriver accept(ServerSocket listening, Duration limit, TransportConfig config,
                                                 TransportListener listener, Supplier<String> diagnostics) {
        Socket s = null;
        try {
            listening.setSoTimeout((int) Math.max(1, limit.toMillis()));
            s = listening.accept();
            return new BlockingTransportDriver(s, Role.SERVER, config, listener).diagnostics(diagnostics);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no client connected within " + limit + "\n" + diagnostics.get());
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("accept failed", e);
        }
    }

    private static void configure(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        if (s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK)) {
            s.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }

    /** The engine. Touch it only from the thread that pumps. */
    public Transport transport() {
        return transport;
    }

    /** Adds the peer's diagnostics (its log, its output) to every failure message. */
    public BlockingTransportDriver diagnostics(Supplier<String> peerDiagnostics) {
        this.diagnostics = peerDiagnostics;
        return this;
    }

    /** Limits each socket write to {@code bytes} (1: a byte at a time). */
    public BlockingTransportDriver writeChunk(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk " + bytes);
        }
        this.writeChunk = bytes;
        return this;
    }

    /** Every event polled so far, in order. */
    public List<SshEvent> events() {
        return List.copyOf(events);
    }

    /** The events of {@code type} polled so far. */
    public <T extends SshEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The Disconnected event, if the connection ended. */
    public Optional<Disconnected> disconnected() {
        return events(Disconnected.class).stream().findFirst();
    }

    /** Bytes written to the socket so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** {@code write} calls on the socket so far. */
    public long writeCalls() {
        return writeCalls;
    }

    /** Bytes read from the socket so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Whether the peer ended its side of the stream (or the socket failed). */
    public boolean inputEnded() {
        return inputEnded;
    }

    /**
     * One round of the pump: timers, writes, at most one read (waiting at most a few milliseconds),
     * receive, events.
     */
    public void pumpOnce() {
        long now = System.nanoTime();
        if (transport.hasDeadline() && now - transport.nextDeadline() >= 0) {
            transport.onTimeout(now);
        }
        pollEvents();
        feed();
        writeAll();
        pollEvents();
        if (!inputEnded && !broken && transport.wantsRead()) {
            readOnce();
            feed();
        } else if (!transport.isClosed() && !transport.wantsRead() && !transport.wantsWrite()) {
            throw failure("engine stuck: input paused and nothing to transmit (DESIGN.md rule 9)");
        } else if (!transport.wantsWrite()) {
            sleepBriefly();
        }
        pollEvents();
    }

    /**
     * Pumps until {@code done} holds. An {@link AssertionError} naming {@code what} if {@code limit}
     * passes first, or if the connection closes (and its output drained) without {@code done}.
     */
    public void pumpUntil(BooleanSupplier done, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw failure("not reached within " + limit + ": " + what);
            }
            if (transport.isClosed() && (!transport.wantsWrite() || broken)) {
                throw failure("connection closed before: " + what);
            }
            pumpOnce();
        }
    }

    /** Pumps for {@code duration} whatever happens (to let the peer act, e.g. on a timer). */
    public void pumpFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - deadline < 0 && !(transport.isClosed() && !transport.wantsWrite())) {
            pumpOnce();
        }
    }

    /**
     * Ends the connection cleanly: queues DISCONNECT (BY_APPLICATION) unless already closed,
     * writes everything queued, half-closes our side and waits (bounded) for the peer to close
     * its side. Returns whether the peer closed in time.
     */
    public boolean disconnect(Duration limit) {
        if (!transport.isClosed()) {
            transport.disconnect(DisconnectReason.BY_APPLICATION, "interop test done");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (transport.wantsWrite() && !broken && System.nanoTime() - deadline < 0) {
            writeAll();
        }
        pollEvents();
        if (broken) {
            return true;
        }
        try {
            socket.shutdownOutput();
            byte[] sink = new byte[8192];
            while (System.nanoTime() - deadline < 0) {
                setSoTimeout(READ_POLL_MILLIS * 4);
                try {
                    if (in.read(sink) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // keep waiting until the limit
                }
            }
        } catch (IOException e) {
            return true;
        }
        return false;
    }

    private void writeAll() {
        while (!broken && transport.wantsWrite()) {
            outbound.clear();
            outbound.limit(Math.min(outbound.capacity(), writeChunk));
            int n = transport.transmit(outbound);
            if (n == 0) {
                break;
            }
            try {
                out.write(outbound.array(), 0, n);
                writeCalls++;
                bytesWritten += n;
            } catch (IOException e) {
                broken = true;
                inputEnded = true;
                transport.connectionLost("write failed: " + e);
            }
        }
    }

    private void readOnce() {
        if (!inbound.hasRemaining()) {
            return; // the engine has not taken what we read; it will after we write
        }
        int wait = READ_POLL_MILLIS;
        if (transport.hasDeadline()) {
            long untilDeadline = (transport.nextDeadline() - System.nanoTime()) / 1_000_000L;
            wait = (int) Math.max(1, Math.min(wait, untilDeadline));
        }
        try {
            setSoTimeout(wait);
            int n = in.read(inbound.array(), inbound.position(), inbound.remaining());
            if (n < 0) {
                inputEnded = true;
                transport.connectionLost("the peer closed the connection");
                return;
            }
            inbound.position(inbound.position() + n);
            bytesRead += n;
        } catch (SocketTimeoutException e) {
            // nothing arrived within the poll interval
        } catch (IOException e) {
            inputEnded = true;
            broken = true;
            transport.connectionLost("read failed: " + e);
        }
    }

    /** Hands buffered input to the engine while it wants it. */
    private void feed() {
        inbound.flip();
        try {
            while (inbound.hasRemaining() && transport.wantsRead()) {
                if (transport.receive(inbound, System.nanoTime()) == 0) {
                    break;
                }
            }
        } finally {
            inbound.compact();
        }
    }

    private void setSoTimeout(int millis) throws IOException {
        if (millis != currentSoTimeout) {
            socket.setSoTimeout(millis);
            currentSoTimeout = millis;
        }
    }

    private void pollEvents() {
        SshEvent e;
        while ((e = transport.pollEvent()) != null) {
            events.add(e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An AssertionError describing the engine's state, its events and the peer's diagnostics. */
    public AssertionError failure(String why) {
        return new AssertionError(why + "\n  engine: role " + transport.role() + ", phase " + transport.phase()
                + ", ready " + transport.isReady() + ", closed " + transport.isClosed() + ", key exchanges "
                + transport.keyExchangeCount() + ", algorithms " + transport.algorithms() + ", peer "
                + transport.peerVersion() + "\n  socket: written " + bytesWritten + " B, read " + bytesRead
                + " B, input ended " + inputEnded + "\n  events: " + events + "\n  peer diagnostics:\n"
                + diagnostics.get());
    }

    /** Closes the socket (without a DISCONNECT: call {@link #disconnect} first for a clean end). */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a socket that failed already
        }
    }
}
