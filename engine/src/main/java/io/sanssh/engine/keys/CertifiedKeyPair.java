package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;

/**
 * A key pair presented with an OpenSSH certificate: a server's host key with its host
 * certificate, or a user's key with its user certificate. It signs with the certified key under
 * the certificate's algorithm names (PROTOCOL.certkeys); the signature blob carries the plain name.
 */
final class CertifiedKeyPair implements SshKeyPair {
    private final SshKeyPair pair;
    private final OpenSshCertificate certificate;

    CertifiedKeyPair(SshKeyPair pair, OpenSshCertificate certificate) {
        if (!certificate.plainKey().equals(pair.publicKey())) {
            throw new IllegalArgumentException("the certificate certifies another key: "
                    + certificate.plainKey().fingerprint() + ", not " + pair.publicKey().fingerprint());
        }
        this.pair = pair;
        this.certificate = certificate;
    }

    @Override
    public SshPublicKey publicKey() {
        return certificate;
    }

    @Override
    public Bytes sign(String signatureAlgorithm, byte[] data) {
        if (!certificate.signatureAlgorithms().contains(signatureAlgorithm)) {
            throw new IllegalArgumentException(certificate.keyType() + " cannot sign with " + signatureAlgorithm);
        }
        return pair.sign(SignatureAlgorithm.fromName(signatureAlgorithm).wireName(), data);
    }

    @Override
    public String toString() {
        return "key pair " + certificate;
    }
}
