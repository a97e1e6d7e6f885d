package io.sanssh.drivers.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A remote command (or shell) running on a session channel, with its three streams, in the manner
 * of {@link java.lang.Process}.
 *
 * <p>stdout and stderr share the channel's window (RFC 4254 §5.2): read both (or close the one
 * you do not want), or a command that writes a lot to the other will stall. Closing
 * {@link #getOutputStream()} sends EOF, which is how a command reading stdin learns its input
 * ended. Each stream may be used by its own thread, at the same time as the others.
 */
public final class ExecProcess implements AutoCloseable {
    private final Link link;
    private final ChannelState state;
    private final ChannelOutputStream stdin;
    private final ChannelInputStream stdout;
    private final ChannelInputStream stderr;

    ExecProcess(Link link, ChannelState state) {
        this.link = link;
        this.state = state;
        this.stdin = new ChannelOutputStream(link, state, -1);
        this.stdout = new ChannelInputStream(link, state, ChannelState.STDOUT);
        this.stderr = new ChannelInputStream(link, state, ChannelState.STDERR);
    }

    /** The command's stdin; {@code close()} sends EOF. Writes block while the peer's window is full. */
    public OutputStream getOutputStream() {
        return stdin;
    }

    /** The command's stdout; ends at the server's EOF. */
    public InputStream getInputStream() {
        return stdout;
    }

    /** The command's stderr (extended data type 1); ends at the server's EOF. */
    public InputStream getErrorStream() {
        return stderr;
    }

    /**
     * Waits until the channel is closed both ways and returns the exit status, or -1 if the
     * server sent none (the command died of a signal, see {@link #exitSignal()}).
     *
     * @throws IOException if the connection ended before the channel closed
     */
    public int waitFor() throws IOException {
        while (!state.awaitClosed(Duration.ofHours(1))) {
            // keep waiting: commands may run for days
        }
        return finish();
    }

    /**
     * Waits at most {@code timeout} for the channel to close.
     *
     * @return whether it closed in time
     */
    public boolean waitFor(Duration timeout) throws IOException {
        if (!state.awaitClosed(timeout)) {
            return false;
        }
        finish();
        return true;
    }

    private int finish() throws IOException {
        if (!state.isClosed() && state.lostReason() != null && state.exitStatus() == null) {
            throw new IOException("the connection ended before the command did: " + state.lostReason());
        }
        Long status = state.exitStatus();
        return status == null ? -1 : (int) (long) status;
    }

    /** Whether the channel is still open. */
    public boolean isAlive() {
        return !state.isClosed() && state.lostReason() == null;
    }

    /** The exit status, or {@code null} if none arrived (yet). */
    public Integer exitStatus() {
        Long s = state.exitStatus();
        return s == null ? null : (int) (long) s;
    }

    /** The signal that ended the command ({@code TERM}, {@code KILL}, ...), or {@code null}. */
    public String exitSignal() {
        return state.exitSignal();
    }

    /** Asks the server to deliver {@code signal} (without "SIG") to the command (RFC 4254 §6.9). */
    public void signal(String signal) {
        link.run(e -> e.channels().signal(state.channel, signal));
    }

    /**
     * Tells the server the terminal is now {@code columns} by {@code rows} characters
     * ("window-change", RFC 4254 §6.7, without a reply). Call after a shell started with a pty,
     * whenever the local terminal is resized; a server that granted no pty ignores it.
     */
    public void windowChange(int columns, int rows) {
        link.run(e -> e.channels().windowChange(state.channel, columns, rows, 0, 0));
    }

    /** Closes the channel (CHANNEL_CLOSE, RFC 4254 §5.3) without waiting for the command. Idempotent. */
    @Override
    public void close() {
        try {
            link.run(e -> e.channels().close(state.channel));
        } catch (IllegalStateException e) {
            // the engine is closed: so is the channel
        }
    }
}
