package io.sanssh.engine.kex.method;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * {@code curve25519-sha256} and {@code curve25519-sha256@libssh.org} (RFC 8731 §3): X25519
 * (RFC 7748 §5) over the ECDH message shapes.
 *
 * <p>Bouncy Castle's low-level X25519 is used because it is about twice as fast as the JDK's
 * provider here (DESIGN.md, Crypto). Both roles generate their key pair at creation; the roles
 * differ only in which message carries the value.
 *
 * <p>The static {@link #sharedSecret} is also the classical half of the post-quantum hybrids.
 */
final class X25519Agreement implements KeyAgreement {
    /** Length of an X25519 public key, private key and shared secret. */
    static final int KEY_LENGTH = X25519.POINT_SIZE;

    private final byte[] privateKey;
    private final byte[] publicKey;
    private boolean used;

    /** A fresh key pair from {@code random}. */
    X25519Agreement(SecureRandom random) {
        this(generatePrivateKey(random));
    }

    /** A key pair from a given private scalar; for known-answer tests. */
    X25519Agreement(byte[] privateKey) {
        if (privateKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("X25519 private key must be 32 bytes");
        }
        this.privateKey = privateKey.clone();
        this.publicKey = publicKey(this.privateKey);
    }

    /** A random clamped X25519 private scalar (RFC 7748 §5). */
    static byte[] generatePrivateKey(SecureRandom random) {
        byte[] k = new byte[KEY_LENGTH];
        X25519.generatePrivateKey(random, k);
        return k;
    }

    /** {@code X25519(k, 9)}: the public key of private scalar {@code k}. */
    static byte[] publicKey(byte[] privateKey) {
        byte[] pub = new byte[KEY_LENGTH];
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }

    /**
     * {@code X25519(k, u)}, the raw 32-byte shared secret.
     *
     * @throws io.sanssh.spec.wire.SshFormatException KEY_EXCHANGE_FAILED if {@code peerPublic}
     *     is not 32 bytes, or the result is all zero (a low-order point; RFC 7748 §6.1, RFC 8731 §3)
     */
    static byte[] sharedSecret(byte[] privateKey, byte[] peerPublic, int offset, int length) {
        if (length != KEY_LENGTH) {
            throw Encoding.failed("X25519 public key is " + length + " bytes, not 32");
        }
        byte[] shared = new byte[KEY_LENGTH];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublic, offset, shared, 0)) {
            throw Encoding.failed("X25519 shared secret is all zero");
        }
        return shared;
    }

    @Override
    public byte[] ourPublic() {
        return publicKey.clone();
    }

    /**
     * {@inheritDoc}
     *
     * <p>K is the 32 output bytes read as an unsigned big-endian integer, as an {@code mpint}
     * (RFC 8731 §3.1).
     */
    @Override
    public byte[] agree(byte[] peerPublic) {
        if (used) {
            throw new IllegalStateException("key agreement already used");
        }
        used = true;
        byte[] shared = sharedSecret(privateKey, peerPublic, 0, peerPublic.length);
        byte[] k = Encoding.mpint(shared);
        Arrays.fill(shared, (byte) 0);
        Arrays.fill(privateKey, (byte) 0);
        return k;
    }
}
