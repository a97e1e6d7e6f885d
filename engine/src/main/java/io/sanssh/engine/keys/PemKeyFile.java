package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KeyFileException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The DER private key formats OpenSSL and {@code ssh-keygen -m PKCS8 / -m PEM} write, unencrypted:
 * PKCS#8 {@code PrivateKeyInfo} (RFC 5208; RSA, EC on the three NIST curves, Ed25519 per RFC
 * 8410), PKCS#1 {@code RSAPrivateKey} (RFC 8017 §A.1.2) and SEC1 {@code ECPrivateKey} (RFC 5915).
 * Bouncy Castle's ASN.1 classes do the DER decoding; every failure becomes a
 * {@link KeyFileException}.
 */
final class PemKeyFile {
    static final String PKCS8_LABEL = "PRIVATE KEY";
    static final String ENCRYPTED_PKCS8_LABEL = "ENCRYPTED PRIVATE KEY";
    static final String RSA_LABEL = "RSA PRIVATE KEY";
    static final String EC_LABEL = "EC PRIVATE KEY";
    /** id-Ed25519, RFC 8410 §3. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private PemKeyFile() {
    }

    /** Reads a PKCS#8 {@code PrivateKeyInfo}. */
    static OpenSshPrivateKey readPkcs8(byte[] der) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return rsa(RSAPrivateKey.getInstance(info.parsePrivateKey()));
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                return ec(ECPrivateKey.getInstance(info.parsePrivateKey()),
                        info.getPrivateKeyAlgorithm().getParameters());
            }
            if (algorithm.equals(ID_ED25519)) {
                byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                ASN1BitString pub = info.getPublicKeyData();
                return KeyMath.ed25519(seed, pub == null ? null : pub.getOctets());
            }
            throw new KeyFileException(Reason.UNSUPPORTED, "PKCS#8 key algorithm " + algorithm + " is not supported");
        } catch (IOException | RuntimeException e) {
            throw asKeyFileException(e, "PKCS#8");
        }
    }

    /** Reads a traditional PKCS#1 {@code RSAPrivateKey}. */
    static OpenSshPrivateKey readRsa(byte[] der) {
        try {
            return rsa(RSAPrivateKey.getInstance(der));
        } catch (RuntimeException e) {
            throw asKeyFileException(e, "RSA PRIVATE KEY");
        }
    }

    /** Reads a traditional SEC1 {@code ECPrivateKey}, which names its curve itself. */
    static OpenSshPrivateKey readEc(byte[] der) {
        try {
            ECPrivateKey key = ECPrivateKey.getInstance(der);
            return ec(key, key.getParametersObject());
        } catch (RuntimeException e) {
            throw asKeyFileException(e, "EC PRIVATE KEY");
        }
    }

    private static OpenSshPrivateKey rsa(RSAPrivateKey k) {
        return KeyMath.rsa(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(),
                k.getPrime2(), k.getCoefficient());
    }

    private static OpenSshPrivateKey ec(ECPrivateKey key, ASN1Encodable parameters) {
        if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
            throw new KeyFileException(Reason.UNSUPPORTED, "EC key without a named curve is not supported");
        }
        EcCurve curve = EcCurve.fromOid(oid);
        if (curve == null) {
            throw new KeyFileException(Reason.UNSUPPORTED, "EC curve " + oid + " is not supported");
        }
        BigInteger d = key.getKey();
        ASN1BitString pub = key.getPublicKey();
        return KeyMath.ecdsa(curve, d, pub == null ? null : pub.getOctets());
    }

    private static KeyFileException asKeyFileException(Exception e, String what) {
        if (e instanceof KeyFileException k) {
            return k;
        }
        // Bouncy Castle's ASN.1 layer reports bad DER with assorted unchecked exceptions.
        return new KeyFileException(Reason.MALFORMED, "malformed " + what + " key: " + e.getMessage());
    }
}
