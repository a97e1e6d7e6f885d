package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * The type-specific data of {@code SSH_MSG_CHANNEL_REQUEST} (RFC 4254 §5.4, §6): what follows the
 * want-reply flag. One record per request type this library knows; {@link UnknownRequest} keeps
 * the bytes of any other, which the recipient answers with {@link ChannelFailure} (or ignores,
 * without want-reply).
 *
 * <p>Fields that the RFC leaves without a character set and that real programs fill with
 * arbitrary bytes (the exec command, environment values, the X11 cookie) are {@link Bytes};
 * protocol names are US-ASCII strings; the rest is UTF-8 text.
 */
public sealed interface ChannelRequestBody {
    /** Allocate a pseudo-terminal (RFC 4254 §6.2). */
    String PTY_REQ = "pty-req";
    /** Forward X11 connections (RFC 4254 §6.3.1). */
    String X11_REQ = "x11-req";
    /** Set an environment variable (RFC 4254 §6.4). */
    String ENV = "env";
    /** Start the user's shell (RFC 4254 §6.5). */
    String SHELL = "shell";
    /** Run a command (RFC 4254 §6.5). */
    String EXEC = "exec";
    /** Start a subsystem such as "sftp" (RFC 4254 §6.5). */
    String SUBSYSTEM = "subsystem";
    /** The terminal was resized (RFC 4254 §6.7). */
    String WINDOW_CHANGE = "window-change";
    /** Local flow control is allowed or not (RFC 4254 §6.8). */
    String XON_XOFF = "xon-xoff";
    /** Deliver a signal (RFC 4254 §6.9). */
    String SIGNAL = "signal";
    /** The command exited (RFC 4254 §6.10). */
    String EXIT_STATUS = "exit-status";
    /** The command was killed by a signal (RFC 4254 §6.10). */
    String EXIT_SIGNAL = "exit-signal";
    /** Send a serial line BREAK (RFC 4335 §3). */
    String BREAK = "break";
    /** End of write: stop sending data on the channel (OpenSSH PROTOCOL §2.1). */
    String EOW = "eow@openssh.com";
    /** OpenSSH's per-channel liveness probe. */
    String KEEPALIVE = "keepalive@openssh.com";

    /** The request type this body is sent under, or {@code null} for {@link UnknownRequest}. */
    String requestType();

    /** Writes the type-specific data; called by {@link ChannelRequest#encodeBody}. */
    void encode(SshWriter w);

    /** Whether {@code type} is one of the request types this interface has a record for. */
    static boolean isKnown(String type) {
        return switch (type) {
            case PTY_REQ, X11_REQ, ENV, SHELL, EXEC, SUBSYSTEM, WINDOW_CHANGE, XON_XOFF, SIGNAL, EXIT_STATUS,
                    EXIT_SIGNAL, BREAK, EOW, KEEPALIVE -> true;
            default -> false;
        };
    }

    /**
     * Reads the data of request type {@code type}; the caller checks that nothing follows. Throws
     * {@link io.sanssh.spec.wire.SshFormatException} on malformed input.
     */
    static ChannelRequestBody read(String type, SshReader r) {
        return switch (type) {
            case PTY_REQ -> new PtyReq(r.readUtf8(), r.readUint32(), r.readUint32(), r.readUint32(), r.readUint32(),
                    r.readString());
            case X11_REQ -> new X11Req(r.readBoolean(), r.readAscii(), r.readString(), r.readUint32());
            case ENV -> new Env(r.readUtf8(), r.readString());
            case SHELL -> new Shell();
            case EXEC -> new Exec(r.readString());
            case SUBSYSTEM -> new Subsystem(r.readAscii());
            case WINDOW_CHANGE -> new WindowChange(r.readUint32(), r.readUint32(), r.readUint32(), r.readUint32());
            case XON_XOFF -> new XonXoff(r.readBoolean());
            case SIGNAL -> new Signal(r.readAscii());
            case EXIT_STATUS -> new ExitStatus(r.readUint32());
            case EXIT_SIGNAL -> new ExitSignal(r.readAscii(), r.readBoolean(), r.readUtf8(), r.readUtf8());
            case BREAK -> new Break(r.readUint32());
            case EOW -> new Eow();
            case KEEPALIVE -> new KeepAliveRequest(r.readRemaining());
            default -> new UnknownRequest(r.readRemaining());
        };
    }

