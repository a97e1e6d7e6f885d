package io.sanssh.drivers.api;

import io.sanssh.spec.connection.ChannelRequestBody;
import io.sanssh.spec.connection.TerminalModes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.Objects;

/**
 * The pseudo-terminal a client asked for on a session channel with "pty-req" (RFC 4254 §6.2):
 * its TERM value, its modes (RFC 4254 §8) and its current size, which "window-change" requests
 * (RFC 4254 §6.7) update while the command runs. The server creates one when it accepts a
 * "pty-req" and hands it to the {@link ExecHandler} in {@link ExecRequest#terminal()}.
 *
 * <p>A size of 0 means "unknown" (the RFC says such dimensions are ignored); character dimensions
 * are what a pty is set to, the pixel ones are kept for handlers that want them. Thread-safe: the
 * server updates the size on its event thread while a handler reads it on its own.
 */
public final class Terminal {
    /**
     * One size of the terminal.
     *
     * @param columns width in characters, 0 if unknown
     * @param rows height in rows, 0 if unknown
     * @param widthPixels width in pixels, 0 if unknown
     * @param heightPixels height in pixels, 0 if unknown
     */
    public record Size(int columns, int rows, int widthPixels, int heightPixels) {
        /** Whether both character dimensions are known (non-zero), so a pty can be set to them. */
        public boolean hasCharacters() {
            return columns > 0 && rows > 0;
        }
    }

    /** Receives each new size; called on the server's event thread, so it must return quickly. */
    @FunctionalInterface
    public interface ResizeListener {
        /** The client's terminal now has {@code size}. */
        void resized(Size size);
    }

    private final String term;
    private final TerminalModes modes;
    private volatile Size size;
    private volatile ResizeListener listener;

    /**
     * A terminal of type {@code term} with {@code modes}, initially {@code size}. Servers build
     * it from the "pty-req"; handlers and tests may build one to call an {@link ExecHandler}.
     */
    public Terminal(String term, TerminalModes modes, Size size) {
        this.term = Objects.requireNonNull(term, "term");
        this.modes = Objects.requireNonNull(modes, "modes");
        this.size = Objects.requireNonNull(size, "size");
    }

    /**
     * The terminal of a received "pty-req"; dimensions beyond {@code int} count as unknown (0).
     *
     * @throws SshFormatException if the encoded modes are malformed (an opcode without its argument)
     */
    static Terminal of(ChannelRequestBody.PtyReq req) {
        return new Terminal(req.term(), req.modes(), new Size(dimension(req.widthChars()), dimension(req.heightRows()),
                dimension(req.widthPixels()), dimension(req.heightPixels())));
    }

    /** The size a received "window-change" gives; dimensions beyond {@code int} count as unknown (0). */
    static Size sizeOf(ChannelRequestBody.WindowChange w) {
        return new Size(dimension(w.widthChars()), dimension(w.heightRows()), dimension(w.widthPixels()),
                dimension(w.heightPixels()));
    }

    private static int dimension(long v) {
        return v > Integer.MAX_VALUE ? 0 : (int) v;
    }

    /** The client's TERM value ("xterm-256color", "vt100", ...); may be empty. */
    public String term() {
        return term;
    }

    /** The modes the client asked for (RFC 4254 §8), as it sent them. */
    public TerminalModes modes() {
        return modes;
    }

    /** The latest size: the "pty-req"'s, or that of the latest "window-change". */
    public Size size() {
        return size;
    }

    /**
     * Registers {@code l} for later size changes, replacing any earlier listener ({@code null}
     * removes it). A handler calls this when it starts its pty, then reads {@link #size()} once
     * so that a change between the two is not lost.
     */
    public void onResize(ResizeListener l) {
        listener = l;
    }

    /**
     * Records a "window-change": the new size, then tells the listener. Called by the server on
     * its event thread; a change whose character dimensions are unknown (0) is ignored, as the RFC
     * asks.
     */
    void resize(Size newSize) {
        if (!newSize.hasCharacters()) {
            return;
        }
        size = newSize;
        ResizeListener l = listener;
        if (l != null) {
            l.resized(newSize);
        }
    }
}
