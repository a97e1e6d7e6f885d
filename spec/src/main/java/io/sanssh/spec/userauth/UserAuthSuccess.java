package io.sanssh.spec.userauth;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_USERAUTH_SUCCESS} (RFC 4252 §5.1): authentication is complete; from the next
 * packet on, both sides speak the requested service. It has no fields.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_SUCCESS (52)
 * </pre>
 */
public record UserAuthSuccess() implements SshMessage {
    /** The only value. */
    public static final UserAuthSuccess INSTANCE = new UserAuthSuccess();

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_SUCCESS;
    }

    @Override
    public void encodeBody(SshWriter w) {
        // no fields
    }

    static UserAuthSuccess read(SshReader r) {
        r.expectEnd("SSH_MSG_USERAUTH_SUCCESS");
        return INSTANCE;
    }
}
