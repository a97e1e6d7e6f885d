package io.sanssh.spec.connection;

import io.sanssh.spec.connection.ChannelOpenBody.DirectStreamLocal;
import io.sanssh.spec.connection.ChannelOpenBody.DirectTcpip;
import io.sanssh.spec.connection.ChannelOpenBody.ForwardedStreamLocal;
import io.sanssh.spec.connection.ChannelOpenBody.ForwardedTcpip;
import io.sanssh.spec.connection.ChannelOpenBody.Session;
import io.sanssh.spec.connection.ChannelOpenBody.UnknownOpen;
import io.sanssh.spec.connection.ChannelOpenBody.X11;
import io.sanssh.spec.connection.ChannelRequestBody.Break;
import io.sanssh.spec.connection.ChannelRequestBody.Env;
import io.sanssh.spec.connection.ChannelRequestBody.Eow;
import io.sanssh.spec.connection.ChannelRequestBody.Exec;
import io.sanssh.spec.connection.ChannelRequestBody.ExitSignal;
import io.sanssh.spec.connection.ChannelRequestBody.ExitStatus;
import io.sanssh.spec.connection.ChannelRequestBody.KeepAliveRequest;
import io.sanssh.spec.connection.ChannelRequestBody.PtyReq;
import io.sanssh.spec.connection.ChannelRequestBody.Shell;
import io.sanssh.spec.connection.ChannelRequestBody.Signal;
import io.sanssh.spec.connection.ChannelRequestBody.Subsystem;
import io.sanssh.spec.connection.ChannelRequestBody.UnknownRequest;
import io.sanssh.spec.connection.ChannelRequestBody.WindowChange;
import io.sanssh.spec.connection.ChannelRequestBody.X11Req;
import io.sanssh.spec.connection.ChannelRequestBody.XonXoff;
import io.sanssh.spec.connection.GlobalRequestBody.CancelStreamLocalForward;
import io.sanssh.spec.connection.GlobalRequestBody.CancelTcpipForward;
import io.sanssh.spec.connection.GlobalRequestBody.HostKeys;
import io.sanssh.spec.connection.GlobalRequestBody.HostKeysProve;
import io.sanssh.spec.connection.GlobalRequestBody.KeepAlive;
import io.sanssh.spec.connection.GlobalRequestBody.NoMoreSessions;
import io.sanssh.spec.connection.GlobalRequestBody.StreamLocalForward;
import io.sanssh.spec.connection.GlobalRequestBody.TcpipForward;
import io.sanssh.spec.connection.GlobalRequestBody.UnknownGlobal;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The golden vectors of this package: each names a hex file in {@code vectors/} (assembled field by
 * field from the RFC and OpenSSH PROTOCOL layouts, one comment per field) and the record it stands
 * for. The same payloads seed the fuzz test.
 */
final class ConnectionVectors {
    private ConnectionVectors() {
    }

    static final Bytes HOST_KEY_1 = Bytes.fromHex("0000000b7373682d65643235353139"
            + "00000020815e47896619925dff7770f67250c3cea8a70b3098b2c02f4b00c9a7759b589e");
    static final Bytes HOST_KEY_2 = Bytes.fromHex("0000000b7373682d65643235353139"
            + "000000202bbed06209170e783a92e29d341b1daa3cd3710e944a5153407083456afed224");
    static final Bytes SIGNATURE_1 = signature(0);
    static final Bytes SIGNATURE_2 = signature(64);

