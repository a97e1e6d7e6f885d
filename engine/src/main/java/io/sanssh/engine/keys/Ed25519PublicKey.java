package io.sanssh.engine.keys;

import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An {@code ssh-ed25519} public key, RFC 8709 §4: {@code string "ssh-ed25519", string key} with
 * the 32-byte RFC 8032 encoding.
 *
 * <p>Verification uses Bouncy Castle's low-level Ed25519, about 8x faster than the JDK's here. The
 * point is decoded once, when the key is made, so a key that is not a curve point is rejected at
 * parse time and each verify skips the decompression.
 */
final class Ed25519PublicKey extends PlainPublicKey {
    static final int KEY_BYTES = Ed25519.PUBLIC_KEY_SIZE;

    private final byte[] encoded;
    private final Ed25519.PublicPoint point;

    private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
        super(new SshWriter(51).writeAscii(PublicKeys.ED25519).writeString(encoded).toBytes(),
                List.of(SignatureAlgorithm.SSH_ED25519));
        this.encoded = encoded;
        this.point = point;
    }

    /**
     * A key from its 32-byte encoding.
     *
     * @throws SshFormatException if it has the wrong length or is not a point on the curve
     */
    static Ed25519PublicKey of(byte[] encoded) {
        if (encoded.length != KEY_BYTES) {
            throw new SshFormatException("Ed25519 public key has " + encoded.length + " bytes, not 32");
        }
        byte[] copy = encoded.clone();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(copy, 0);
        if (point == null) {
            throw new SshFormatException("Ed25519 public key is not a point on the curve");
        }
        return new Ed25519PublicKey(copy, point);
    }

    /** The 32-byte RFC 8032 encoding. */
    byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public String keyType() {
        return PublicKeys.ED25519;
    }

    @Override
    boolean verifyRaw(SignatureAlgorithm alg, byte[] data, byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            throw new SshFormatException("Ed25519 signature has " + signature.length + " bytes, not 64");
        }
        return Ed25519.verify(signature, 0, point, data, 0, data.length);
    }

    /** Makes the raw 64-byte signature with the 32-byte seed {@code seed}; see RFC 8032 §5.1.6. */
    byte[] signRaw(byte[] seed, byte[] data) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, encoded, 0, data, 0, data.length, sig, 0);
        return sig;
    }

    /** Derives the public key of a 32-byte seed. */
    static Ed25519PublicKey fromSeed(byte[] seed) {
        byte[] pk = new byte[KEY_BYTES];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return of(pk);
    }
}
