package io.sanssh.spec.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.wire.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded round trips over random values of every record and every body kind:
 * {@code decode(encode(x)) == x} and {@code encode(decode(b)) == b}. A failure prints its seed.
 */
class ConnectionRoundTripTest {
    private static final int SEEDS = 300;

    /** One kind of value. */
    enum Kind {
        GLOBAL_TCPIP_FORWARD(g -> global(g, new TcpipForward(g.text(), g.uint32()))),
        GLOBAL_CANCEL_TCPIP_FORWARD(g -> global(g, new CancelTcpipForward(g.text(), g.uint32()))),
        GLOBAL_STREAMLOCAL_FORWARD(g -> global(g, new StreamLocalForward(g.text()))),
        GLOBAL_CANCEL_STREAMLOCAL_FORWARD(g -> global(g, new CancelStreamLocalForward(g.text()))),
        GLOBAL_KEEPALIVE(g -> global(g, new KeepAlive(g.bytes(8)))),
        GLOBAL_NO_MORE_SESSIONS(g -> global(g, new NoMoreSessions())),
        GLOBAL_HOSTKEYS(g -> global(g, new HostKeys(blobs(g)))),
        GLOBAL_HOSTKEYS_PROVE(g -> global(g, new HostKeysProve(blobs(g)))),
        GLOBAL_UNKNOWN(g -> new GlobalRequest(unknownName(g, GlobalRequestBody::isKnown), g.bool(),
                new UnknownGlobal(g.bytes(40)))),
        REQUEST_SUCCESS(g -> g.oneOf(RequestSuccess.EMPTY, RequestSuccess.withBoundPort(g.uint32()),
                RequestSuccess.withSignatures(blobs(g)), new RequestSuccess(g.bytes(30)))),
        REQUEST_FAILURE(g -> RequestFailure.INSTANCE),
        OPEN_SESSION(g -> open(g, new Session())),
        OPEN_X11(g -> open(g, new X11(g.text(), g.uint32()))),
        OPEN_DIRECT_TCPIP(g -> open(g, new DirectTcpip(g.text(), g.uint32(), g.text(), g.uint32()))),
        OPEN_FORWARDED_TCPIP(g -> open(g, new ForwardedTcpip(g.text(), g.uint32(), g.text(), g.uint32()))),
        OPEN_DIRECT_STREAMLOCAL(g -> open(g, new DirectStreamLocal(g.text(), g.text(), g.uint32()))),
        OPEN_FORWARDED_STREAMLOCAL(g -> open(g, new ForwardedStreamLocal(g.text(), g.text()))),
        OPEN_UNKNOWN(g -> new ChannelOpen(unknownName(g, ChannelOpenBody::isKnown), g.anyInt(), g.uint32(),
                g.uint32(), new UnknownOpen(g.bytes(40)))),
        OPEN_CONFIRMATION(g -> new ChannelOpenConfirmation(g.anyInt(), g.anyInt(), g.uint32(), g.uint32(),
                g.bool() ? Bytes.EMPTY : g.bytes(20))),
        OPEN_FAILURE(g -> new ChannelOpenFailure(g.anyInt(), g.uint32(), g.text(), g.oneOf("", "en", g.text()))),
        WINDOW_ADJUST(g -> new ChannelWindowAdjust(g.anyInt(), g.uint32())),
        DATA(g -> new ChannelData(g.anyInt(), g.bytes(200))),
        EXTENDED_DATA(g -> new ChannelExtendedData(g.anyInt(), g.uint32(), g.bytes(200))),
        EOF(g -> new ChannelEof(g.anyInt())),
        CLOSE(g -> new ChannelClose(g.anyInt())),
        CHANNEL_SUCCESS(g -> new ChannelSuccess(g.anyInt())),
        CHANNEL_FAILURE(g -> new ChannelFailure(g.anyInt())),
        REQ_PTY(g -> req(g, new PtyReq(g.text(), g.uint32(), g.uint32(), g.uint32(), g.uint32(), g.bytes(60)))),
        REQ_X11(g -> req(g, new X11Req(g.bool(), g.name(), g.bytes(32), g.uint32()))),
        REQ_ENV(g -> req(g, new Env(g.text(), g.bytes(30)))),
        REQ_SHELL(g -> req(g, new Shell())),
        REQ_EXEC(g -> req(g, new Exec(g.bytes(100)))),
        REQ_SUBSYSTEM(g -> req(g, new Subsystem(g.name()))),
        REQ_WINDOW_CHANGE(g -> req(g, new WindowChange(g.uint32(), g.uint32(), g.uint32(), g.uint32()))),
        REQ_XON_XOFF(g -> req(g, new XonXoff(g.bool()))),
        REQ_SIGNAL(g -> req(g, new Signal(g.oneOf(g.oneOf(SignalNames.STANDARD), g.name())))),
        REQ_EXIT_STATUS(g -> req(g, new ExitStatus(g.uint32()))),
        REQ_EXIT_SIGNAL(g -> req(g, new ExitSignal(g.oneOf(g.oneOf(SignalNames.STANDARD), g.name()), g.bool(),
                g.text(), g.oneOf("", g.text())))),
        REQ_BREAK(g -> req(g, new Break(g.uint32()))),
        REQ_EOW(g -> req(g, new Eow())),
        REQ_KEEPALIVE(g -> req(g, new KeepAliveRequest(g.bytes(8)))),
        REQ_UNKNOWN(g -> new ChannelRequest(g.anyInt(), unknownName(g, ChannelRequestBody::isKnown), g.bool(),
                new UnknownRequest(g.bytes(40)))),
        UNKNOWN_NUMBER(g -> new UnknownMessage(g.between(101, 127), g.bytes(30)));