    private static Bytes signature(int first) {
        byte[] raw = new byte[64];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (first + i);
        }
        return Bytes.fromHex("0000000b7373682d65643235353139 00000040" + Bytes.wrap(raw).toHex());
    }

    /** The terminal modes of the "req-pty" vector, in wire order. */
    static final TerminalModes PTY_MODES = TerminalModes.NONE.with(TerminalModes.VINTR, 3)
            .with(TerminalModes.VERASE, 127).with(TerminalModes.ECHO, 1).with(TerminalModes.ICANON, 1)
            .with(TerminalModes.IUTF8, 1).with(TerminalModes.TTY_OP_ISPEED, 38400)
            .with(TerminalModes.TTY_OP_OSPEED, 38400);

    /** One golden vector. */
    record Vector(String name, SshMessage expected) {
        byte[] bytes() {
            return load(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int WINDOW = 2097152;
    private static final int PACKET = 32768;

    private static ChannelRequest req(boolean wantReply, ChannelRequestBody body) {
        return ChannelRequest.of(0, wantReply, body);
    }

    static final List<Vector> ALL = List.of(
            new Vector("global-tcpip-forward", GlobalRequest.of(true, new TcpipForward("0.0.0.0", 8080))),
            new Vector("global-tcpip-forward-any-port", GlobalRequest.of(true, new TcpipForward("", 0))),
            new Vector("global-cancel-tcpip-forward", GlobalRequest.of(true, new CancelTcpipForward("localhost", 8080))),
            new Vector("global-streamlocal-forward", GlobalRequest.of(true, new StreamLocalForward("/tmp/app.sock"))),
            new Vector("global-cancel-streamlocal-forward",
                    GlobalRequest.of(false, new CancelStreamLocalForward("/tmp/app.sock"))),
            new Vector("global-keepalive", GlobalRequest.of(true, KeepAlive.EMPTY)),
            new Vector("global-no-more-sessions", GlobalRequest.of(false, new NoMoreSessions())),
            new Vector("global-hostkeys", GlobalRequest.of(false, new HostKeys(List.of(HOST_KEY_1, HOST_KEY_2)))),
            new Vector("global-hostkeys-prove", GlobalRequest.of(true, new HostKeysProve(List.of(HOST_KEY_2)))),
            new Vector("global-unknown",
                    new GlobalRequest("example@sanssh.io", false, new UnknownGlobal(Bytes.fromHex("0000000178")))),
            new Vector("request-success", RequestSuccess.EMPTY),
            new Vector("request-success-bound-port", RequestSuccess.withBoundPort(40123)),
            new Vector("request-success-signatures", RequestSuccess.withSignatures(List.of(SIGNATURE_1, SIGNATURE_2))),
            new Vector("request-failure", RequestFailure.INSTANCE),
            new Vector("open-session", ChannelOpen.of(0, WINDOW, PACKET, new Session())),
            new Vector("open-x11", ChannelOpen.of(1, WINDOW, 16384, new X11("192.168.7.38", 53421))),
            new Vector("open-direct-tcpip",
                    ChannelOpen.of(2, WINDOW, PACKET, new DirectTcpip("example.com", 443, "127.0.0.1", 50000))),
            new Vector("open-forwarded-tcpip",
                    ChannelOpen.of(3, WINDOW, PACKET, new ForwardedTcpip("0.0.0.0", 8080, "203.0.113.9", 40000))),
            new Vector("open-direct-streamlocal",
                    ChannelOpen.of(4, WINDOW, PACKET, DirectStreamLocal.of("/run/app.sock"))),
            new Vector("open-forwarded-streamlocal",
                    ChannelOpen.of(5, WINDOW, PACKET, new ForwardedStreamLocal("/tmp/app.sock", ""))),
            new Vector("open-unknown", new ChannelOpen("tun@openssh.com", 6, WINDOW, PACKET,
                    new UnknownOpen(Bytes.fromHex("00000001 7fffffff")))),
            new Vector("open-confirmation", ChannelOpenConfirmation.of(0, 7, WINDOW, PACKET)),
            new Vector("open-failure",
                    ChannelOpenFailure.of(3, OpenFailureReason.CONNECT_FAILED, "Connection refused")),
            new Vector("window-adjust", new ChannelWindowAdjust(0, 0xffffffffL)),
            new Vector("data", new ChannelData(0x80000001, Bytes.utf8("hello\n"))),
            new Vector("extended-data", ChannelExtendedData.stderr(0, Bytes.utf8("oops\n"))),
            new Vector("eof", new ChannelEof(5)),
            new Vector("close", new ChannelClose(5)),
            new Vector("channel-success", new ChannelSuccess(5)),
            new Vector("channel-failure", new ChannelFailure(5)),
            new Vector("unknown-127", new UnknownMessage(127, Bytes.fromHex("0102"))),
            new Vector("req-pty", req(true, new PtyReq("xterm-256color", 80, 24, 640, 480, PTY_MODES.encode()))),
            new Vector("req-x11", req(true, new X11Req(false, "MIT-MAGIC-COOKIE-1",
                    Bytes.utf8("0123456789abcdef0123456789abcdef"), 0))),
            new Vector("req-env", req(false, Env.of("LANG", "en_US.UTF-8"))),
            new Vector("req-shell", req(true, new Shell())),
            new Vector("req-exec", req(true, Exec.of("ls -l /tmp"))),
            new Vector("req-exec-latin1", req(true, new Exec(Bytes.fromHex("6563686f20636166e9")))),
            new Vector("req-subsystem", req(true, new Subsystem("sftp"))),
            new Vector("req-window-change", req(false, new WindowChange(120, 40, 0, 0))),
            new Vector("req-xon-xoff", req(false, new XonXoff(true))),
            new Vector("req-signal", req(false, new Signal(SignalNames.INT))),
            new Vector("req-exit-status", req(false, new ExitStatus(127))),
            new Vector("req-exit-signal", req(false, new ExitSignal(SignalNames.SEGV, true, "Segmentation fault", "en"))),
            new Vector("req-break", req(true, new Break(500))),
            new Vector("req-eow", req(false, new Eow())),
            new Vector("req-keepalive", req(true, KeepAliveRequest.EMPTY)),
            new Vector("req-unknown",
                    new ChannelRequest(0, "auth-agent-req@openssh.com", false, new UnknownRequest(Bytes.EMPTY))));

    /** The bytes of {@code vectors/<name>.hex}, comments removed. */
    static byte[] load(String name) {
        String path = "vectors/" + name + ".hex";
        try (InputStream in = ConnectionVectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return Hex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
