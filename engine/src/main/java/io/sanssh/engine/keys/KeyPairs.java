package io.sanssh.engine.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Generates key pairs. All randomness comes from the {@link SecureRandom} passed in, so a seeded
 * generator in a simulation gives the same keys every run.
 */
public final class KeyPairs {
    /** The RSA modulus size used when the caller passes 0 bits. */
    public static final int DEFAULT_RSA_BITS = 3072;
    /** The smallest RSA modulus this class generates. */
    public static final int MIN_RSA_BITS = 2048;

    private KeyPairs() {
    }

    /**
     * Generates a key of type {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256},
     * {@code ecdsa-sha2-nistp384}, {@code ecdsa-sha2-nistp521} or {@code ssh-rsa}.
     *
     * @param bits 0 for the type's default; for RSA at least 2048 (default 3072, at most 16384);
     *     for Ed25519 and ECDSA 0 or the curve size (256, 384, 521)
     * @throws IllegalArgumentException for an unknown type or a size the type does not have
     */
    public static SshKeyPair generate(String keyType, int bits, SecureRandom random) {
        if (PublicKeys.ED25519.equals(keyType)) {
            requireBits(keyType, bits, 256);
            byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
            Ed25519.generatePrivateKey(random, seed);
            return Ed25519KeyPair.fromSeed(seed);
        }
        EcCurve curve = EcCurve.fromKeyType(keyType);
        if (curve != null) {
            requireBits(keyType, bits, curve.bits());
            return EcdsaKeyPair.of(curve, randomScalar(curve.domain().getN(), random));
        }
        if (PublicKeys.RSA.equals(keyType)) {
            int size = bits == 0 ? DEFAULT_RSA_BITS : bits;
            if (size < MIN_RSA_BITS || size > RsaPublicKey.MAX_BITS) {
                throw new IllegalArgumentException("RSA keys must have " + MIN_RSA_BITS + ".."
                        + RsaPublicKey.MAX_BITS + " bits, not " + size);
            }
            return generateRsa(size, random);
        }
        throw new IllegalArgumentException("cannot generate keys of type " + keyType);
    }

    /**
     * The key pair {@code pair} presented with {@code certificate}: its public key is the
     * certificate, and it signs under the certificate's algorithm names (e.g.
     * {@code rsa-sha2-256-cert-v01@openssh.com}). For a server with a host certificate, or a
     * user authenticating with a user certificate.
     *
     * @throws IllegalArgumentException if the certificate certifies another key
     */
    public static SshKeyPair withCertificate(SshKeyPair pair, OpenSshCertificate certificate) {
        return new CertifiedKeyPair(pair, certificate);
    }

    private static void requireBits(String keyType, int bits, int only) {
        if (bits != 0 && bits != only) {
            throw new IllegalArgumentException(keyType + " keys have " + only + " bits, not " + bits);
        }
    }

    /** A uniform scalar in 1..n-1 by rejection sampling (FIPS 186-5 A.2.2). */
    private static BigInteger randomScalar(BigInteger n, SecureRandom random) {
        while (true) {
            BigInteger d = new BigInteger(n.bitLength(), random);
            if (d.signum() > 0 && d.compareTo(n) < 0) {
                return d;
            }
        }
    }

    private static SshKeyPair generateRsa(int bits, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            return RsaKeyPair.of((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }
}
