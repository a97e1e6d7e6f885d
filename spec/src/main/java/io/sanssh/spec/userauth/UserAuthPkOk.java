package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_USERAUTH_PK_OK} (RFC 4252 §7): the server would accept a signature by this key.
 * It answers a "publickey" (or host-bound) request without signature; the client then signs.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_PK_OK (60)
 * string    public key algorithm name from the request
 * string    public key blob from the request
 * </pre>
 *
 * <p>Number 60 means this only while a public key method is in progress
 * ({@link AuthMethodContext#PUBLICKEY}).
 */
public record UserAuthPkOk(String algorithm, Bytes publicKey) implements SshMessage {
    public UserAuthPkOk {
        FieldChecks.ascii(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_PK_OK;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeAscii(algorithm).writeString(publicKey);
    }

    static UserAuthPkOk read(SshReader r) {
        String algorithm = r.readAscii();
        Bytes key = r.readString();
        r.expectEnd("SSH_MSG_USERAUTH_PK_OK");
        return new UserAuthPkOk(algorithm, key);
    }
}
