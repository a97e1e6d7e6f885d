package io.sanssh.engine.kex;

import io.sanssh.engine.Role;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.kex.method.ExchangeHash;
import io.sanssh.engine.kex.method.GroupExchange;
import io.sanssh.engine.kex.method.KexMethods;
import io.sanssh.engine.kex.method.KexShape;
import io.sanssh.engine.kex.method.KeyAgreement;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.algorithm.KexAlgorithms;
import io.sanssh.spec.kex.KexCodec;
import io.sanssh.spec.kex.KexDhGexGroup;
import io.sanssh.spec.kex.KexDhGexInit;
import io.sanssh.spec.kex.KexDhGexReply;
import io.sanssh.spec.kex.KexDhGexRequest;
import io.sanssh.spec.kex.KexDhInit;
import io.sanssh.spec.kex.KexDhReply;
import io.sanssh.spec.kex.KexEcdhInit;
import io.sanssh.spec.kex.KexEcdhReply;
import io.sanssh.spec.kex.KexFamily;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.transport.KexInit;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * One key exchange, from both KEXINITs to the exchange hash, for either role (RFC 4253 §7-8,
 * RFC 4419, RFC 5656 §4, RFC 8731 and the PQ hybrids, which use the ECDH message shapes).
 *
 * <p>The steps are a small table: what we expect next is {@link #step()}, and each handler checks
 * it. A message arriving in the wrong step is a protocol error. NEWKEYS is not handled here: the
 * transport sends and receives it once {@link #isComputed()} and, on the client, once the host key
 * is accepted.
 */
public final class KeyExchange {
    /** What this exchange waits for. */
    public enum Step {
        AWAIT_PEER_KEXINIT,
        CLIENT_AWAIT_GEX_GROUP,
        CLIENT_AWAIT_REPLY,
        SERVER_AWAIT_GEX_REQUEST,
        SERVER_AWAIT_INIT,
        COMPUTED
    }

    private final Role role;
    private final TransportConfig config;
    private final SecureRandom random;
    private final boolean first;
    private String clientVersion;
    private String serverVersion;
    private final KexInit ours;
    private final byte[] oursPayload;
    private final Consumer<SshMessage> send;

    private Step step = Step.AWAIT_PEER_KEXINIT;
    private KexInit theirs;
    private byte[] theirsPayload;
    private NegotiatedAlgorithms algorithms;
    private boolean strict;
    private boolean peerExtInfo;
    private KexShape shape;
    private String hashAlgorithm;
    private KeyAgreement agreement;
    private boolean ignoreNextKexPacket;
    private long gexMin;
    private long gexN;
    private long gexMax;
    private BigInteger gexP;
    private BigInteger gexG;

    private byte[] exchangeHash;
    private byte[] encodedK;
    private SshPublicKey hostKey;

    /**
     * Starts an exchange whose KEXINIT ({@code ours}) we have just queued.
     *
     * @param send where this exchange's KEX messages (30-49) go; the transport queues them
     */
    public KeyExchange(Role role, TransportConfig config, SecureRandom random, boolean first, String clientVersion,
                       String serverVersion, KexInit ours, Consumer<SshMessage> send) {
        this.role = role;
        this.config = config;
        this.random = random;
        this.first = first;
        this.clientVersion = clientVersion;
        this.serverVersion = serverVersion;
        this.ours = ours;
        this.oursPayload = ours.encode();
        this.send = send;
    }

    /**
     * Sets the identification lines (without CR LF) that enter the exchange hash. The first
     * exchange starts before the peer's line has arrived, so the transport calls this once it has.
     */
    public void setVersions(String clientVersion, String serverVersion) {
        this.clientVersion = clientVersion;
        this.serverVersion = serverVersion;
    }

    /** Our KEXINIT payload, exactly as sent (it enters the exchange hash). */
    public byte[] ourKexInitPayload() {
        return oursPayload;
    }

    /** What this exchange waits for next. */
    public Step step() {
        return step;
    }

    /** Whether K and H are known (server: REPLY sent; client: REPLY verified). */
    public boolean isComputed() {
        return step == Step.COMPUTED;
    }

    /** Whether this is the connection's first exchange. */
    public boolean isFirst() {
        return first;
    }

    /** The negotiated algorithms; {@code null} before the peer's KEXINIT. */
    public NegotiatedAlgorithms algorithms() {
        return algorithms;
    }

    /** Whether strict KEX is in force (decided in the first exchange, kept for the connection). */
    public boolean strict() {
        return strict;
    }

    /** Whether the peer signalled ext-info (ext-info-c from a client, ext-info-s from a server). */
    public boolean peerWantsExtInfo() {
        return peerExtInfo;
    }

    /** The exchange hash H; {@code null} until computed. */
    public byte[] exchangeHash() {
        return exchangeHash;
    }

    /** The shared secret K as it enters key derivation; {@code null} until computed. */
    public byte[] encodedSharedSecret() {
        return encodedK;
    }

    /** The JCA name of the method's hash. */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    /** Client role: the server's host key, known once the reply verified. */
    public SshPublicKey hostKey() {
        return hostKey;
    }

    /**
     * Handles the peer's KEXINIT: negotiates, decides strict KEX, and (client role) sends the first
     * method message.
     *
     * @param payload the KEXINIT payload as received (it enters the exchange hash)
     * @param strictAlready whether an earlier exchange of this connection agreed strict KEX
     * @param firstPacket whether the KEXINIT was the peer's first packet (strict KEX requires it)
     */
    public void onPeerKexInit(byte[] payload, KexInit msg, boolean strictAlready, boolean firstPacket) {
        if (step != Step.AWAIT_PEER_KEXINIT) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR, "second KEXINIT during a key exchange");
        }
        theirs = msg;
        theirsPayload = payload;
        KexInit client = role == Role.CLIENT ? ours : theirs;
        KexInit server = role == Role.CLIENT ? theirs : ours;
        algorithms = AlgorithmNegotiation.negotiate(client, server);
        if (first) {
            String marker = role == Role.CLIENT ? KexAlgorithms.KEX_STRICT_S_V00 : KexAlgorithms.KEX_STRICT_C_V00;
            strict = config.strictKex() && theirs.kexAlgorithms().contains(marker);
            if (strict && !firstPacket) {
                throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                        "strict KEX: KEXINIT was not the peer's first packet");
            }
            peerExtInfo = theirs.kexAlgorithms().contains(
                    role == Role.CLIENT ? KexAlgorithms.EXT_INFO_S : KexAlgorithms.EXT_INFO_C);
        } else {
            strict = strictAlready;
        }
        if (theirs.firstKexPacketFollows() && AlgorithmNegotiation.guessWasWrong(client, server)) {
            ignoreNextKexPacket = true;
        }
        shape = KexMethods.shape(algorithms.kex());
        hashAlgorithm = KexMethods.hashAlgorithm(algorithms.kex());
        if (role == Role.CLIENT) {
            if (shape == KexShape.GROUP_EXCHANGE) {
                gexMin = GroupExchange.MIN_BITS;
                gexN = GroupExchange.PREFERRED_BITS;
                gexMax = GroupExchange.MAX_BITS;
                send.accept(new KexDhGexRequest(gexMin, gexN, gexMax));
                step = Step.CLIENT_AWAIT_GEX_GROUP;
            } else {
                agreement = KexMethods.create(algorithms.kex(), true, random);
                sendClientInit();
                step = Step.CLIENT_AWAIT_REPLY;
            }
        } else {
            step = shape == KexShape.GROUP_EXCHANGE ? Step.SERVER_AWAIT_GEX_REQUEST : Step.SERVER_AWAIT_INIT;
        }
    }

    private void sendClientInit() {
        byte[] pub = agreement.ourPublic();
        switch (shape) {
            case ECDH -> send.accept(new KexEcdhInit(Bytes.wrap(pub)));
            case DH -> send.accept(new KexDhInit(new BigInteger(1, pub)));
            case GROUP_EXCHANGE -> send.accept(new KexDhGexInit(new BigInteger(1, pub)));
            default -> throw new IllegalStateException();
        }
    }

    /** Handles a method-specific message (30-49). */
    public void onKexMessage(byte[] payload) {
        if (step == Step.AWAIT_PEER_KEXINIT || step == Step.COMPUTED) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                    "key exchange message " + (payload[0] & 0xff) + " out of order");
        }
        if (ignoreNextKexPacket) {
            ignoreNextKexPacket = false;
            return;
        }
        KexFamily family = switch (shape) {
            case DH -> KexFamily.DH;
            case ECDH -> KexFamily.ECDH;
            case GROUP_EXCHANGE -> KexFamily.GROUP_EXCHANGE;
        };
        SshMessage m = KexCodec.decode(payload, family);
        switch (step) {
            case CLIENT_AWAIT_GEX_GROUP -> {
                KexDhGexGroup g = expect(m, KexDhGexGroup.class);
                GroupExchange.checkOffered(g.p(), g.g(), gexMin, gexMax);
                gexP = g.p();
                gexG = g.g();
                agreement = KexMethods.dh(gexP, gexG, true, random);
                sendClientInit();
                step = Step.CLIENT_AWAIT_REPLY;
            }
            case CLIENT_AWAIT_REPLY -> clientReply(m);
            case SERVER_AWAIT_GEX_REQUEST -> {
                KexDhGexRequest r = expect(m, KexDhGexRequest.class);
                GroupExchange.DhGroup g = GroupExchange.choose(r.min(), r.n(), r.max());
                gexMin = r.min();
                gexN = r.n();
                gexMax = r.max();
                gexP = g.p();
                gexG = g.g();
                send.accept(new KexDhGexGroup(gexP, gexG));
                step = Step.SERVER_AWAIT_INIT;
            }
            case SERVER_AWAIT_INIT -> serverInit(m);
            default -> throw new IllegalStateException("step " + step);
        }
    }

    private void clientReply(SshMessage m) {
        Bytes ks;
        byte[] serverPublic;
        Bytes signature;
        switch (shape) {
            case ECDH -> {
                KexEcdhReply r = expect(m, KexEcdhReply.class);
                ks = r.hostKey();
                serverPublic = r.serverPublic().toByteArray();
                signature = r.signature();
            }
            case DH -> {
                KexDhReply r = expect(m, KexDhReply.class);
                ks = r.hostKey();
                serverPublic = magnitude(r.f());
                signature = r.signature();
            }
            default -> {
                KexDhGexReply r = expect(m, KexDhGexReply.class);
                ks = r.hostKey();
                serverPublic = magnitude(r.f());
                signature = r.signature();
            }
        }
        SshPublicKey key = PublicKeys.parse(ks);
        if (!key.signatureAlgorithms().contains(algorithms.hostKey())) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "host key of type " + key.keyType() + " cannot sign " + algorithms.hostKey());
        }
        encodedK = agreement.agree(serverPublic);
        exchangeHash = hash(ks, agreement.ourPublic(), serverPublic);
        String sigName = signatureName(signature);
        if (!sigName.equals(plainSignatureAlgorithm(algorithms.hostKey()))) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "host key signature is " + sigName + ", negotiated " + algorithms.hostKey());
        }
        if (!key.verify(algorithms.hostKey(), exchangeHash, signature)) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "server's signature over the exchange hash does not verify");
        }
        hostKey = key;
        step = Step.COMPUTED;
    }

    private void serverInit(SshMessage m) {
        byte[] clientPublic = switch (shape) {
            case ECDH -> expect(m, KexEcdhInit.class).clientPublic().toByteArray();
            case DH -> magnitude(expect(m, KexDhInit.class).e());
            case GROUP_EXCHANGE -> magnitude(expect(m, KexDhGexInit.class).e());
        };
        agreement = shape == KexShape.GROUP_EXCHANGE
                ? KexMethods.dh(gexP, gexG, false, random)
                : KexMethods.create(algorithms.kex(), false, random);
        encodedK = agreement.agree(clientPublic);
        byte[] serverPublic = agreement.ourPublic();
        SshKeyPair hostKeyPair = KexProposal.hostKeyFor(config, algorithms.hostKey());
        if (hostKeyPair == null) {
            throw new IllegalStateException("negotiated a host key algorithm we have no key for");
        }
        Bytes ks = hostKeyPair.publicKey().blob();
        exchangeHash = hash(ks, clientPublic, serverPublic);
        Bytes signature = hostKeyPair.sign(algorithms.hostKey(), exchangeHash);
        switch (shape) {
            case ECDH -> send.accept(new KexEcdhReply(ks, Bytes.wrap(serverPublic), signature));
            case DH -> send.accept(new KexDhReply(ks, new BigInteger(1, serverPublic), signature));
            case GROUP_EXCHANGE -> send.accept(new KexDhGexReply(ks, new BigInteger(1, serverPublic), signature));
            default -> throw new IllegalStateException();
        }
        step = Step.COMPUTED;
    }

    private byte[] hash(Bytes ks, byte[] clientPublic, byte[] serverPublic) {
        byte[] c = encodePublic(clientPublic);
        byte[] s = encodePublic(serverPublic);
        byte[] ic = role == Role.CLIENT ? oursPayload : theirsPayload;
        byte[] is = role == Role.CLIENT ? theirsPayload : oursPayload;
        if (shape == KexShape.GROUP_EXCHANGE) {
            return ExchangeHash.computeGex(hashAlgorithm, clientVersion, serverVersion, ic, is, ks.toByteArray(),
                    gexMin, gexN, gexMax, gexP, gexG, c, s, encodedK);
        }
        return ExchangeHash.compute(hashAlgorithm, clientVersion, serverVersion, ic, is, ks.toByteArray(), c, s,
                encodedK);
    }

    private byte[] encodePublic(byte[] value) {
        SshWriter w = new SshWriter(value.length + 8);
        if (shape == KexShape.ECDH) {
            w.writeString(value);
        } else {
            w.writeMpint(new BigInteger(1, value));
        }
        return w.toByteArray();
    }

    private static byte[] magnitude(BigInteger v) {
        if (v.signum() <= 0) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED, "DH public value is not positive");
        }
        byte[] b = v.toByteArray();
        if (b[0] == 0 && b.length > 1) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    private static String signatureName(Bytes signatureBlob) {
        SshReader r = SshReader.of(signatureBlob);
        return r.readAscii();
    }

    /** The algorithm named inside a signature blob for a host key algorithm (certificates sign as their key). */
    public static String plainSignatureAlgorithm(String hostKeyAlgorithm) {
        String suffix = "-cert-v01@openssh.com";
        if (hostKeyAlgorithm.endsWith(suffix)) {
            return hostKeyAlgorithm.substring(0, hostKeyAlgorithm.length() - suffix.length());
        }
        return hostKeyAlgorithm;
    }

    private static <T> T expect(SshMessage m, Class<T> type) {
        if (!type.isInstance(m)) {
            throw new SshFormatException(DisconnectReason.PROTOCOL_ERROR,
                    "expected " + type.getSimpleName() + ", got " + m.getClass().getSimpleName());
        }
        return type.cast(m);
    }
}
