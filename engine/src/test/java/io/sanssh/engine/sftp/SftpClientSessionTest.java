package io.sanssh.engine.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.sftp.SftpAttributes;
import io.sanssh.spec.sftp.SftpCodec;
import io.sanssh.spec.sftp.SftpConstants;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtensionPair;
import io.sanssh.spec.sftp.SftpFrameReader;
import io.sanssh.spec.sftp.SftpPathRequest;
import io.sanssh.spec.sftp.SftpReply;
import io.sanssh.spec.sftp.SftpRequest;
import io.sanssh.spec.wire.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client session against a scripted server: the test plays the server packet by packet. */
class SftpClientSessionTest {
    private final SftpFrameReader serverSide = new SftpFrameReader();

    /** Everything the client sent since the last call, decoded. */
    private List<SftpRequest> sent(SftpClientSession c) {
        ByteBuffer out = ByteBuffer.allocate((int) c.pendingOutput());
        c.takeOutput(out);
        serverSide.receive(out.flip());
        List<SftpRequest> r = new ArrayList<>();
        SftpRequest q;
        while ((q = serverSide.pollRequest()) != null) {
            r.add(q);
        }
        return r;
    }

    private static void reply(SftpClientSession c, SftpReply... replies) {
        for (SftpReply r : replies) {
            c.receive(ByteBuffer.wrap(SftpCodec.encode(r)));
        }
    }

    private SftpClientSession ready(int maxOutstanding, SftpExtensionPair... extensions) {
        SftpClientSession c = new SftpClientSession(maxOutstanding);
        assertInstanceOf(SftpRequest.Init.class, sent(c).get(0));
        reply(c, new SftpReply.Version(3, List.of(extensions)));
        assertTrue(c.isReady());
        return c;
    }

    private static SftpReply.Attrs attrs(int id, long size) {
        return new SftpReply.Attrs(id, SftpAttributes.builder().size(size).build());
    }

    @Test
    void initIsQueuedOnConstruction() {
        SftpClientSession c = new SftpClientSession();
        ByteBuffer out = ByteBuffer.allocate(64);
        c.takeOutput(out);
        assertEquals("000000050100000003", HexFormat.of().formatHex(out.array(), 0, out.position()));
        assertEquals(SftpLifecycle.State.INIT, c.state());
        assertThrows(IllegalStateException.class, () -> c.send(SftpRequests.stat(Bytes.utf8("x"))));
    }

