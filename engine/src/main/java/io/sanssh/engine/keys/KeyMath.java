package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KeyFileException.Reason;
import io.sanssh.spec.wire.SshFormatException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Builds key pairs from the numbers a key file stores, checking that they agree (the public key
 * derived from the private one equals the stored one), and turning every failure into a
 * {@link KeyFileException}. Shared by the openssh-key-v1 and PEM readers.
 */
final class KeyMath {
    private KeyMath() {
    }

    /** An Ed25519 pair from its seed; {@code storedPublic} (may be null) must match. */
    static Ed25519KeyPair ed25519(byte[] seed, byte[] storedPublic) {
        if (seed.length != Ed25519KeyPair.SEED_BYTES) {
            throw new KeyFileException(Reason.MALFORMED, "Ed25519 private key is not 32 bytes");
        }
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        Arrays.fill(seed, (byte) 0);
        if (storedPublic != null && !Arrays.equals(((Ed25519PublicKey) pair.publicKey()).encoded(), storedPublic)) {
            throw new KeyFileException(Reason.INCONSISTENT, "Ed25519 seed does not give the stored public key");
        }
        return pair;
    }

    /** An ECDSA pair from scalar {@code d}; {@code storedPoint} (may be null) must be dG. */
    static EcdsaKeyPair ecdsa(EcCurve curve, BigInteger d, byte[] storedPoint) {
        EcdsaKeyPair pair;
        try {
            pair = EcdsaKeyPair.of(curve, d);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(Reason.INCONSISTENT, e.getMessage());
        }
        if (storedPoint != null
                && !Arrays.equals(curve.encodePoint(((EcdsaPublicKey) pair.publicKey()).point()), storedPoint)) {
            throw new KeyFileException(Reason.INCONSISTENT, "ECDSA scalar does not give the stored public point");
        }
        return pair;
    }

    /** An RSA pair; {@code iqmp} (may be null) must be q^-1 mod p. */
    static RsaKeyPair rsa(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger iqmp) {
        RsaKeyPair pair;
        try {
            pair = RsaKeyPair.of(n, e, d, p, q);
        } catch (SshFormatException ex) {
            throw new KeyFileException(Reason.UNSUPPORTED, ex.getMessage());
        } catch (IllegalArgumentException ex) {
            throw new KeyFileException(Reason.INCONSISTENT, ex.getMessage());
        }
        if (iqmp != null && !iqmp.equals(q.modInverse(p))) {
            throw new KeyFileException(Reason.INCONSISTENT, "RSA iqmp is not q^-1 mod p");
        }
        return pair;
    }
}
