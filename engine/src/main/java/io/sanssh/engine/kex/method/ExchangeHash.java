package io.sanssh.engine.kex.method;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The exchange hash H (RFC 4253 §8, RFC 5656 §4, RFC 4419 §3, RFC 8731 §3, and the hybrids,
 * which reuse RFC 5656's layout). The first H of a connection is also its session identifier
 * (RFC 4253 §7.2).
 *
 * <p>The inputs are fed to the digest field by field; nothing is buffered. Values that the
 * message carries already SSH-encoded (the public values and K) are passed encoded, so the same
 * bytes reach the hash that reached the wire; {@link #encodePublic} makes them from
 * {@link KeyAgreement#ourPublic()}.
 */
public final class ExchangeHash {
    private ExchangeHash() {
    }

    /**
     * H for every method but group exchange:
     * {@code HASH(string V_C || string V_S || string I_C || string I_S || string K_S || Q_C || Q_S || K)}.
     *
     * @param hashAlgorithm JCA digest name, from {@link KexMethods#hashAlgorithm}
     * @param clientVersion the client's identification string without CR LF (RFC 4253 §4.2)
     * @param serverVersion the server's identification string without CR LF
     * @param clientKexInit the client's whole KEXINIT payload, starting with byte 20
     * @param serverKexInit the server's whole KEXINIT payload, starting with byte 20
     * @param hostKeyBlob K_S, the server's public host key blob
     * @param clientPublicEncoded {@code mpint e} or {@code string Q_C}, with its length prefix
     * @param serverPublicEncoded {@code mpint f} or {@code string Q_S}, with its length prefix
     * @param encodedK K as returned by {@link KeyAgreement#agree}
     * @return H, the digest's full output
     */
    public static byte[] compute(String hashAlgorithm, String clientVersion, String serverVersion,
            byte[] clientKexInit, byte[] serverKexInit, byte[] hostKeyBlob,
            byte[] clientPublicEncoded, byte[] serverPublicEncoded, byte[] encodedK) {
        MessageDigest md = start(hashAlgorithm, clientVersion, serverVersion, clientKexInit,
                serverKexInit, hostKeyBlob);
        md.update(clientPublicEncoded);
        md.update(serverPublicEncoded);
        md.update(encodedK);
        return md.digest();
    }

    /**
     * H for group exchange (RFC 4419 §3): as {@link #compute}, with
     * {@code uint32 min || uint32 n || uint32 max || mpint p || mpint g} after K_S.
     *
     * @param min the client's minimum, a uint32
     * @param n the client's preferred size, a uint32
     * @param max the client's maximum, a uint32
     * @param p the group's modulus
     * @param g the group's generator
     */
    public static byte[] computeGex(String hashAlgorithm, String clientVersion,
            String serverVersion, byte[] clientKexInit, byte[] serverKexInit, byte[] hostKeyBlob,
            long min, long n, long max, BigInteger p, BigInteger g,
            byte[] clientPublicEncoded, byte[] serverPublicEncoded, byte[] encodedK) {
        MessageDigest md = start(hashAlgorithm, clientVersion, serverVersion, clientKexInit,
                serverKexInit, hostKeyBlob);
        md.update(uint32(min));
        md.update(uint32(n));
        md.update(uint32(max));
        return finishGex(md, p, g, clientPublicEncoded, serverPublicEncoded, encodedK);
    }

    /**
     * H for group exchange started with the old request {@code SSH_MSG_KEX_DH_GEX_REQUEST_OLD}
     * (30), which carries only n: min and max are left out of the hash (RFC 4419 §3, §5).
     */
    public static byte[] computeGexOld(String hashAlgorithm, String clientVersion,
            String serverVersion, byte[] clientKexInit, byte[] serverKexInit, byte[] hostKeyBlob,
            long n, BigInteger p, BigInteger g,
            byte[] clientPublicEncoded, byte[] serverPublicEncoded, byte[] encodedK) {
        MessageDigest md = start(hashAlgorithm, clientVersion, serverVersion, clientKexInit,
                serverKexInit, hostKeyBlob);
        md.update(uint32(n));
        return finishGex(md, p, g, clientPublicEncoded, serverPublicEncoded, encodedK);
    }

    /**
     * A public value as it appears in its message, for the exchange hash: {@code mpint} for the
     * DH shapes (from the unsigned magnitude), {@code string} for {@link KexShape#ECDH}.
     *
     * @param raw {@link KeyAgreement#ourPublic()}, or the peer's value in the same form
     */
    public static byte[] encodePublic(KexShape shape, byte[] raw) {
        return shape == KexShape.ECDH ? Encoding.string(raw) : Encoding.mpint(raw);
    }

    /** An SSH {@code mpint} with its length prefix, for a non-negative value (RFC 4251 §5). */
    public static byte[] encodeMpint(BigInteger value) {
        return Encoding.mpint(value);
    }

    private static MessageDigest start(String hashAlgorithm, String clientVersion,
            String serverVersion, byte[] clientKexInit, byte[] serverKexInit, byte[] hostKeyBlob) {
        MessageDigest md = Encoding.digest(hashAlgorithm);
        string(md, clientVersion.getBytes(StandardCharsets.UTF_8));
        string(md, serverVersion.getBytes(StandardCharsets.UTF_8));
        string(md, clientKexInit);
        string(md, serverKexInit);
        string(md, hostKeyBlob);
        return md;
    }

    private static byte[] finishGex(MessageDigest md, BigInteger p, BigInteger g,
            byte[] clientPublicEncoded, byte[] serverPublicEncoded, byte[] encodedK) {
        md.update(Encoding.mpint(p));
        md.update(Encoding.mpint(g));
        md.update(clientPublicEncoded);
        md.update(serverPublicEncoded);
        md.update(encodedK);
        return md.digest();
    }

    private static void string(MessageDigest md, byte[] content) {
        md.update(uint32(content.length));
        md.update(content);
    }

    private static byte[] uint32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("uint32 out of range: " + v);
        }
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
