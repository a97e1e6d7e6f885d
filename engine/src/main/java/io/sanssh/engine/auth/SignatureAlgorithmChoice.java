package io.sanssh.engine.auth;

import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SignatureAlgorithm;
import io.sanssh.engine.keys.SshPublicKey;
import java.util.List;

/**
 * Client role: the "public key algorithm name" to use for a key in a "publickey" request.
 *
 * <p>Only RSA has a choice (RFC 8332 §3): {@code rsa-sha2-512}, then {@code rsa-sha2-256}, taking
 * the first the server lists in server-sig-algs (RFC 8308 §3.1). SHA-1 {@code ssh-rsa} is used only
 * when the caller opted in and the server either lists nothing (an old server that sent no
 * EXT_INFO) or lists {@code ssh-rsa} but neither SHA-2 name. A server that lists nothing gets
 * {@code rsa-sha2-512} when SHA-1 is not allowed: it may well accept it. For an RSA certificate the
 * same choice is made, under the certificate's names (OpenSSH PROTOCOL.certkeys). Other key
 * types have exactly one algorithm.
 */
final class SignatureAlgorithmChoice {
    private static final List<SignatureAlgorithm> RSA_SHA2 =
            List.of(SignatureAlgorithm.RSA_SHA2_512, SignatureAlgorithm.RSA_SHA2_256);

    private SignatureAlgorithmChoice() {
    }

    /**
     * The algorithm for {@code key}, or {@code null} if no algorithm both sides accept exists.
     *
     * @param serverSigAlgs the server's server-sig-algs, empty if it sent none
     * @param allowSha1 whether the caller allows {@code ssh-rsa} (SHA-1)
     */
    static String choose(SshPublicKey key, List<String> serverSigAlgs, boolean allowSha1) {
        boolean certificate = key.isCertificate();
        if (!PublicKeys.RSA.equals(key.plainKey().keyType())) {
            return key.signatureAlgorithms().isEmpty() ? null : key.signatureAlgorithms().get(0);
        }
        SignatureAlgorithm chosen = null;
        if (serverSigAlgs.isEmpty()) {
            chosen = allowSha1 ? SignatureAlgorithm.SSH_RSA : SignatureAlgorithm.RSA_SHA2_512;
        } else {
            for (SignatureAlgorithm a : RSA_SHA2) {
                if (serverSigAlgs.contains(a.wireName())) {
                    chosen = a;
                    break;
                }
            }
            if (chosen == null && allowSha1 && serverSigAlgs.contains(SignatureAlgorithm.SSH_RSA.wireName())) {
                chosen = SignatureAlgorithm.SSH_RSA;
            }
        }
        if (chosen == null) {
            return null;
        }
        String name = certificate ? chosen.certificateName() : chosen.wireName();
        return key.signatureAlgorithms().contains(name) ? name : null;
    }
}
