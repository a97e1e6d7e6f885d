package io.sanssh.engine.kex;

import io.sanssh.engine.Role;
import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.TransportConfig;
import io.sanssh.spec.algorithm.CompressionAlgorithms;
import io.sanssh.spec.algorithm.KexAlgorithms;
import io.sanssh.spec.transport.KexInit;
import io.sanssh.spec.wire.Bytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds our KEXINIT (RFC 4253 §7.1) from the configuration.
 *
 * <p>In the first exchange the client appends the signals ext-info-c (RFC 8308 §2.1) and
 * kex-strict-c-v00@openssh.com, the server ext-info-s and kex-strict-s-v00@openssh.com (OpenSSH
 * PROTOCOL §1.10). The server offers only host key algorithms it has a key for, in the order of
 * the configured preference.
 */
public final class KexProposal {
    private KexProposal() {
    }

    /** Our KEXINIT for an exchange; {@code first} is whether it is the connection's first. */
    public static KexInit build(Role role, TransportConfig config, boolean first, SecureRandom random) {
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        List<String> kex = new ArrayList<>(config.kexAlgorithms());
        if (first) {
            if (role == Role.CLIENT) {
                kex.add(KexAlgorithms.EXT_INFO_C);
                if (config.strictKex()) {
                    kex.add(KexAlgorithms.KEX_STRICT_C_V00);
                }
            } else {
                kex.add(KexAlgorithms.EXT_INFO_S);
                if (config.strictKex()) {
                    kex.add(KexAlgorithms.KEX_STRICT_S_V00);
                }
            }
        }
        List<String> hostKeys = role == Role.CLIENT ? config.hostKeyAlgorithms() : serverHostKeyAlgorithms(config);
        if (hostKeys.isEmpty()) {
            throw new IllegalStateException("server has no host key for any configured host key algorithm");
        }
        List<String> comp = List.of(CompressionAlgorithms.NONE);
        return new KexInit(Bytes.wrap(cookie), List.copyOf(kex), hostKeys,
                config.ciphers(), config.ciphers(), config.macs(), config.macs(), comp, comp,
                List.of(), List.of(), false, 0L);
    }

    /** The host key algorithms a server can sign with, in configured preference order. */
    public static List<String> serverHostKeyAlgorithms(TransportConfig config) {
        Set<String> available = new LinkedHashSet<>();
        for (SshKeyPair k : config.hostKeys()) {
            available.addAll(k.publicKey().signatureAlgorithms());
        }
        List<String> out = new ArrayList<>();
        for (String alg : config.hostKeyAlgorithms()) {
            if (available.contains(alg)) {
                out.add(alg);
            }
        }
        return List.copyOf(out);
    }

    /** The host key pair that signs with {@code algorithm}, or {@code null}. */
    public static SshKeyPair hostKeyFor(TransportConfig config, String algorithm) {
        for (SshKeyPair k : config.hostKeys()) {
            if (k.publicKey().signatureAlgorithms().contains(algorithm)) {
                return k;
            }
        }
        return null;
    }
}
