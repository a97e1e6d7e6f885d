package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;

/** An RSA key pair in CRT form; the JDK signs (RSASSA-PKCS1-v1_5, RFC 8332). */
final class RsaKeyPair implements OpenSshPrivateKey {
    private final RSAPrivateCrtKey privateKey;
    private final RsaPublicKey publicKey;

    private RsaKeyPair(RSAPrivateCrtKey privateKey, RsaPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key pair with modulus n = pq, public exponent e, private exponent d.
     *
     * @throws IllegalArgumentException if n is not p times q or the key is otherwise unusable
     */
    static RsaKeyPair of(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
        if (p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(n) || d.signum() <= 0) {
            throw new IllegalArgumentException("RSA private key is inconsistent: n is not p * q");
        }
        BigInteger dp = d.mod(p.subtract(BigInteger.ONE));
        BigInteger dq = d.mod(q.subtract(BigInteger.ONE));
        BigInteger qInv;
        try {
            qInv = q.modInverse(p);
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException("RSA private key is inconsistent: q has no inverse mod p");
        }
        RsaPublicKey pub = RsaPublicKey.of(e, n);
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qInv));
            return new RsaKeyPair(key, pub);
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("RSA private key rejected: " + ex.getMessage(), ex);
        }
    }

    /** The key pair of a JDK CRT private key. */
    static RsaKeyPair of(RSAPrivateCrtKey key) {
        return of(key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(),
                key.getPrimeQ());
    }

    @Override
    public SshPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Bytes sign(String signatureAlgorithm, byte[] data) {
        SignatureAlgorithm alg = publicKey.signingAlgorithm(signatureAlgorithm);
        return PlainPublicKey.signatureBlob(alg, publicKey.signRaw(privateKey, alg, data));
    }

    /** PROTOCOL.key: {@code mpint n, mpint e, mpint d, mpint iqmp, mpint p, mpint q}. */
    @Override
    public void writeOpenSshPrivate(SshWriter w) {
        w.writeAscii(PublicKeys.RSA).writeMpint(privateKey.getModulus()).writeMpint(privateKey.getPublicExponent())
                .writeMpint(privateKey.getPrivateExponent()).writeMpint(privateKey.getCrtCoefficient())
                .writeMpint(privateKey.getPrimeP()).writeMpint(privateKey.getPrimeQ());
    }

    @Override
    public String toString() {
        return "key pair " + publicKey;
    }
}
