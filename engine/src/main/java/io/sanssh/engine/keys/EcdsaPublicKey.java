package io.sanssh.engine.keys;

import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An {@code ecdsa-sha2-nistp256/384/521} public key, RFC 5656 §3.1: {@code string type, string
 * curve identifier, string Q} with Q an uncompressed point checked to be on the curve.
 *
 * <p>The raw signature (RFC 5656 §3.1.2) is {@code mpint r, mpint s}, over the curve's hash of
 * the data (SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521).
 */
final class EcdsaPublicKey extends PlainPublicKey {
    private final EcCurve curve;
    private final ECPoint q;
    private final ECPublicKeyParameters params;

    private EcdsaPublicKey(EcCurve curve, ECPoint q, byte[] encodedQ) {
        super(new SshWriter(32 + encodedQ.length).writeAscii(curve.keyType()).writeAscii(curve.identifier())
                .writeString(encodedQ).toBytes(), List.of(curve.algorithm()));
        this.curve = curve;
        this.q = q;
        this.params = new ECPublicKeyParameters(q, curve.domain());
    }

    /**
     * A key from its encoded point.
     *
     * @throws SshFormatException unless the point is an uncompressed point on the curve
     */
    static EcdsaPublicKey of(EcCurve curve, byte[] encodedQ) {
        ECPoint q = curve.decodePoint(encodedQ);
        return new EcdsaPublicKey(curve, q, encodedQ.clone());
    }

    /** The key of a point already known to be valid (derived from a private key). */
    static EcdsaPublicKey of(EcCurve curve, ECPoint q) {
        ECPoint n = q.normalize();
        return new EcdsaPublicKey(curve, n, curve.encodePoint(n));
    }

    EcCurve curve() {
        return curve;
    }

    ECPoint point() {
        return q;
    }

    @Override
    public String keyType() {
        return curve.keyType();
    }

    @Override
    boolean verifyRaw(SignatureAlgorithm alg, byte[] data, byte[] signature) {
        SshReader r = new SshReader(signature);
        BigInteger sigR = r.readMpint();
        BigInteger sigS = r.readMpint();
        r.expectEnd("ECDSA signature");
        if (sigR.signum() <= 0 || sigS.signum() <= 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, params);
        return verifier.verifySignature(digest(alg.digest()).digest(data), sigR, sigS);
    }

    /**
     * Signs with private scalar {@code d}, using an RFC 6979 deterministic nonce, and returns the
     * raw {@code mpint r, mpint s}.
     */
    byte[] signRaw(BigInteger d, byte[] data) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(curve.newDigest()));
        signer.init(true, new ECPrivateKeyParameters(d, curve.domain()));
        BigInteger[] rs = signer.generateSignature(digest(curve.algorithm().digest()).digest(data));
        return new SshWriter(2 * 72).writeMpint(rs[0]).writeMpint(rs[1]).toByteArray();
    }
}
