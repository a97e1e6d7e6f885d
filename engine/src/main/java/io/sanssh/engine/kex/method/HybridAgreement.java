package io.sanssh.engine.kex.method;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The post-quantum/classical hybrids: {@code sntrup761x25519-sha512} (and its
 * {@code @openssh.com} name; draft-ietf-sshm-ntruprime-ssh §2, OpenSSH kexsntrup761x25519.c) and
 * {@code mlkem768x25519-sha256} (draft-ietf-sshm-mlkem-hybrid-kex §2). Both use the ECDH message
 * shapes with opaque strings:
 *
 * <pre>
 * client sends  C_INIT  = KEM public key || X25519 public key (32)
 * server sends  S_REPLY = KEM ciphertext || X25519 public key (32)
 * K = string HASH(K_PQ || K_CL)
 * </pre>
 *
 * where K_PQ is the KEM's 32-byte secret and K_CL the raw 32-byte X25519 output, and HASH is the
 * method's hash (SHA-512 for sntrup761, SHA-256 for ML-KEM-768). Unlike curve25519, K is encoded
 * as a {@code string}, not an {@code mpint}. Every length is checked exactly; an all-zero X25519
 * result fails the exchange, as in RFC 8731.
 */
final class HybridAgreement implements KeyAgreement {
    private final PostQuantumKem kem;
    private final String digest;
    private final boolean client;
    private final SecureRandom random;
    private final byte[] x25519Private;
    private final PostQuantumKem.KeyPair kemKeys;
    private byte[] ourPublic;
    private boolean used;

    /**
     * A fresh agreement. The client generates both key pairs now; the server only its X25519 key,
     * and encapsulates in {@link #agree}.
     *
     * @param digest JCA name of the combining hash
     */
    HybridAgreement(PostQuantumKem kem, String digest, boolean client, SecureRandom random) {
        this.kem = kem;
        this.digest = digest;
        this.client = client;
        this.random = random;
        if (client) {
            this.kemKeys = kem.generate(random);
            this.x25519Private = X25519Agreement.generatePrivateKey(random);
            this.ourPublic = Encoding.concat(kemKeys.publicKey(),
                    X25519Agreement.publicKey(x25519Private));
        } else {
            this.kemKeys = null;
            this.x25519Private = X25519Agreement.generatePrivateKey(random);
        }
    }

    @Override
    public byte[] ourPublic() {
        if (ourPublic == null) {
            throw new IllegalStateException("the server's reply exists only after agree()");
        }
        return ourPublic.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublic) {
        if (used) {
            throw new IllegalStateException("key agreement already used");
        }
        used = true;
        int x = X25519Agreement.KEY_LENGTH;
        byte[] pqSecret;
        byte[] classical;
        if (client) {
            int ct = kem.ciphertextLength();
            if (peerPublic.length != ct + x) {
                throw Encoding.failed("hybrid S_REPLY is " + peerPublic.length + " bytes, not "
                        + (ct + x));
            }
            classical = X25519Agreement.sharedSecret(x25519Private, peerPublic, ct, x);
            pqSecret = kemKeys.decapsulate(Arrays.copyOf(peerPublic, ct));
        } else {
            int pk = kem.publicKeyLength();
            if (peerPublic.length != pk + x) {
                throw Encoding.failed("hybrid C_INIT is " + peerPublic.length + " bytes, not "
                        + (pk + x));
            }
            classical = X25519Agreement.sharedSecret(x25519Private, peerPublic, pk, x);
            PostQuantumKem.Encapsulation enc =
                    kem.encapsulate(Arrays.copyOf(peerPublic, pk), random);
            pqSecret = enc.secret();
            ourPublic = Encoding.concat(enc.ciphertext(),
                    X25519Agreement.publicKey(x25519Private));
        }
        MessageDigest md = Encoding.digest(digest);
        md.update(pqSecret);
        md.update(classical);
        byte[] hash = md.digest();
        Arrays.fill(pqSecret, (byte) 0);
        Arrays.fill(classical, (byte) 0);
        Arrays.fill(x25519Private, (byte) 0);
        byte[] k = Encoding.string(hash);
        Arrays.fill(hash, (byte) 0);
        return k;
    }
}
