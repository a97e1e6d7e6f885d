package io.sanssh.engine.testing;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import java.util.List;

/** Host keys generated once per test JVM from fixed seeds (RSA generation is slow). */
public final class TestKeys {
    private TestKeys() {
    }

    private static final class Holder {
        static final SshKeyPair ED25519 = KeyPairs.generate(HostKeyAlgorithms.SSH_ED25519, 0, TestRandom.seeded(11));
        static final SshKeyPair P256 = KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP256, 256, TestRandom.seeded(12));
        static final SshKeyPair P384 = KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP384, 384, TestRandom.seeded(13));
        static final SshKeyPair P521 = KeyPairs.generate(HostKeyAlgorithms.ECDSA_SHA2_NISTP521, 521, TestRandom.seeded(14));
        static final SshKeyPair RSA = KeyPairs.generate(HostKeyAlgorithms.SSH_RSA, 2048, TestRandom.seeded(15));
    }

    /** An Ed25519 key. */
    public static SshKeyPair ed25519() {
        return Holder.ED25519;
    }

    /** A 2048-bit RSA key. */
    public static SshKeyPair rsa() {
        return Holder.RSA;
    }

    /** One key of every type: Ed25519, ECDSA P-256/384/521, RSA. */
    public static List<SshKeyPair> all() {
        return List.of(Holder.ED25519, Holder.P256, Holder.P384, Holder.P521, Holder.RSA);
    }
}
