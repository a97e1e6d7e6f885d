package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * Builds the data that the signatures of user authentication cover. The client signs it with the
 * user's (or the client host's) private key; the server rebuilds it from the request it received
 * and verifies the signature against it.
 *
 * <p>Both layouts are the session identifier (the exchange hash H of the first key exchange, RFC
 * 4253 §7.2) as a {@code string}, followed by the request itself without its signature and with
 * the signature flag set.
 */
public final class AuthSignedData {
    private AuthSignedData() {
    }

    /**
     * The data signed in a "publickey" request (RFC 4252 §7) or a host-bound one (OpenSSH
     * PROTOCOL §3.1, which appends the server host key):
     *
     * <pre>
     * string    session identifier
     * byte      SSH_MSG_USERAUTH_REQUEST (50)
     * string    user name
     * string    service name
     * string    "publickey" or "publickey-hostbound-v00@openssh.com"
     * boolean   TRUE
     * string    public key algorithm name
     * string    public key to be used for authentication
     * string    server host key (host-bound only)
     * </pre>
     *
     * Call it before signing (client) or before verifying (server). The signature field of
     * {@code auth}, if any, is ignored.
     */
    public static byte[] publicKey(Bytes sessionId, String user, String service, AuthMethodBody.PublicKeyAuth auth) {
        Objects.requireNonNull(auth, "auth");
        SshWriter w = header(sessionId, user, service, auth.methodName());
        w.writeBoolean(true).writeAscii(auth.algorithm()).writeString(auth.publicKey());
        if (auth.hostKey() != null) {
            w.writeString(auth.hostKey());
        }
        return w.toByteArray();
    }

    /**
     * The data signed in a "hostbased" request (RFC 4252 §9):
     *
     * <pre>
     * string    session identifier
     * byte      SSH_MSG_USERAUTH_REQUEST (50)
     * string    user name
     * string    service name
     * string    "hostbased"
     * string    public key algorithm for host key
     * string    public host key and certificates for client host
     * string    client host name expressed as the FQDN in US-ASCII
     * string    user name on the client host in ISO-10646 UTF-8
     * </pre>
     *
     * The signature field of {@code auth} is ignored.
     */
    public static byte[] hostbased(Bytes sessionId, String user, String service, AuthMethodBody.HostbasedAuth auth) {
        Objects.requireNonNull(auth, "auth");
        SshWriter w = header(sessionId, user, service, AuthMethodBody.HOSTBASED);
        w.writeAscii(auth.algorithm()).writeString(auth.publicKey()).writeAscii(auth.clientHost())
                .writeUtf8(auth.clientUser());
        return w.toByteArray();
    }

    /**
     * The signed data of {@code request}, which must be a public key (plain or host-bound) or a
     * hostbased request; a server calls this on the request it received.
     *
     * @throws IllegalArgumentException for any other method, which carries no signature
     */
    public static byte[] of(Bytes sessionId, UserAuthRequest request) {
        if (request.body() instanceof AuthMethodBody.PublicKeyAuth pk) {
            return publicKey(sessionId, request.user(), request.service(), pk);
        }
        if (request.body() instanceof AuthMethodBody.HostbasedAuth hb) {
            return hostbased(sessionId, request.user(), request.service(), hb);
        }
        throw new IllegalArgumentException("method " + request.method() + " carries no signature");
    }

    private static SshWriter header(Bytes sessionId, String user, String service, String method) {
        Objects.requireNonNull(sessionId, "sessionId");
        SshWriter w = new SshWriter(256);
        w.writeString(sessionId).writeByte(MessageNumbers.USERAUTH_REQUEST);
        w.writeUtf8(FieldChecks.utf8(user, "user")).writeAscii(service).writeAscii(method);
        return w;
    }
}
