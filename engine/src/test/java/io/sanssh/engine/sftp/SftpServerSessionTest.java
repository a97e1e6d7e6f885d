package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtended;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedRequest;
import io.sanssh.spec.sftp.SftpExtensionPair;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpHandleRequest;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server session fed request packets directly, over {@link MemoryBackend}. */
class SftpServerSessionTest {
    private final MemoryBackend backend = new MemoryBackend(1, 0);
    private final SftpFrameReader clientSide = new SftpFrameReader(Integer.MAX_VALUE);

    private static void send(SftpServerSession s, SftpRequest... requests) {
        for (SftpRequest r : requests) {
            s.receive(ByteBuffer.wrap(SftpCodec.encode(r)));
        }
    }

    private List<SftpReply> replies(SftpServerSession s) {
        while (s.pendingOutput() > 0) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            s.takeOutput(b);
            clientSide.receive(b.flip());
        }
        List<SftpReply> out = new ArrayList<>();
        SftpReply r;
        while ((r = clientSide.pollReply()) != null) {
            out.add(r);
        }
        return out;
    }

    private SftpReply one(SftpServerSession s, SftpRequest r) {
        send(s, r);
        List<SftpReply> got = replies(s);
        assertEquals(1, got.size(), got::toString);
        return got.get(0);
    }

    private SftpServerSession ready(SftpServerSession s) {
        send(s, SftpRequest.Init.v3());
        assertInstanceOf(SftpReply.Version.class, replies(s).get(0));
        return s;
    }

    private static int code(SftpReply r) {
        return ((SftpReply.Status) r).code();
    }

    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void versionAnnouncesLimitsAndTheBackendsExtensionsInOpenSshOrder() {
        SftpServerSession s = new SftpServerSession(backend);
        send(s, new SftpRequest.Init(6, List.of()));
        SftpReply.Version v = (SftpReply.Version) replies(s).get(0);
        assertEquals(3, v.version(), "a newer client still gets version 3");
        assertEquals(List.of(SftpExtensionPair.of(SftpConstants.EXT_POSIX_RENAME, "1"),
                SftpExtensionPair.of(SftpConstants.EXT_FSYNC, "1"), SftpExtensionPair.of(SftpConstants.EXT_LIMITS, "1"),
                SftpExtensionPair.of(SftpConstants.EXT_COPY_DATA, "1")), v.extensions());
        assertEquals(SftpLifecycle.State.READY, s.state());
    }

    @Test
    void limitsReplyStatesPacketReadWriteAndHandleLimits() {
        SftpServerSession s = ready(new SftpServerSession(backend, 7, 1 << 20));
        SftpReply r = one(s, new SftpExtended(5, new SftpExtendedRequest.Limits()));
        assertEquals(new LimitsReply(262144, 261120, 261120, 7),
                LimitsReply.decode(((SftpReply.ExtendedReply) r).data()));
    }

    @Test
    void aRequestBeforeInitEndsTheSession() {
        SftpServerSession s = new SftpServerSession(backend);
        send(s, new SftpPathRequest.Stat(1, b("x")));
        assertTrue(s.isClosed());
        assertTrue(s.protocolError().orElseThrow().contains("before INIT"));
        assertEquals(0, s.pendingOutput());
    }

    @Test
    void aSecondInitIsDeclinedAsAProtocolError() {
        SftpServerSession s = ready(new SftpServerSession(backend));
        send(s, SftpRequest.Init.v3());
        assertTrue(s.protocolError().orElseThrow().contains("INIT again"));
    }

    @Test
    void malformedBytesEndTheSession() {
        SftpServerSession s = ready(new SftpServerSession(backend));
        s.receive(ByteBuffer.wrap(new byte[] {0, 0, 0, 5, 3, 0, 0, 0, 1}));
        assertTrue(s.isClosed());
        assertTrue(s.protocolError().isPresent());
    }

    @Test
    void undefinedTypesAndUnannouncedExtensionsGetOpUnsupported() {
        SftpServerSession s = ready(new SftpServerSession(backend));
        SftpReply link = one(s, new SftpRequest.Unknown(21, Bytes.of(new byte[] {0, 0, 0, 9, 1, 2})));
        assertEquals(9, ((SftpReply.Status) link).id());
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, code(link));
        // the backend implements statvfs but does not list it, so it is neither announced nor served
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, code(one(s, new SftpExtended(10,
                new SftpExtendedRequest.Statvfs(b("/"))))));
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, code(one(s, new SftpExtended(11,
                new SftpExtendedRequest.Unknown("flock@openssh.com", Bytes.EMPTY)))));
        assertFalse(s.isClosed());
    }

    @Test
    void backendFailuresBecomeStatusCodes() {
        SftpServerSession s = ready(new SftpServerSession(backend));
        SftpReply.Status st = (SftpReply.Status) one(s, new SftpPathRequest.Stat(3, b("missing")));
        assertEquals(3, st.id());
        assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, st.code());
        assertEquals("No such file", st.message());
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, code(one(s, new SftpPathRequest.Mkdir(4, b("d"),
                SftpAttributes.EMPTY))));
    }

    @Test
    void theHandleTableIsBoundedAndHandlesAreNeverReused() {
        backend.files.put("f", new byte[] {1, 2, 3});
        SftpServerSession s = ready(new SftpServerSession(backend, 2, 1 << 20));
        Bytes h1 = ((SftpReply.Handle) one(s, new SftpPathRequest.Open(1, b("f"), SftpConstants.SSH_FXF_READ,
                SftpAttributes.EMPTY))).handle();
        one(s, new SftpPathRequest.Opendir(2, b("/")));
        SftpReply.Status full = (SftpReply.Status) one(s, new SftpPathRequest.Open(3, b("f"),
                SftpConstants.SSH_FXF_READ, SftpAttributes.EMPTY));
        assertEquals(SftpConstants.SSH_FX_FAILURE, full.code());
        assertTrue(full.message().contains("Too many open handles"), full.message());
        assertEquals(SftpConstants.SSH_FX_OK, code(one(s, new SftpHandleRequest.Close(4, h1))));
        Bytes h3 = ((SftpReply.Handle) one(s, new SftpPathRequest.Open(5, b("f"), SftpConstants.SSH_FXF_READ,
                SftpAttributes.EMPTY))).handle();
        assertNotEquals(h1, h3);
        assertEquals(SftpConstants.SSH_FX_FAILURE, code(one(s, new SftpHandleRequest.Read(6, h1, 0, 10))),
                "a closed handle stays invalid");
        assertEquals(2, s.openHandles());
        s.channelEnded();
        assertEquals(0, s.openHandles());
        assertTrue(s.isClosed());
    }

    @Test
    void readsAreCappedAtTheAnnouncedMaximumAndEndWithEof() {
        backend.files.put("big", new byte[400_000]);
        SftpServerSession s = ready(new SftpServerSession(backend));
        Bytes h = ((SftpReply.Handle) one(s, new SftpPathRequest.Open(1, b("big"), SftpConstants.SSH_FXF_READ,
                SftpAttributes.EMPTY))).handle();
        SftpReply.Data d = (SftpReply.Data) one(s, new SftpHandleRequest.Read(2, h, 0, 300_000));
        assertEquals(261120, d.data().length());
        assertEquals(SftpConstants.SSH_FX_EOF, code(one(s, new SftpHandleRequest.Read(3, h, 400_000, 10))));
        SftpReply dirRead = one(s, new SftpHandleRequest.Readdir(4, h));
        assertEquals(SftpConstants.SSH_FX_FAILURE, code(dirRead), "a file handle is not a directory handle");
    }

    @Test
    void repliesOverTheHighWaterMarkPauseTheWorkUntilOutputIsTaken() {
        backend.files.put("f", new byte[10_000]);
        SftpServerSession s = ready(new SftpServerSession(backend, 8, 2_000));
        Bytes h = ((SftpReply.Handle) one(s, new SftpPathRequest.Open(1, b("f"), SftpConstants.SSH_FXF_READ,
                SftpAttributes.EMPTY))).handle();
        for (int i = 0; i < 5; i++) {
            send(s, new SftpHandleRequest.Read(10 + i, h, i * 1000L, 1000));
        }
        assertTrue(s.pendingOutput() > 2_000 && s.pendingOutput() < 4_000, "only what fits the mark was answered");
        assertFalse(s.wantsRead());
        List<SftpReply> all = replies(s);
        assertEquals(5, all.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(10 + i, ((SftpReply.Data) all.get(i)).id(), "answers keep request order");
        }
        assertTrue(s.wantsRead());
    }
}
