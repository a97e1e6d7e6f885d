package io.sanssh.engine.kex.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A throwaway SSH transport for interop tests: version exchange and unencrypted binary packets
 * (RFC 4253 §4.2, §6), enough to run one key exchange up to NEWKEYS against a real peer. Before
 * the first NEWKEYS nothing is encrypted or MACed, so a peer that answers our NEWKEYS with its
 * own has verified the host key signature over H, which it could only do if both sides computed
 * the same K and H. Test scope only; the engine's transport is elsewhere.
 */
final class PlainKex {
    static final String OUR_VERSION = "SSH-2.0-SansshKexTest_0.1";

    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random;
    private boolean corruptSignedHash;

    PlainKex(InputStream in, OutputStream out, SecureRandom random) {
        this.in = new DataInputStream(in);
        this.out = out;
        this.random = random;
    }

    /**
     * As a server, sign H with one bit flipped: a negative control showing that the peer really
     * checks the signature, so that its NEWKEYS means agreement.
     */
    PlainKex corruptSignedHash() {
        corruptSignedHash = true;
        return this;
    }

    private byte[] signed(TestHostKey key, byte[] h) {
        byte[] m = h.clone();
        if (corruptSignedHash) {
            m[0] ^= 1;
        }
        return key.sign(m);
    }

    /**
     * The type of the peer's next message, or -1 if it closed the connection instead.
     */
    private int nextTypeOrClosed() throws IOException {
        try {
            return receive()[0] & 0xff;
        } catch (EOFException | SocketException e) {
            return -1;
        }
    }

    /**
     * What one side saw of a finished exchange; {@code peerAfterNewKeys} is the type of the
     * peer's next message (21 when it accepted the exchange), or -1 if it closed instead.
     */
    record Result(String method, byte[] h, byte[] k, int peerAfterNewKeys) {
    }

