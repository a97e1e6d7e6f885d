package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import java.util.List;

/**
 * A public key as SSH sends it: the blob of RFC 4253 §6.6 (RFC 5656 §3.1 for ECDSA, RFC 8709 for
 * Ed25519, OpenSSH PROTOCOL.certkeys for certificates).
 *
 * <p>Instances come from {@link PublicKeys#parse}, {@link PublicKeys#parseOpenSshLine} or a key
 * pair. They are immutable, thread-safe, and equal when their blobs are equal.
 */
public interface SshPublicKey {
    /**
     * The key type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521}, {@code ssh-rsa},
     * or a {@code *-cert-v01@openssh.com} type for a certificate.
     */
    String keyType();

    /** The encoded public key blob, as it appears on the wire and in base64 in key files. */
    Bytes blob();

    /**
     * Verifies an SSH signature blob ({@code string algorithm, string signature}) over
     * {@code data}.
     *
     * <p>{@code signatureAlgorithm} is the algorithm the caller negotiated (a KEXINIT host key
     * algorithm or the user auth "public key algorithm name"). It must be one of
     * {@link #signatureAlgorithms()}: plain names for a plain key, certificate names for a
     * certificate. The blob's own name must be its plain name ({@code rsa-sha2-256} for
     * {@code rsa-sha2-256-cert-v01@openssh.com}). A certificate verifies with the key it
     * certifies.
     *
     * @return true if the signature is valid; false for a wrong signature, a signature by another
     *     key, an algorithm not in {@link #signatureAlgorithms()}, or a blob naming another
     *     algorithm
     * @throws io.sanssh.spec.wire.SshFormatException (PROTOCOL_ERROR) only for a malformed blob
     */
    boolean verify(String signatureAlgorithm, byte[] data, Bytes signatureBlob);

    /**
     * {@code "SHA256:"} followed by the unpadded base64 of SHA-256 over the blob, as
     * {@code ssh-keygen -l} prints it. For a certificate it is the certified key's fingerprint,
     * as ssh-keygen prints for certificates too.
     */
    String fingerprint();

    /**
     * The algorithms this key signs and verifies with, preferred first: e.g. {@code
     * [rsa-sha2-512, rsa-sha2-256, ssh-rsa]} for RSA (the last is SHA-1, opt-in only), and the
     * {@code *-cert-v01@openssh.com} names for a certificate.
     */
    List<String> signatureAlgorithms();

    /** The key without its certificate: the certified key for a certificate, else this key. */
    default SshPublicKey plainKey() {
        return this;
    }

    /** Whether this is an OpenSSH certificate ({@link OpenSshCertificate}). */
    default boolean isCertificate() {
        return false;
    }
}
