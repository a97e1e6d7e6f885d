package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * What every plain (non-certificate) key shares: the blob, equality by blob, the fingerprint, and
 * the framing of signature blobs (RFC 4253 §6.6: {@code string name, string signature}). Each
 * subclass verifies and makes only the raw signature of its algorithm.
 */
abstract class PlainPublicKey implements SshPublicKey {
    private final Bytes blob;
    private final List<SignatureAlgorithm> algorithms;
    private final List<String> algorithmNames;

    /** A key with this blob that signs with {@code algorithms}, preferred first. */
    PlainPublicKey(Bytes blob, List<SignatureAlgorithm> algorithms) {
        this.blob = blob;
        this.algorithms = List.copyOf(algorithms);
        this.algorithmNames = algorithms.stream().map(SignatureAlgorithm::wireName).toList();
    }

    /** The algorithms of this key, preferred first. */
    final List<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * Verifies the raw signature (the second string of the blob) of {@code alg}. Returns false
     * for a wrong signature; throws SshFormatException for an ill-formed one.
     */
    abstract boolean verifyRaw(SignatureAlgorithm alg, byte[] data, byte[] signature);

    @Override
    public final Bytes blob() {
        return blob;
    }

    @Override
    public final List<String> signatureAlgorithms() {
        return algorithmNames;
    }

    @Override
    public final String fingerprint() {
        return fingerprintOf(blob);
    }

    @Override
    public final boolean verify(String signatureAlgorithm, byte[] data, Bytes signatureBlob) {
        SshReader r = SshReader.of(signatureBlob);
        String name = r.readAscii();
        byte[] raw = r.readStringBytes();
        r.expectEnd("signature blob");
        if (!algorithmNames.contains(signatureAlgorithm) || !signatureAlgorithm.equals(name)) {
            return false;
        }
        return verifyRaw(SignatureAlgorithm.fromName(name), data, raw);
    }

    /** Resolves a plain algorithm name this key can sign with, or throws. */
    final SignatureAlgorithm signingAlgorithm(String name) {
        if (!algorithmNames.contains(name)) {
            throw new IllegalArgumentException(keyType() + " keys cannot sign with " + name);
        }
        return SignatureAlgorithm.fromName(name);
    }

    /** Frames a raw signature as an SSH signature blob. */
    static Bytes signatureBlob(SignatureAlgorithm alg, byte[] raw) {
        return new SshWriter(raw.length + 32).writeAscii(alg.wireName()).writeString(raw).toBytes();
    }

    static String fingerprintOf(Bytes blob) {
        byte[] hash = digest("SHA-256").digest(blob.toByteArray());
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    }

    static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof PlainPublicKey other && blob.equals(other.blob);
    }

    @Override
    public final int hashCode() {
        return blob.hashCode();
    }

    @Override
    public final String toString() {
        return keyType() + " " + fingerprint();
    }
}