    /**
     * "pty-req" (RFC 4254 §6.2): allocate a pseudo-terminal. Character dimensions override pixel
     * dimensions when non-zero; zero means unknown.
     *
     * @param term the TERM environment variable value, for example "vt100"
     * @param encodedModes the terminal modes as sent (RFC 4254 §8), see {@link TerminalModes}
     */
    record PtyReq(String term, long widthChars, long heightRows, long widthPixels, long heightPixels,
                  Bytes encodedModes) implements ChannelRequestBody {
        public PtyReq {
            FieldChecks.utf8(term, "term");
            FieldChecks.uint32(widthChars, "widthChars");
            FieldChecks.uint32(heightRows, "heightRows");
            FieldChecks.uint32(widthPixels, "widthPixels");
            FieldChecks.uint32(heightPixels, "heightPixels");
            Objects.requireNonNull(encodedModes, "encodedModes");
        }

        /** A request with character dimensions only and {@code modes} encoded. */
        public static PtyReq of(String term, long columns, long rows, TerminalModes modes) {
            return new PtyReq(term, columns, rows, 0, 0, modes.encode());
        }

        /** The modes parsed as RFC 4254 §8 says; throws {@code SshFormatException} if malformed. */
        public TerminalModes modes() {
            return TerminalModes.decode(encodedModes);
        }

        @Override
        public String requestType() {
            return PTY_REQ;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(term).writeUint32(widthChars).writeUint32(heightRows).writeUint32(widthPixels)
                    .writeUint32(heightPixels).writeString(encodedModes);
        }
    }

    /**
     * "x11-req" (RFC 4254 §6.3.1): forward X11 connections to the client.
     *
     * @param protocol the X11 authentication protocol, for example "MIT-MAGIC-COOKIE-1"
     * @param cookie the authentication cookie (hex text in practice; a fake one, §6.3.1)
     */
    record X11Req(boolean singleConnection, String protocol, Bytes cookie, long screen)
            implements ChannelRequestBody {
        public X11Req {
            FieldChecks.ascii(protocol, "protocol");
            Objects.requireNonNull(cookie, "cookie");
            FieldChecks.uint32(screen, "screen");
        }

        @Override
        public String requestType() {
            return X11_REQ;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeBoolean(singleConnection).writeAscii(protocol).writeString(cookie).writeUint32(screen);
        }
    }

