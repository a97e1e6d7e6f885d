package io.sanssh.engine.transport;

import static io.sanssh.engine.transport.TransportHandshakeTest.handshake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.Role;
import io.sanssh.engine.event.DisconnectCause;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.testing.RecordingListener;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TestRandom;
import io.sanssh.engine.testing.TransportPair;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.transport.Disconnect;
import io.sanssh.spec.transport.TransportCodec;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every peer fault queues SSH_MSG_DISCONNECT with the right reason code, emits Disconnected with a
 * typed cause and leaves the engine closed but drainable.
 */
class TransportFaultTest {

    private static TransportConfig clientConfig() {
        return TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build();
    }

    private static TransportConfig serverConfig() {
        return TransportConfig.builder().hostKeys(TestKeys.all()).build();
    }

    /** Drains everything the engine queued. */
    private static byte[] drainOutput(Transport t) {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        t.transmit(b);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Parses the unencrypted packets after the identification line. */
    private static List<byte[]> plaintextPayloads(byte[] out) {
        int i = 0;
        while (!(out[i] == '\r' && out[i + 1] == '\n')) {
            i++;
        }
        i += 2;
        List<byte[]> payloads = new ArrayList<>();
        while (i + 5 <= out.length) {
            int len = ByteBuffer.wrap(out, i, 4).getInt();
            int pad = out[i + 4] & 0xff;
            payloads.add(Arrays.copyOfRange(out, i + 5, i + 4 + len - pad));
            i += 4 + len;
        }
        return payloads;
    }

    private static byte[] plaintextPacket(byte[] payload) {
        int pad = 8 - ((payload.length + 5) % 8);
        if (pad < 4) {
            pad += 8;
        }
        SshWriter w = new SshWriter();
        w.writeInt(payload.length + pad + 1).writeByte(pad).writeRaw(payload, 0, payload.length)
                .writeRaw(new byte[pad], 0, pad);
        return w.toByteArray();
    }

    private static Disconnect sentDisconnect(Transport t) {
        List<byte[]> ps = plaintextPayloads(drainOutput(t));
        byte[] last = ps.get(ps.size() - 1);
        assertEquals(MessageNumbers.DISCONNECT, last[0] & 0xff, "last packet sent is DISCONNECT");
        return (Disconnect) TransportCodec.decode(last);
    }

    private static Disconnected lastEvent(Transport t) {
        SshEvent e;
        SshEvent last = null;
        while ((e = t.pollEvent()) != null) {
            last = e;
        }
        return (Disconnected) last;
    }

    private static Transport rawServerFacing(byte[] input) {
        Transport t = new Transport(Role.CLIENT, clientConfig(), TestRandom.seeded(1), new RecordingListener(), 0);
        t.receive(ByteBuffer.wrap(input), 1);
        return t;
    }

    private static byte[] concat(byte[]... parts) {
        SshWriter w = new SshWriter();
        for (byte[] p : parts) {
            w.writeRaw(p, 0, p.length);
        }
        return w.toByteArray();
    }

    private static final byte[] SERVER_VERSION = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII);

    private static void assertFault(Transport t, DisconnectReason reason) {
        assertTrue(t.isClosed());
        Disconnected d = lastEvent(t);
        assertEquals(DisconnectCause.Origin.PEER_FAULT, d.cause().origin(), d.toString());
        assertEquals(reason, d.cause().reason(), d.toString());
        assertEquals(reason.code(), sentDisconnect(t).reasonCode());
        assertFalse(t.wantsRead());
        assertFalse(t.wantsWrite(), "drained");
    }

