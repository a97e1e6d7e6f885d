package io.sanssh.engine.kex.method;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * Streamlined NTRU Prime sntrup761 (the NIST round 3 KEM that OpenSSH and the SUPERCOP code
 * implement), through Bouncy Castle: 1158-byte public keys, 1039-byte ciphertexts, 32-byte
 * secrets (draft-ietf-sshm-ntruprime-ssh §2).
 *
 * <p>Every 1158-byte string decodes to some public key, so there is nothing to validate beyond
 * the length, which the caller checks; OpenSSH does no more.
 */
final class Sntrup761Kem implements PostQuantumKem {
    /** The one instance; the class is stateless. */
    static final Sntrup761Kem INSTANCE = new Sntrup761Kem();

    private static final SNTRUPrimeParameters PARAMS = SNTRUPrimeParameters.sntrup761;

    private Sntrup761Kem() {
    }

    @Override
    public int publicKeyLength() {
        return PARAMS.getPublicKeyBytes();
    }

    @Override
    public int ciphertextLength() {
        return PARAMS.getEncapsulationLength();
    }

    @Override
    public KeyPair generate(SecureRandom random) {
        SNTRUPrimeKeyPairGenerator gen = new SNTRUPrimeKeyPairGenerator();
        gen.init(new SNTRUPrimeKeyGenerationParameters(random, PARAMS));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        byte[] pub = ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
        SNTRUPrimeKEMExtractor extractor =
                new SNTRUPrimeKEMExtractor((SNTRUPrimePrivateKeyParameters) pair.getPrivate());
        return KeyPair.of(pub, extractor::extractSecret);
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
        SecretWithEncapsulation s = new SNTRUPrimeKEMGenerator(random)
                .generateEncapsulated(new SNTRUPrimePublicKeyParameters(PARAMS, publicKey));
        return new Encapsulation(s.getEncapsulation(), s.getSecret());
    }
}
