package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import java.security.SecureRandom;
import java.util.List;

/**
 * Host keys for Sanssh in the server role, one of every type the engine generates (Ed25519, ECDSA
 * P-256/384/521, RSA 3072), made once per test JVM with {@link KeyPairs#generate} (RSA generation
 * takes a moment).
 */
public final class InteropHostKeys {
    private InteropHostKeys() {
    }

    private static final class Holder {
        static final List<SshKeyPair> ALL = generate();

        private static List<SshKeyPair> generate() {
            SecureRandom random = new SecureRandom();
            return List.of(
                    KeyPairs.generate(HostKeyAlgorithms.SSH_ED25519, 0, random),
                    KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP256, 0, random),
                    KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP384, 0, random),
                    KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP521, 0, random),
                    KeyPairs.generate(HostKeyAlgorithms.SSH_RSA, 0, random));
        }
    }

    /** One key pair of every type. */
    public static List<SshKeyPair> all() {
        return Holder.ALL;
    }

    /** The key pair that signs with host key algorithm {@code algorithm}. */
    public static SshKeyPair forAlgorithm(String algorithm) {
        return all().stream().filter(k -> k.publicKey().signatureAlgorithms().contains(algorithm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host key signs with " + algorithm));
    }
}
