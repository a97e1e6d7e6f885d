package io.sanssh.engine.keys;

import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;

/**
 * An {@code ssh-rsa} public key, RFC 4253 §6.6: {@code string "ssh-rsa", mpint e, mpint n}.
 *
 * <p>It verifies {@code rsa-sha2-512} and {@code rsa-sha2-256} (RFC 8332) and, for peers that
 * know nothing newer, {@code ssh-rsa} with SHA-1. RSASSA-PKCS1-v1_5 runs on the JDK, which is fast
 * at it. Moduli under 1024 bits are refused, as OpenSSH refuses them; over 16384 too.
 */
final class RsaPublicKey extends PlainPublicKey {
    /** The smallest modulus accepted from a peer or a file (OpenSSH's limit). */
    static final int MIN_BITS = 1024;
    /** The largest modulus accepted (OpenSSH's limit). */
    static final int MAX_BITS = 16384;

    private static final List<SignatureAlgorithm> ALGORITHMS = List.of(
            SignatureAlgorithm.RSA_SHA2_512, SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.SSH_RSA);

    private final BigInteger e;
    private final BigInteger n;
    private final PublicKey jdkKey;

    private RsaPublicKey(BigInteger e, BigInteger n) {
        super(new SshWriter(n.bitLength() / 8 + 32).writeAscii(PublicKeys.RSA).writeMpint(e).writeMpint(n)
                .toBytes(), ALGORITHMS);
        this.e = e;
        this.n = n;
        try {
            this.jdkKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new SshFormatException("RSA public key rejected: " + ex.getMessage());
        }
    }

    /**
     * A key from its exponent and modulus.
     *
     * @throws SshFormatException for a modulus outside 1024..16384 bits, an even modulus, or an
     *     exponent that is not an odd number above 1
     */
    static RsaPublicKey of(BigInteger e, BigInteger n) {
        if (n.bitLength() < MIN_BITS || n.bitLength() > MAX_BITS) {
            throw new SshFormatException("RSA modulus of " + n.bitLength() + " bits is outside "
                    + MIN_BITS + ".." + MAX_BITS);
        }
        if (n.signum() <= 0 || !n.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || !e.testBit(0)
                || e.compareTo(n) >= 0) {
            throw new SshFormatException("RSA public key has an invalid modulus or exponent");
        }
        return new RsaPublicKey(e, n);
    }

    BigInteger exponent() {
        return e;
    }

    BigInteger modulus() {
        return n;
    }

    @Override
    public String keyType() {
        return PublicKeys.RSA;
    }

    @Override
    boolean verifyRaw(SignatureAlgorithm alg, byte[] data, byte[] signature) {
        int modBytes = (n.bitLength() + 7) / 8;
        if (signature.length > modBytes || signature.length == 0) {
            return false;
        }
        byte[] sig = signature;
        if (sig.length < modBytes) {
            // Some signers drop leading zero bytes; OpenSSH pads them back, and so do we.
            sig = new byte[modBytes];
            System.arraycopy(signature, 0, sig, modBytes - signature.length, signature.length);
        }
        try {
            Signature v = Signature.getInstance(jcaName(alg));
            v.initVerify(jdkKey);
            v.update(data);
            return v.verify(sig);
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    /** Signs with the JDK private key and returns the raw signature, as long as the modulus. */
    byte[] signRaw(PrivateKey privateKey, SignatureAlgorithm alg, byte[] data) {
        try {
            Signature s = Signature.getInstance(jcaName(alg));
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA signing failed", ex);
        }
    }

    private static String jcaName(SignatureAlgorithm alg) {
        switch (alg) {
            case RSA_SHA2_512:
                return "SHA512withRSA";
            case RSA_SHA2_256:
                return "SHA256withRSA";
            case SSH_RSA:
                return "SHA1withRSA";
            default:
                throw new IllegalArgumentException(alg + " is not an RSA algorithm");
        }
    }
}
