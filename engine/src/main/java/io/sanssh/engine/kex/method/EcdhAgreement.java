package io.sanssh.engine.kex.method;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;

/**
 * {@code ecdh-sha2-nistp256}, {@code -nistp384} and {@code -nistp521} (RFC 5656 §4, §6.3): ECDH
 * over the NIST prime curves with the JDK's provider.
 *
 * <p>Public values are uncompressed SEC1 points {@code 04 || X || Y} with fixed-length
 * coordinates (RFC 5656 §3.1). The peer's point is validated here before the JDK sees it
 * (RFC 5656 §4: "MUST verify that Q_C/Q_S is a valid point"): right length and prefix,
 * coordinates below p, and on the curve. The curves have cofactor 1, so a point on the curve that
 * is not the identity (which the uncompressed form cannot express) has the full prime order. K is
 * the X coordinate of the shared point as an {@code mpint} (RFC 5656 §4).
 */
final class EcdhAgreement implements KeyAgreement {
    /** The three curves of RFC 5656 §10.1 that every implementation supports. */
    enum Curve {
        P256("secp256r1", 32),
        P384("secp384r1", 48),
        P521("secp521r1", 66);

        private final String jdkName;
        private final int fieldLength;
        private final ECParameterSpec params;

        Curve(String jdkName, int fieldLength) {
            this.jdkName = jdkName;
            this.fieldLength = fieldLength;
            try {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
                ap.init(new ECGenParameterSpec(jdkName));
                this.params = ap.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks curve " + jdkName, e);
            }
        }

        /** Length in bytes of an encoded point {@code 04 || X || Y}. */
        int pointLength() {
            return 1 + 2 * fieldLength;
        }

        /** The curve's domain parameters. */
        ECParameterSpec params() {
            return params;
        }
    }

    private final Curve curve;
    private final PrivateKey privateKey;
    private final byte[] publicPoint;
    private boolean used;

    /** A fresh key pair on {@code curve} from {@code random}. */
    EcdhAgreement(Curve curve, SecureRandom random) {
        this.curve = curve;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec(curve.jdkName), random);
            KeyPair pair = gen.generateKeyPair();
            this.privateKey = pair.getPrivate();
            this.publicPoint = encode(curve, ((ECPublicKey) pair.getPublic()).getW());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation failed on " + curve, e);
        }
    }

    /**
     * A key pair from a given private scalar and its public point; for known-answer tests (the
     * JDK offers no way to multiply the generator on its own).
     */
    EcdhAgreement(Curve curve, BigInteger privateScalar, ECPoint publicPoint) {
        this.curve = curve;
        try {
            this.privateKey = KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(privateScalar, curve.params));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad private scalar", e);
        }
        this.publicPoint = encode(curve, publicPoint);
    }

    /** {@code 04 || X || Y}, each coordinate padded to the field length. */
    static byte[] encode(Curve curve, ECPoint w) {
        int n = curve.fieldLength;
        byte[] out = new byte[curve.pointLength()];
        out[0] = 0x04;
        System.arraycopy(Encoding.fixedLength(w.getAffineX(), n), 0, out, 1, n);
        System.arraycopy(Encoding.fixedLength(w.getAffineY(), n), 0, out, 1 + n, n);
        return out;
    }

    /**
     * Decodes and validates a peer point (SEC1 §3.2.2.1 partial validation, enough for a
     * cofactor-1 curve).
     *
     * @throws io.sanssh.spec.wire.SshFormatException KEY_EXCHANGE_FAILED for anything else
     */
    static ECPoint decode(Curve curve, byte[] encoded) {
        if (encoded.length != curve.pointLength()) {
            throw Encoding.failed("ECDH point is " + encoded.length + " bytes, not "
                    + curve.pointLength() + " for " + curve);
        }
        if (encoded[0] != 0x04) {
            throw Encoding.failed("ECDH point is not in uncompressed form");
        }
        int n = curve.fieldLength;
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + n));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + n, 1 + 2 * n));
        EllipticCurve ec = curve.params.getCurve();
        BigInteger p = ((ECFieldFp) ec.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw Encoding.failed("ECDH point coordinate is not below the field prime");
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(ec.getA()).multiply(x).add(ec.getB()).mod(p);
        if (!lhs.equals(rhs)) {
            throw Encoding.failed("ECDH point is not on " + curve);
        }
        return new ECPoint(x, y);
    }

    @Override
    public byte[] ourPublic() {
        return publicPoint.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublic) {
        if (used) {
            throw new IllegalStateException("key agreement already used");
        }
        used = true;
        ECPoint w = decode(curve, peerPublic);
        byte[] x;
        try {
            PublicKey peer = KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(w, curve.params));
            javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(peer, true);
            x = ka.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            // Unreachable for a point that passed decode(); kept typed so nothing else escapes.
            throw Encoding.failed("ECDH agreement failed on " + curve + ": " + e.getMessage());
        }
        byte[] k = Encoding.mpint(x);
        Arrays.fill(x, (byte) 0);
        return k;
    }
}