    /** Sends our version line and returns the peer's, without CR LF (RFC 4253 §4.2). */
    String exchangeVersions() throws IOException {
        out.write((OUR_VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException("peer closed before its version line");
                }
                line.write(c);
            }
            String s = line.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.startsWith("SSH-")) {
                return s;
            }
        }
    }

    void send(byte[] payload) throws IOException {
        int padding = 8 - (5 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        SshWriter w = new SshWriter();
        w.writeInt(1 + payload.length + padding).writeByte(padding)
                .writeRaw(payload, 0, payload.length).writeRaw(new byte[padding], 0, padding);
        out.write(w.toByteArray());
        out.flush();
    }

    /** The next payload, skipping IGNORE and DEBUG. */
    byte[] receive() throws IOException {
        while (true) {
            int len = in.readInt();
            if (len < 5 || len > 256 * 1024) {
                throw new IOException("bad packet length " + len);
            }
            byte[] packet = new byte[len];
            in.readFully(packet);
            int padding = packet[0] & 0xff;
            byte[] payload = Arrays.copyOfRange(packet, 1, len - padding);
            if (payload[0] != 2 && payload[0] != 4) {
                return payload;
            }
        }
    }

    private byte[] expect(int type) throws IOException {
        byte[] p = receive();
        assertEquals(type, p[0] & 0xff, "message type");
        return p;
    }

    private byte[] kexInit(String method, String hostKeyAlgorithm) {
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        SshWriter w = new SshWriter().writeByte(20).writeRaw(cookie, 0, 16)
                .writeNameList(List.of(method))
                .writeNameList(List.of(hostKeyAlgorithm));
        for (int i = 0; i < 2; i++) {
            w.writeNameList(List.of("aes128-ctr"));
        }
        for (int i = 0; i < 2; i++) {
            w.writeNameList(List.of("hmac-sha2-256"));
        }
        for (int i = 0; i < 2; i++) {
            w.writeNameList(List.of("none"));
        }
        return w.writeNameList(List.of()).writeNameList(List.of()).writeBoolean(false).writeInt(0)
                .toByteArray();
    }

    /** Runs the server side of one exchange with {@code method} and host key {@code key}. */
    Result serve(String method, TestHostKey key) throws IOException {
        String vc = exchangeVersions();
        String vs = OUR_VERSION;
        byte[] is = kexInit(method, key.algorithm());
        send(is);
        byte[] ic = expect(20);
        KexShape shape = KexMethods.shape(method);
        String hash = KexMethods.hashAlgorithm(method);
        byte[] h;
        byte[] k;
        if (shape == KexShape.GROUP_EXCHANGE) {
            SshReader req = new SshReader(expect(34));
            req.readByte();
            long min = req.readUint32();
            long n = req.readUint32();
            long max = req.readUint32();
            GroupExchange.DhGroup g = GroupExchange.choose(min, n, max);
            send(new SshWriter().writeByte(31).writeMpint(g.p()).writeMpint(g.g()).toByteArray());
            SshReader init = new SshReader(expect(32));
            init.readByte();
            BigInteger e = init.readMpint();
            KeyAgreement a = KexMethods.dh(g.p(), g.g(), false, random);
            k = a.agreeMpint(e);
            BigInteger f = new BigInteger(1, a.ourPublic());
            h = ExchangeHash.computeGex(hash, vc, vs, ic, is, key.blob(), min, n, max, g.p(), g.g(),
                    ExchangeHash.encodeMpint(e), ExchangeHash.encodeMpint(f), k);
            send(new SshWriter().writeByte(33).writeString(key.blob()).writeMpint(f)
                    .writeString(signed(key, h)).toByteArray());
        } else {
            SshReader init = new SshReader(expect(30));
            init.readByte();
            KeyAgreement a = KexMethods.create(method, false, random);
            byte[] clientEncoded;
            if (shape == KexShape.DH) {
                BigInteger e = init.readMpint();
                k = a.agreeMpint(e);
                clientEncoded = ExchangeHash.encodeMpint(e);
            } else {
                byte[] qc = init.readStringBytes();
                k = a.agree(qc);
                clientEncoded = ExchangeHash.encodePublic(shape, qc);
            }
            byte[] serverEncoded = ExchangeHash.encodePublic(shape, a.ourPublic());
            h = ExchangeHash.compute(hash, vc, vs, ic, is, key.blob(), clientEncoded,
                    serverEncoded, k);
            SshWriter reply = new SshWriter().writeByte(31).writeString(key.blob());
            reply.writeRaw(serverEncoded, 0, serverEncoded.length);
            send(reply.writeString(signed(key, h)).toByteArray());
        }
        send(new byte[] {21});
        return new Result(method, h, k, nextTypeOrClosed());
    }

    /**
     * Runs the client side of one exchange with {@code method}, checking the server's signature
     * over our H with the host key it sent.
     */
    Result connect(String method, String hostKeyAlgorithm)
            throws IOException, GeneralSecurityException {
        String vs = exchangeVersions();
        String vc = OUR_VERSION;
        byte[] ic = kexInit(method, hostKeyAlgorithm);
        send(ic);
        byte[] is = expect(20);
        KexShape shape = KexMethods.shape(method);
        String hash = KexMethods.hashAlgorithm(method);
        byte[] hostKey;
        byte[] signature;
        byte[] h;
        byte[] k;
        if (shape == KexShape.GROUP_EXCHANGE) {
            long min = GroupExchange.MIN_BITS;
            long n = GroupExchange.PREFERRED_BITS;
            long max = GroupExchange.MAX_BITS;
            send(new SshWriter().writeByte(34).writeUint32(min).writeUint32(n).writeUint32(max)
                    .toByteArray());
            SshReader group = new SshReader(expect(31));
            group.readByte();
            BigInteger p = group.readMpint();
            BigInteger g = group.readMpint();
            GroupExchange.checkOffered(p, g, min, max);
            KeyAgreement a = KexMethods.dh(p, g, true, random);
            BigInteger e = new BigInteger(1, a.ourPublic());
            send(new SshWriter().writeByte(32).writeMpint(e).toByteArray());
            SshReader reply = new SshReader(expect(33));
            reply.readByte();
            hostKey = reply.readStringBytes();
            BigInteger f = reply.readMpint();
            signature = reply.readStringBytes();
            k = a.agreeMpint(f);
            h = ExchangeHash.computeGex(hash, vc, vs, ic, is, hostKey, min, n, max, p, g,
                    ExchangeHash.encodeMpint(e), ExchangeHash.encodeMpint(f), k);
        } else {
            KeyAgreement a = KexMethods.create(method, true, random);
            byte[] clientEncoded = ExchangeHash.encodePublic(shape, a.ourPublic());
            SshWriter init = new SshWriter().writeByte(30);
            send(init.writeRaw(clientEncoded, 0, clientEncoded.length).toByteArray());
            SshReader reply = new SshReader(expect(31));
            reply.readByte();
            hostKey = reply.readStringBytes();
            byte[] serverEncoded;
            if (shape == KexShape.DH) {
                BigInteger f = reply.readMpint();
                k = a.agreeMpint(f);
                serverEncoded = ExchangeHash.encodeMpint(f);
            } else {
                byte[] qs = reply.readStringBytes();
                k = a.agree(qs);
                serverEncoded = ExchangeHash.encodePublic(shape, qs);
            }
            signature = reply.readStringBytes();
            h = ExchangeHash.compute(hash, vc, vs, ic, is, hostKey, clientEncoded, serverEncoded,
                    k);
        }
        assertTrue(TestHostKey.verify(hostKey, signature, h),
                method + ": the server's signature does not verify over our exchange hash");
        send(new byte[] {21});
        return new Result(method, h, k, receive()[0] & 0xff);
    }
}
