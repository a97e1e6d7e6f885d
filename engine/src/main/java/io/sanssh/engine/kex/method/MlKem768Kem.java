package io.sanssh.engine.kex.method;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM-768 (FIPS 203) through Bouncy Castle: 1184-byte encapsulation keys, 1088-byte
 * ciphertexts, 32-byte secrets.
 *
 * <p>The server checks the client's encapsulation key before using it, as FIPS 203 §7.2 requires
 * and draft-ietf-sshm-mlkem-hybrid-kex repeats: every 12-bit coefficient of the encoded vector
 * {@code t} must be below q = 3329 (the "modulus check"). The check is done here rather than left
 * to the library so the error is typed and does not depend on the library's version.
 */
final class MlKem768Kem implements PostQuantumKem {
    /** The one instance; the class is stateless. */
    static final MlKem768Kem INSTANCE = new MlKem768Kem();

    private static final MLKEMParameters PARAMS = MLKEMParameters.ml_kem_768;
    private static final int Q = 3329;
    private static final int K = 3;
    /** Bytes of the encoded vector t: k polynomials of 256 12-bit coefficients. */
    private static final int T_BYTES = K * 384;

    private MlKem768Kem() {
    }

    @Override
    public int publicKeyLength() {
        return T_BYTES + 32;
    }

    @Override
    public int ciphertextLength() {
        return PARAMS.getEncapsulationLength();
    }

    @Override
    public KeyPair generate(SecureRandom random) {
        MLKEMKeyPairGenerator gen = new MLKEMKeyPairGenerator();
        gen.init(new MLKEMKeyGenerationParameters(random, PARAMS));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        byte[] pub = ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        MLKEMExtractor extractor =
                new MLKEMExtractor((MLKEMPrivateKeyParameters) pair.getPrivate());
        return KeyPair.of(pub, extractor::extractSecret);
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey, SecureRandom random) {
        if (!passesModulusCheck(publicKey)) {
            throw Encoding.failed("ML-KEM-768 encapsulation key fails the modulus check");
        }
        SecretWithEncapsulation s;
        try {
            s = new MLKEMGenerator(random)
                    .generateEncapsulated(new MLKEMPublicKeyParameters(PARAMS, publicKey));
        } catch (IllegalArgumentException e) {
            throw Encoding.failed("ML-KEM-768 encapsulation key rejected: " + e.getMessage());
        }
        return new Encapsulation(s.getEncapsulation(), s.getSecret());
    }

    /**
     * FIPS 203 §7.2 input check 2: {@code ByteEncode12(ByteDecode12(t)) == t}, that is, every
     * coefficient is below q. Three bytes hold two little-endian 12-bit coefficients.
     */
    static boolean passesModulusCheck(byte[] encapsulationKey) {
        if (encapsulationKey.length != T_BYTES + 32) {
            return false;
        }
        for (int i = 0; i < T_BYTES; i += 3) {
            int b0 = encapsulationKey[i] & 0xff;
            int b1 = encapsulationKey[i + 1] & 0xff;
            int b2 = encapsulationKey[i + 2] & 0xff;
            int c0 = b0 | ((b1 & 0x0f) << 8);
            int c1 = (b1 >>> 4) | (b2 << 4);
            if (c0 >= Q || c1 >= Q) {
                return false;
            }
        }
        return true;
    }
}