    /**
     * "env" (RFC 4254 §6.4): set an environment variable for the program about to start. The value
     * is bytes because clients copy it from their own environment, whatever its encoding.
     */
    record Env(String name, Bytes value) implements ChannelRequestBody {
        public Env {
            FieldChecks.utf8(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** A variable whose value is UTF-8 text. */
        public static Env of(String name, String value) {
            return new Env(name, Bytes.utf8(value));
        }

        @Override
        public String requestType() {
            return ENV;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUtf8(name).writeString(value);
        }
    }

    /** "shell" (RFC 4254 §6.5): start the user's default shell. No data. */
    record Shell() implements ChannelRequestBody {
        @Override
        public String requestType() {
            return SHELL;
        }

        @Override
        public void encode(SshWriter w) {
            // no data
        }
    }

    /** "exec" (RFC 4254 §6.5): run {@code command}; bytes, since commands are not always UTF-8. */
    record Exec(Bytes command) implements ChannelRequestBody {
        public Exec {
            Objects.requireNonNull(command, "command");
        }

        /** A command given as text, sent as UTF-8. */
        public static Exec of(String command) {
            return new Exec(Bytes.utf8(command));
        }

        @Override
        public String requestType() {
            return EXEC;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeString(command);
        }
    }

    /** "subsystem" (RFC 4254 §6.5): start a named subsystem such as "sftp". */
    record Subsystem(String name) implements ChannelRequestBody {
        public Subsystem {
            FieldChecks.ascii(name, "name");
        }

        @Override
        public String requestType() {
            return SUBSYSTEM;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeAscii(name);
        }
    }

    /** "window-change" (RFC 4254 §6.7): the client's terminal was resized; sent without want-reply. */
    record WindowChange(long widthChars, long heightRows, long widthPixels, long heightPixels)
            implements ChannelRequestBody {
        public WindowChange {
            FieldChecks.uint32(widthChars, "widthChars");
            FieldChecks.uint32(heightRows, "heightRows");
            FieldChecks.uint32(widthPixels, "widthPixels");
            FieldChecks.uint32(heightPixels, "heightPixels");
        }

        @Override
        public String requestType() {
            return WINDOW_CHANGE;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUint32(widthChars).writeUint32(heightRows).writeUint32(widthPixels).writeUint32(heightPixels);
        }
    }

    /** "xon-xoff" (RFC 4254 §6.8): the server tells whether the client may do flow control locally. */
    record XonXoff(boolean clientCanDo) implements ChannelRequestBody {
        @Override
        public String requestType() {
            return XON_XOFF;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeBoolean(clientCanDo);
        }
    }

    /** "signal" (RFC 4254 §6.9): deliver a signal to the remote process; see {@link SignalNames}. */
    record Signal(String name) implements ChannelRequestBody {
        public Signal {
            FieldChecks.ascii(name, "name");
        }

        @Override
        public String requestType() {
            return SIGNAL;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeAscii(name);
        }
    }

    /** "exit-status" (RFC 4254 §6.10): the remote command exited with {@code status}. */
    record ExitStatus(long status) implements ChannelRequestBody {
        public ExitStatus {
            FieldChecks.uint32(status, "status");
        }

        @Override
        public String requestType() {
            return EXIT_STATUS;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUint32(status);
        }
    }

    /**
     * "exit-signal" (RFC 4254 §6.10): the remote command was killed by a signal.
     *
     * @param signal the signal name without "SIG", see {@link SignalNames}
     */
    record ExitSignal(String signal, boolean coreDumped, String errorMessage, String language)
            implements ChannelRequestBody {
        public ExitSignal {
            FieldChecks.ascii(signal, "signal");
            FieldChecks.utf8(errorMessage, "errorMessage");
            FieldChecks.utf8(language, "language");
        }

        @Override
        public String requestType() {
            return EXIT_SIGNAL;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeAscii(signal).writeBoolean(coreDumped).writeUtf8(errorMessage).writeUtf8(language);
        }
    }

    /** "break" (RFC 4335 §3): send a serial line BREAK of {@code lengthMs} milliseconds. */
    record Break(long lengthMs) implements ChannelRequestBody {
        public Break {
            FieldChecks.uint32(lengthMs, "lengthMs");
        }

        @Override
        public String requestType() {
            return BREAK;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeUint32(lengthMs);
        }
    }

    /**
     * "eow@openssh.com" (OpenSSH PROTOCOL §2.1): the sender's output side of the channel closed;
     * the peer should stop sending data. Sent without want-reply; no data.
     */
    record Eow() implements ChannelRequestBody {
        @Override
        public String requestType() {
            return EOW;
        }

        @Override
        public void encode(SshWriter w) {
            // no data
        }
    }

    /**
     * "keepalive@openssh.com" on a channel: a liveness probe sent with want-reply, answered by
     * {@link ChannelSuccess} or {@link ChannelFailure} alike. Its data is undefined, so whatever
     * follows is kept.
     */
    record KeepAliveRequest(Bytes rest) implements ChannelRequestBody {
        /** A probe with no data, as OpenSSH sends it. */
        public static final KeepAliveRequest EMPTY = new KeepAliveRequest(Bytes.EMPTY);

        public KeepAliveRequest {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String requestType() {
            return KEEPALIVE;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }

    /** Any other request type (for example "auth-agent-req@openssh.com"): its data, kept as it is. */
    record UnknownRequest(Bytes rest) implements ChannelRequestBody {
        public UnknownRequest {
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String requestType() {
            return null;
        }

        @Override
        public void encode(SshWriter w) {
            w.writeRaw(rest);
        }
    }
}
