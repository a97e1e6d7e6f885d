package io.sanssh.spec.kex;

import io.sanssh.spec.algorithm.KexAlgorithms;
import java.util.Optional;

/**
 * The message shapes a key exchange method uses in the method-specific range 30-49. The same
 * numbers mean different messages in each family, so {@link KexCodec} must be told which one the
 * negotiated method belongs to.
 */
public enum KexFamily {
    /**
     * Fixed-group Diffie-Hellman (RFC 4253 §8, RFC 8268): {@code KEXDH_INIT} (30, mpint e) and
     * {@code KEXDH_REPLY} (31).
     */
    DH,
    /**
     * Elliptic curve DH (RFC 5656 §4, RFC 8731) and the post-quantum hybrids, which reuse its
     * shapes with opaque strings (draft-ietf-sshm-mlkem-hybrid-kex, draft-ietf-sshm-ntruprime-ssh):
     * {@code KEX_ECDH_INIT} (30, string Q_C) and {@code KEX_ECDH_REPLY} (31).
     */
    ECDH,
    /**
     * DH group exchange (RFC 4419 §5): REQUEST_OLD (30), GROUP (31), INIT (32), REPLY (33),
     * REQUEST (34).
     */
    GROUP_EXCHANGE;

    private static final String GEX_PREFIX = "diffie-hellman-group-exchange-";
    private static final String DH_PREFIX = "diffie-hellman-group";
    private static final String ECDH_PREFIX = "ecdh-sha2-";

    /**
     * The family of a negotiated key exchange method. Call it once the method is chosen, before
     * decoding the first message of the 30-49 range.
     *
     * @return the family, or empty for a name this library does not know (including the signal
     *     names such as {@code ext-info-c}, which are never negotiated)
     */
    public static Optional<KexFamily> forAlgorithm(String kexAlgorithm) {
        if (kexAlgorithm.startsWith(GEX_PREFIX)) {
            return Optional.of(GROUP_EXCHANGE);
        }
        if (kexAlgorithm.startsWith(DH_PREFIX)) {
            return Optional.of(DH);
        }
        if (kexAlgorithm.startsWith(ECDH_PREFIX)) {
            return Optional.of(ECDH);
        }
        return switch (kexAlgorithm) {
            case KexAlgorithms.CURVE25519_SHA256, KexAlgorithms.CURVE25519_SHA256_LIBSSH,
                    KexAlgorithms.MLKEM768_X25519_SHA256, KexAlgorithms.SNTRUP761_X25519_SHA512,
                    KexAlgorithms.SNTRUP761_X25519_SHA512_OPENSSH -> Optional.of(ECDH);
            default -> Optional.empty();
        };
    }
}
