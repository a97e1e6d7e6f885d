package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An ECDSA key pair on a NIST curve (RFC 5656): the private scalar d and the point Q = dG.
 * Signing uses RFC 6979 deterministic nonces.
 */
final class EcdsaKeyPair implements OpenSshPrivateKey {
    private final BigInteger d;
    private final EcdsaPublicKey publicKey;

    private EcdsaKeyPair(BigInteger d, EcdsaPublicKey publicKey) {
        this.d = d;
        this.publicKey = publicKey;
    }

    /** The key pair of scalar {@code d}, which must be in 1..n-1. */
    static EcdsaKeyPair of(EcCurve curve, BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(curve.domain().getN()) >= 0) {
            throw new IllegalArgumentException("ECDSA private scalar out of range");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(curve.domain().getG(), d);
        return new EcdsaKeyPair(d, EcdsaPublicKey.of(curve, q));
    }

    @Override
    public SshPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Bytes sign(String signatureAlgorithm, byte[] data) {
        SignatureAlgorithm alg = publicKey.signingAlgorithm(signatureAlgorithm);
        return PlainPublicKey.signatureBlob(alg, publicKey.signRaw(d, data));
    }

    /** PROTOCOL.key: {@code string curve, string Q, mpint d}. */
    @Override
    public void writeOpenSshPrivate(SshWriter w) {
        EcCurve curve = publicKey.curve();
        w.writeAscii(curve.keyType()).writeAscii(curve.identifier())
                .writeString(curve.encodePoint(publicKey.point())).writeMpint(d);
    }

    @Override
    public String toString() {
        return "key pair " + publicKey;
    }
}
