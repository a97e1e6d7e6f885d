package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;

/**
 * {@code SSH_MSG_USERAUTH_FAILURE} (RFC 4252 §5.1): the server rejects a request, or asks for
 * another method after a partial success.
 *
 * <pre>
 * byte         SSH_MSG_USERAUTH_FAILURE (51)
 * name-list    authentications that can continue
 * boolean      partial success
 * </pre>
 *
 * @param methods the methods the client may try next, in the server's order
 * @param partialSuccess true when the request succeeded but more methods are required (§5.1)
 */
public record UserAuthFailure(List<String> methods, boolean partialSuccess) implements SshMessage {
    public UserAuthFailure {
        methods = FieldChecks.nameList(methods, "methods");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_FAILURE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeNameList(methods).writeBoolean(partialSuccess);
    }

    static UserAuthFailure read(SshReader r) {
        List<String> methods = r.readNameList();
        boolean partial = r.readBoolean();
        r.expectEnd("SSH_MSG_USERAUTH_FAILURE");
        return new UserAuthFailure(methods, partial);
    }
}
