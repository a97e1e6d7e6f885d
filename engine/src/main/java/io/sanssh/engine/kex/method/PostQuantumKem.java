package io.sanssh.engine.kex.method;

import java.security.SecureRandom;
import java.util.function.UnaryOperator;

/**
 * The post-quantum half of a hybrid key exchange: a key encapsulation mechanism in the shape the
 * hybrids need (client generates a key pair and decapsulates; server encapsulates to the client's
 * key). Implementations are stateless; all state lives in the returned objects.
 */
interface PostQuantumKem {
    /** Length in bytes of an encoded public (encapsulation) key. */
    int publicKeyLength();

    /** Length in bytes of a ciphertext. */
    int ciphertextLength();

    /** Client role: a fresh key pair from {@code random}. */
    KeyPair generate(SecureRandom random);

    /**
     * Server role: encapsulates a fresh secret to the client's public key.
     *
     * @param publicKey exactly {@link #publicKeyLength()} bytes
     * @throws io.sanssh.spec.wire.SshFormatException KEY_EXCHANGE_FAILED if the key is invalid
     */
    Encapsulation encapsulate(byte[] publicKey, SecureRandom random);

    /** A client key pair. */
    interface KeyPair {
        /** The encoded public key, {@link #publicKeyLength()} bytes. */
        byte[] publicKey();

        /**
         * Decapsulates a ciphertext of exactly {@link #ciphertextLength()} bytes. Both KEMs use
         * implicit rejection: a forged ciphertext yields an unrelated secret, never an error.
         */
        byte[] decapsulate(byte[] ciphertext);

        /**
         * A key pair over a library's encoded public key and its decapsulation function; each
         * KEM's {@link PostQuantumKem#generate} ends with this. {@link #publicKey()} returns a
         * fresh copy each time.
         */
        static KeyPair of(byte[] publicKey, UnaryOperator<byte[]> decapsulation) {
            return new KeyPair() {
                @Override
                public byte[] publicKey() {
                    return publicKey.clone();
                }

                @Override
                public byte[] decapsulate(byte[] ciphertext) {
                    return decapsulation.apply(ciphertext);
                }
            };
        }
    }

    /** The server's ciphertext and the secret it encapsulates. */
    record Encapsulation(byte[] ciphertext, byte[] secret) {
    }
}
