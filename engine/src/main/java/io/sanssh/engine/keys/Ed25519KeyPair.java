package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.util.Arrays;

/**
 * An Ed25519 key pair (RFC 8032, RFC 8709), kept as its 32-byte seed; Bouncy Castle's low-level
 * Ed25519 signs.
 */
final class Ed25519KeyPair implements OpenSshPrivateKey {
    static final int SEED_BYTES = 32;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;

    private Ed25519KeyPair(byte[] seed, Ed25519PublicKey publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    /** The key pair of a 32-byte seed (the RFC 8032 private key). */
    static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        byte[] copy = seed.clone();
        return new Ed25519KeyPair(copy, Ed25519PublicKey.fromSeed(copy));
    }

    @Override
    public SshPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Bytes sign(String signatureAlgorithm, byte[] data) {
        SignatureAlgorithm alg = publicKey.signingAlgorithm(signatureAlgorithm);
        return PlainPublicKey.signatureBlob(alg, publicKey.signRaw(seed, data));
    }

    /** PROTOCOL.key: {@code string pk, string sk} where sk is the seed followed by pk. */
    @Override
    public void writeOpenSshPrivate(SshWriter w) {
        byte[] pk = publicKey.encoded();
        byte[] sk = Arrays.copyOf(seed, SEED_BYTES + pk.length);
        System.arraycopy(pk, 0, sk, SEED_BYTES, pk.length);
        w.writeAscii(PublicKeys.ED25519).writeString(pk).writeString(sk);
        Arrays.fill(sk, (byte) 0);
    }

    @Override
    public String toString() {
        return "key pair " + publicKey;
    }
}
