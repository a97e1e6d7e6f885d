package io.sanssh.modeltests.interop.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.keys.SshKeyPair;
import io.sanssh.engine.transport.OutboundQueue.Origin;
import io.sanssh.engine.transport.Transport;
import io.sanssh.spec.algorithm.ServiceNames;
import io.sanssh.spec.transport.ServiceAccept;
import io.sanssh.spec.transport.ServiceRequest;
import io.sanssh.spec.userauth.AuthMethodBody.PublicKeyAuth;
import io.sanssh.spec.userauth.AuthSignedData;
import io.sanssh.spec.userauth.UserAuthFailure;
import io.sanssh.spec.userauth.UserAuthRequest;
import io.sanssh.spec.userauth.UserAuthSuccess;
import io.sanssh.spec.wire.Bytes;
import java.time.Duration;

/**
 * A hand-made "publickey" login (RFC 4252 §7) on top of a bare transport, for transport tests that
 * need the peer past authentication: OpenSSH's sshd, for one, never starts a key re-exchange
 * before the user is authenticated. SERVICE_REQUEST("ssh-userauth"), SERVICE_ACCEPT, then one
 * signed request with the key's first signature algorithm, then USERAUTH_SUCCESS.
 */
public final class PublicKeyLogin {
    private PublicKeyLogin() {
    }

    /** Logs {@code user} in with {@code key}; an AssertionError if the server refuses or is slow. */
    public static void login(BlockingTransportDriver d, RecordingLayer layer, String user, SshKeyPair key,
                             Duration limit) {
        Transport t = d.transport();
        t.send(new ServiceRequest(ServiceNames.SSH_USERAUTH), Origin.APPLICATION);
        d.pumpUntil(() -> layer.received(ServiceAccept.class), limit, "SERVICE_ACCEPT");
        String algorithm = key.publicKey().signatureAlgorithms().get(0);
        PublicKeyAuth query = PublicKeyAuth.query(algorithm, key.publicKey().blob());
        byte[] signed = AuthSignedData.publicKey(Bytes.wrap(t.sessionId()), user, UserAuthRequest.SSH_CONNECTION,
                query);
        PublicKeyAuth auth = query.withSignature(key.sign(algorithm, signed));
        t.send(new UserAuthRequest(user, UserAuthRequest.SSH_CONNECTION, auth.methodName(), auth),
                Origin.APPLICATION);
        d.pumpUntil(() -> layer.received(UserAuthSuccess.class) || layer.received(UserAuthFailure.class), limit,
                "the answer to our publickey request");
        assertTrue(layer.received(UserAuthSuccess.class),
                "publickey login refused: " + layer.first(UserAuthFailure.class).orElse(null));
    }
}
