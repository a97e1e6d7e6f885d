package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.algorithm.KexAlgorithms;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code SSH_MSG_KEXINIT} (RFC 4253 §7.1): each side's algorithm proposal, which starts a key
 * exchange. Both sides send one; the first (client's) name in each list that the other side also
 * lists is chosen (RFC 4253 §7.1). The payload as sent and as received, byte for byte, goes into
 * the exchange hash (I_C, I_S in RFC 4253 §8), so keep the raw payload alongside this record.
 *
 * <p>The name-lists are kept in the peer's order. Emptiness is not checked here: an empty list
 * where a choice is needed is a negotiation failure for the engine, not a format error.
 *
 * @param cookie 16 random bytes (RFC 4253 §7.1)
 * @param kexAlgorithms key exchange methods, plus signals such as {@code ext-info-c}
 * @param serverHostKeyAlgorithms host key algorithms
 * @param encryptionC2S ciphers, client to server
 * @param encryptionS2C ciphers, server to client
 * @param macC2S MACs, client to server
 * @param macS2C MACs, server to client
 * @param compressionC2S compression, client to server
 * @param compressionS2C compression, server to client
 * @param languagesC2S language tags, client to server; usually empty
 * @param languagesS2C language tags, server to client; usually empty
 * @param firstKexPacketFollows the sender already sent a guessed first KEX packet (RFC 4253 §7.1)
 * @param reserved uint32 reserved for future extension; sent as 0, kept as received
 */
public record KexInit(
        Bytes cookie,
        List<String> kexAlgorithms,
        List<String> serverHostKeyAlgorithms,
        List<String> encryptionC2S,
        List<String> encryptionS2C,
        List<String> macC2S,
        List<String> macS2C,
        List<String> compressionC2S,
        List<String> compressionS2C,
        List<String> languagesC2S,
        List<String> languagesS2C,
        boolean firstKexPacketFollows,
        long reserved) implements SshMessage {

    /** The length of the cookie field. */
    public static final int COOKIE_LENGTH = 16;

    /**
     * Checks the cookie length and the names, and copies the lists.
     *
     * @throws IllegalArgumentException for a cookie other than 16 bytes, a name that is empty,
     *     holds a comma or a non-printable char, or a reserved value outside uint32
     */
    public KexInit {
        Objects.requireNonNull(cookie, "cookie");
        if (cookie.length() != COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be 16 bytes, not " + cookie.length());
        }
        kexAlgorithms = FieldChecks.nameList(kexAlgorithms, "kexAlgorithms");
        serverHostKeyAlgorithms = FieldChecks.nameList(serverHostKeyAlgorithms, "serverHostKeyAlgorithms");
        encryptionC2S = FieldChecks.nameList(encryptionC2S, "encryptionC2S");
        encryptionS2C = FieldChecks.nameList(encryptionS2C, "encryptionS2C");
        macC2S = FieldChecks.nameList(macC2S, "macC2S");
        macS2C = FieldChecks.nameList(macS2C, "macS2C");
        compressionC2S = FieldChecks.nameList(compressionC2S, "compressionC2S");
        compressionS2C = FieldChecks.nameList(compressionS2C, "compressionS2C");
        languagesC2S = FieldChecks.nameList(languagesC2S, "languagesC2S");
        languagesS2C = FieldChecks.nameList(languagesS2C, "languagesS2C");
        FieldChecks.uint32(reserved, "reserved");
    }

    /**
     * A proposal with the same lists in both directions, no languages, no guessed packet and a
     * reserved field of 0: the usual shape of one's own KEXINIT.
     */
    public static KexInit symmetric(Bytes cookie, List<String> kex, List<String> hostKey, List<String> ciphers,
                                    List<String> macs, List<String> compression) {
        return new KexInit(cookie, kex, hostKey, ciphers, ciphers, macs, macs, compression, compression,
                List.of(), List.of(), false, 0);
    }

    /**
     * Whether the peer's {@code kex_algorithms} asks for {@code SSH_MSG_EXT_INFO} (RFC 8308 §2.1):
     * {@code ext-info-c} in a client's proposal, {@code ext-info-s} in a server's. Only meaningful in
     * the first KEXINIT of a connection.
     *
     * @param fromClient whether this KEXINIT was sent by the client
     */
    public boolean signalsExtInfo(boolean fromClient) {
        return kexAlgorithms.contains(fromClient ? KexAlgorithms.EXT_INFO_C : KexAlgorithms.EXT_INFO_S);
    }

    /**
     * Whether the sender offers strict key exchange (OpenSSH PROTOCOL §1.10): strict KEX is on when
     * both first KEXINITs carry their side's marker. Ignored in later KEXINITs.
     *
     * @param fromClient whether this KEXINIT was sent by the client
     */
    public boolean signalsStrictKex(boolean fromClient) {
        return kexAlgorithms.contains(fromClient ? KexAlgorithms.KEX_STRICT_C_V00 : KexAlgorithms.KEX_STRICT_S_V00);
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEXINIT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeRaw(cookie);
        w.writeNameList(kexAlgorithms).writeNameList(serverHostKeyAlgorithms);
        w.writeNameList(encryptionC2S).writeNameList(encryptionS2C);
        w.writeNameList(macC2S).writeNameList(macS2C);
        w.writeNameList(compressionC2S).writeNameList(compressionS2C);
        w.writeNameList(languagesC2S).writeNameList(languagesS2C);
        w.writeBoolean(firstKexPacketFollows).writeUint32(reserved);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexInit readBody(SshReader r) {
        return new KexInit(r.readFixed(COOKIE_LENGTH),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readNameList(), r.readNameList(),
                r.readBoolean(), r.readUint32());
    }
}