    @Test
    void aProtocolVersionOtherThan2GetsProtocolVersionNotSupported() {
        Transport t = rawServerFacing("SSH-1.5-OldServer\r\n".getBytes(StandardCharsets.US_ASCII));
        assertFault(t, DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    @Test
    void anOverlongVersionLineGetsProtocolError() {
        byte[] line = ("SSH-2.0-" + "x".repeat(300) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertFault(rawServerFacing(line), DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void bannerLinesBeforeTheVersionAreAcceptedByTheClientButNotTheServer() {
        Transport c = rawServerFacing(concat("Welcome\r\nto the server\n".getBytes(StandardCharsets.US_ASCII),
                SERVER_VERSION));
        assertFalse(c.isClosed());
        assertEquals(List.of("Welcome", "to the server"), c.peerBanner());
        Transport s = new Transport(Role.SERVER, serverConfig(), TestRandom.seeded(2), new RecordingListener(), 0);
        s.receive(ByteBuffer.wrap("Hello\r\n".getBytes(StandardCharsets.US_ASCII)), 1);
        assertFault(s, DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void aPacketLengthOutOfBoundsGetsProtocolError() {
        byte[] huge = new SshWriter().writeInt(0x7fffffff).writeByte(4).toByteArray();
        assertFault(rawServerFacing(concat(SERVER_VERSION, huge)), DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void paddingShorterThanFourBytesGetsProtocolError() {
        // length 12, padding 2: block-aligned but below the RFC 4253 §6 minimum of 4
        byte[] bad = new SshWriter().writeInt(12).writeByte(2).writeRaw(new byte[11], 0, 11).toByteArray();
        bad[5] = (byte) MessageNumbers.IGNORE;
        assertFault(rawServerFacing(concat(SERVER_VERSION, bad)), DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void aMessageUnexpectedForTheStateGetsProtocolError() {
        byte[] userauth = new SshWriter().writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8("u")
                .writeAscii("ssh-connection").writeAscii("none").toByteArray();
        assertFault(rawServerFacing(concat(SERVER_VERSION, plaintextPacket(userauth))), DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void aTamperedPacketAfterKeyExchangeGetsMacError() {
        TransportPair p = new TransportPair(clientConfig(), serverConfig(), 3);
        handshake(p);
        byte[] m = new byte[300];
        m[0] = (byte) 94;
        p.client.sendPayload(m, Origin.APPLICATION);
        ByteBuffer wire = ByteBuffer.allocate(4096);
        p.client.transmit(wire);
        wire.flip();
        wire.put(wire.limit() - 20, (byte) (wire.get(wire.limit() - 20) ^ 0x01));
        p.server.receive(wire, p.now());
        assertTrue(p.server.isClosed());
        Disconnected d = lastEvent(p.server);
        assertEquals(DisconnectReason.MAC_ERROR, d.cause().reason());
        assertEquals(DisconnectCause.Origin.PEER_FAULT, d.cause().origin());
        // the client decrypts the server's DISCONNECT and learns the code
        p.step();
        p.step();
        Disconnected atClient = (Disconnected) p.clientEvents.get(p.clientEvents.size() - 1);
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, atClient.cause().origin());
        assertEquals(DisconnectReason.MAC_ERROR.code(), atClient.cause().reasonCode());
    }

    @Test
    void aBadHostKeySignatureGetsKeyExchangeFailed() {
        SshKeyPair real = TestKeys.ed25519();
        SshKeyPair other = TestKeys.all().get(1);
        SshKeyPair liar = new SshKeyPair() {
            @Override
            public SshPublicKey publicKey() {
                return real.publicKey();
            }

            @Override
            public Bytes sign(String algorithm, byte[] data) {
                byte[] tampered = data.clone();
                tampered[0] ^= 1;
                return real.sign(algorithm, tampered);
            }
        };
        TransportPair p = new TransportPair(clientConfig(),
                TransportConfig.builder().hostKeys(List.of(liar, other)).build(), 4);
        p.pumpUntil(() -> p.client.isClosed() && p.server.isClosed(), 100, "both closed");
        Disconnected c = (Disconnected) p.clientEvents.get(p.clientEvents.size() - 1);
        assertEquals(DisconnectCause.Origin.PEER_FAULT, c.cause().origin());
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, c.cause().reason());
        Disconnected s = (Disconnected) p.serverEvents.get(p.serverEvents.size() - 1);
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED.code(), s.cause().reasonCode());
    }

    @Test
    void noCommonAlgorithmGetsKeyExchangeFailed() {
        TransportPair p = new TransportPair(
                TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).ciphers(List.of("aes256-ctr")).build(),
                TransportConfig.builder().hostKeys(TestKeys.all()).ciphers(List.of("aes128-gcm@openssh.com")).build(), 5);
        p.pumpUntil(() -> p.client.isClosed() && p.server.isClosed(), 100, "both closed");
        for (List<SshEvent> evs : List.of(p.clientEvents, p.serverEvents)) {
            Disconnected d = (Disconnected) evs.get(evs.size() - 1);
            assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED.code(), d.cause().reasonCode(), d.toString());
        }
    }

    @Test
    void aRejectedHostKeyGetsHostKeyNotVerifiable() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ASK).build(),
                serverConfig(), 6);
        p.pumpUntil(() -> p.client.awaitingHostKeyDecision(), 100, "host key decision");
        p.client.rejectHostKey();
        p.pumpUntil(() -> p.server.isClosed(), 100, "server closed");
        Disconnected s = (Disconnected) p.serverEvents.get(p.serverEvents.size() - 1);
        assertEquals(DisconnectCause.Origin.PEER_DISCONNECTED, s.cause().origin());
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE.code(), s.cause().reasonCode());
    }

    @Test
    void anAcceptedHostKeyLetsTheKeyExchangeFinish() {
        TransportPair p = new TransportPair(TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ASK).build(),
                serverConfig(), 7);
        p.pumpUntil(() -> p.client.awaitingHostKeyDecision(), 100, "host key decision");
        for (int i = 0; i < 5; i++) {
            p.step(); // the engine waits; nothing breaks meanwhile
        }
        assertFalse(p.client.isReady());
        p.client.acceptHostKey();
        handshake(p);
    }

    @Test
    void aSecondKexInitDuringAKeyExchangeGetsProtocolError() {
        TransportPair p = new TransportPair(clientConfig(), serverConfig(), 8);
        // capture the server's first KEXINIT and replay it
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        p.server.transmit(b);
        byte[] out = Arrays.copyOf(b.array(), b.position());
        byte[] kexinit = plaintextPayloads(out).get(0);
        Transport t = rawServerFacing(concat(SERVER_VERSION, plaintextPacket(kexinit), plaintextPacket(kexinit)));
        assertFault(t, DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void strictKexRejectsAnIgnoreBeforeTheFirstKexInit() {
        TransportPair p = new TransportPair(clientConfig(), serverConfig(), 9);
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        p.server.transmit(b);
        byte[] kexinit = plaintextPayloads(Arrays.copyOf(b.array(), b.position())).get(0);
        byte[] ignore = {(byte) MessageNumbers.IGNORE, 0, 0, 0, 0};
        Transport t = rawServerFacing(concat(SERVER_VERSION, plaintextPacket(ignore), plaintextPacket(kexinit)));
        assertFault(t, DisconnectReason.PROTOCOL_ERROR);
    }
}