    @Test
    void repliesAreMatchedByIdInAnyOrder() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.stat(Bytes.utf8("a")));
        int b = c.send(SftpRequests.stat(Bytes.utf8("b")));
        int d = c.send(SftpRequests.stat(Bytes.utf8("d")));
        assertEquals(3, sent(c).size());
        reply(c, attrs(d, 3), attrs(a, 1), attrs(b, 2));
        for (int[] expect : new int[][] {{d, 3}, {a, 1}, {b, 2}}) {
            SftpCompletion.Succeeded s = (SftpCompletion.Succeeded) c.pollCompletion();
            assertEquals(expect[0], s.requestId());
            assertEquals(expect[1], s.attrs().size().getAsLong());
            assertEquals(expect[0], ((SftpPathRequest.Stat) s.request()).id());
        }
        assertNull(c.pollCompletion());
    }

    @Test
    void outstandingRequestsAreBoundedUntilCompletionsArePolled() {
        SftpClientSession c = ready(2);
        int a = c.send(SftpRequests.stat(Bytes.utf8("a")));
        c.send(SftpRequests.stat(Bytes.utf8("b")));
        assertEquals(0, c.capacity());
        assertEquals(SftpClientSession.NO_CAPACITY, c.send(SftpRequests.stat(Bytes.utf8("c"))));
        assertEquals(2, sent(c).size(), "the refused request was not sent");
        reply(c, attrs(a, 1));
        assertEquals(0, c.capacity(), "an unpolled completion still holds its slot");
        c.pollCompletion();
        assertEquals(1, c.capacity());
        assertTrue(c.send(SftpRequests.stat(Bytes.utf8("c"))) != SftpClientSession.NO_CAPACITY);
    }

    @Test
    void extensionsNotAnnouncedFailLocallyAndOthersAreSent() {
        SftpClientSession c = ready(10, SftpExtensionPair.of(SftpConstants.EXT_FSYNC, "1"));
        int id = c.send(SftpRequests.posixRename(Bytes.utf8("a"), Bytes.utf8("b")));
        SftpCompletion done = c.pollCompletion();
        assertEquals(id, done.requestId());
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, done.failure().code());
        assertFalse(done.failure().fromServer());
        assertTrue(done.failure().describe().contains("posix-rename@openssh.com"), done.failure().describe());
        c.send(SftpRequests.fsync(Bytes.utf8("h")));
        assertEquals(1, sent(c).size(), "only fsync went out");
    }

    @Test
    void limitsAreRecordedFromTheReply() {
        SftpClientSession c = ready(10, SftpExtensionPair.of(SftpConstants.EXT_LIMITS, "1"));
        int id = c.send(SftpRequests.limits());
        LimitsReply l = new LimitsReply(100_000, 50_000, 40_000, 7);
        reply(c, l.toReply(id));
        assertEquals(l, c.serverLimits().orElseThrow());
        assertEquals(l, ((SftpCompletion.Succeeded) c.pollCompletion()).extended(LimitsReply.class));
    }

    @Test
    void aNonOkStatusIsAFailureNamingTheRequest() {
        SftpClientSession c = ready(10);
        int id = c.send(SftpRequests.write(Bytes.utf8("h"), 4096, Bytes.utf8("data")));
        reply(c, SftpReply.Status.of(id, SftpConstants.SSH_FX_PERMISSION_DENIED, "quota exceeded"));
        SftpFailure f = c.pollCompletion().failure();
        assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, f.code());
        assertEquals("quota exceeded", f.message());
        assertTrue(f.fromServer());
        assertEquals("SSH_FXP_WRITE #" + id + " at offset 4096 (4 bytes) failed: SSH_FX_PERMISSION_DENIED (server): "
                + "quota exceeded", f.describe());
    }

    @Test
    void aReplyToAnIdNeverSentIsAProtocolErrorThatFailsEverythingOutstanding() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.stat(Bytes.utf8("a")));
        reply(c, attrs(a + 100, 1));
        assertTrue(c.isClosed());
        assertTrue(c.protocolError().orElseThrow().contains("not outstanding"));
        SftpFailure f = c.pollCompletion().failure();
        assertEquals(a, f.requestId());
        assertEquals(SftpConstants.SSH_FX_CONNECTION_LOST, f.code());
        assertThrows(IllegalStateException.class, () -> c.send(SftpRequests.stat(Bytes.utf8("b"))));
    }

    @Test
    void aReplyOfTheWrongTypeIsAProtocolError() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.stat(Bytes.utf8("a")));
        reply(c, new SftpReply.Data(a, Bytes.utf8("x")));
        assertTrue(c.protocolError().orElseThrow().contains("SSH_FXP_DATA"), c.protocolError().get());
        assertTrue(c.isClosed());
    }

    @Test
    void okWithoutTheDataAnOpenAsksForIsAProtocolError() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.openForRead(Bytes.utf8("a")));
        reply(c, SftpReply.Status.of(a, SftpConstants.SSH_FX_OK, "Success"));
        assertTrue(c.protocolError().isPresent());
    }

    @Test
    void aSecondVersionIsDeclinedAsAProtocolError() {
        SftpClientSession c = ready(10);
        reply(c, new SftpReply.Version(3, List.of()));
        assertTrue(c.protocolError().orElseThrow().contains("VERSION again"));
    }

    @Test
    void aReplyBeforeVersionAndAnotherVersionAreRefused() {
        SftpClientSession early = new SftpClientSession();
        reply(early, attrs(1, 1));
        assertTrue(early.protocolError().orElseThrow().contains("before VERSION"));

        SftpClientSession v2 = new SftpClientSession();
        reply(v2, new SftpReply.Version(2, List.of()));
        assertTrue(v2.protocolError().orElseThrow().contains("version 2"));
    }

    @Test
    void garbageFromTheServerIsAProtocolError() {
        SftpClientSession c = ready(10);
        c.receive(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}));
        assertTrue(c.isClosed());
        assertTrue(c.protocolError().isPresent());
        c.receive(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertTrue(c.isClosed(), "input after the end is dropped");
    }

    @Test
    void closeDrainsOutstandingRequestsAndRefusesNewOnes() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.stat(Bytes.utf8("a")));
        c.close();
        assertEquals(SftpLifecycle.State.CLOSING, c.state());
        assertThrows(IllegalStateException.class, () -> c.send(SftpRequests.stat(Bytes.utf8("b"))));
        reply(c, attrs(a, 5));
        assertEquals(SftpLifecycle.State.CLOSED, c.state());
        assertTrue(c.pollCompletion().succeeded());
        assertTrue(c.protocolError().isEmpty());
        c.close();
        assertEquals(SftpLifecycle.State.CLOSED, c.state());
    }

    @Test
    void aChannelThatEndsFailsEachOutstandingRequestByName() {
        SftpClientSession c = ready(10);
        int a = c.send(SftpRequests.read(Bytes.utf8("h"), 0, 100));
        int b = c.send(SftpRequests.mkdir(Bytes.utf8("d"), SftpAttributes.EMPTY));
        c.channelEnded();
        assertTrue(c.isClosed());
        SftpFailure fa = c.pollCompletion().failure();
        SftpFailure fb = c.pollCompletion().failure();
        assertEquals(List.of(a, b), List.of(fa.requestId(), fb.requestId()));
        assertTrue(fa.describe().startsWith("SSH_FXP_READ #" + a), fa.describe());
        assertTrue(fb.describe().contains("SSH_FX_CONNECTION_LOST (client)"), fb.describe());
    }

    @Test
    void outputMayBeTakenInAnyPieces() {
        SftpClientSession c = ready(10);
        sent(c);
        c.send(SftpRequests.stat(Bytes.utf8("some/path")));
        long total = c.pendingOutput();
        ByteBuffer one = ByteBuffer.allocate(1);
        ByteBuffer all = ByteBuffer.allocate((int) total);
        while (c.pendingOutput() > 0) {
            one.clear();
            assertEquals(1, c.takeOutput(one));
            all.put(one.flip());
        }
        serverSide.receive(all.flip());
        assertInstanceOf(SftpPathRequest.Stat.class, serverSide.pollRequest());
    }
}
