package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;

/**
 * A private key able to sign, with its public key.
 *
 * <p>Sanssh's own key pairs come from {@link KeyPairs#generate} and {@link PrivateKeyFiles#read};
 * an application may implement this interface itself (for an agent or a hardware token). Signing
 * is a pure function of key and data for every built-in type (Ed25519 and RSA PKCS#1 v1.5 are
 * deterministic; ECDSA uses RFC 6979 nonces), so it needs no randomness.
 */
public interface SshKeyPair {
    /** The public half. */
    SshPublicKey publicKey();

    /**
     * Signs {@code data} and returns the SSH signature blob ({@code string algorithm, string
     * signature}): RFC 4253 §6.6, RFC 5656 §3.1.2 (ECDSA, with {@code mpint r, mpint s} inside),
     * RFC 8332 (rsa-sha2-256/512), RFC 8709 (Ed25519).
     *
     * @param signatureAlgorithm one of {@code publicKey().signatureAlgorithms()}: a plain name for
     *     a plain key, a certificate name for {@link KeyPairs#withCertificate}; the blob always
     *     carries the plain name
     * @throws IllegalArgumentException if this key cannot sign with that algorithm
     */
    Bytes sign(String signatureAlgorithm, byte[] data);
}
