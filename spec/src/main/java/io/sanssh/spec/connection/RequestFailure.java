package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_REQUEST_FAILURE} (RFC 4254 §4): the negative answer to a {@link GlobalRequest}
 * sent with want-reply, also the answer to a request the recipient does not know. No fields.
 *
 * <pre>
 * byte      SSH_MSG_REQUEST_FAILURE (82)
 * </pre>
 */
public record RequestFailure() implements SshMessage {
    /** The only value. */
    public static final RequestFailure INSTANCE = new RequestFailure();

    @Override
    public int messageNumber() {
        return MessageNumbers.REQUEST_FAILURE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        // no fields
    }

    static RequestFailure read(SshReader r) {
        r.expectEnd("SSH_MSG_REQUEST_FAILURE");
        return INSTANCE;
    }
}