        final Function<Gen, SshMessage> generator;

        Kind(Function<Gen, SshMessage> generator) {
            this.generator = generator;
        }
    }

    private static GlobalRequest global(Gen g, GlobalRequestBody body) {
        return GlobalRequest.of(g.bool(), body);
    }

    private static ChannelOpen open(Gen g, ChannelOpenBody body) {
        return ChannelOpen.of(g.anyInt(), g.uint32(), g.uint32(), body);
    }

    private static ChannelRequest req(Gen g, ChannelRequestBody body) {
        return ChannelRequest.of(g.anyInt(), g.bool(), body);
    }

    private static String unknownName(Gen g, Predicate<String> known) {
        String name = g.name();
        return known.test(name) ? name + "-x" : name;
    }

    private static List<Bytes> blobs(Gen g) {
        List<Bytes> out = new ArrayList<>();
        for (int i = g.nextInt(4); i > 0; i--) {
            out.add(g.bytes(60));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void randomValuesSurviveEncodeThenDecode(Kind kind) {
        for (long seed = 0; seed < SEEDS; seed++) {
            Gen g = new Gen(seed * 53 + kind.ordinal());
            SshMessage value = kind.generator.apply(g);
            CodecAssertions.assertRoundTrip(value, SshMessage::encode, ConnectionCodec::decode, g.seed());
        }
    }

    @Test
    void everyBodyKindIsCovered() {
        Set<Class<?>> seen = new HashSet<>();
        for (Kind kind : Kind.values()) {
            SshMessage m = kind.generator.apply(new Gen(1));
            if (m instanceof GlobalRequest r) {
                seen.add(r.body().getClass());
            } else if (m instanceof ChannelOpen o) {
                seen.add(o.body().getClass());
            } else if (m instanceof ChannelRequest r) {
                seen.add(r.body().getClass());
            }
        }
        Set<Class<?>> all = new HashSet<>();
        all.addAll(List.of(GlobalRequestBody.class.getPermittedSubclasses()));
        all.addAll(List.of(ChannelOpenBody.class.getPermittedSubclasses()));
        all.addAll(List.of(ChannelRequestBody.class.getPermittedSubclasses()));
        assertEquals(all, seen);
    }
}
