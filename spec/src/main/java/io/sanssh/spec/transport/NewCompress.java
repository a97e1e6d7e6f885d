package io.sanssh.spec.transport;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_NEWCOMPRESS} (RFC 8308 §3.2): with the {@code delay-compression} extension, each
 * side sends this once, after user authentication succeeds, and compresses every packet it sends
 * after it; each side decompresses what it receives after the peer's. The message has no fields.
 */
public record NewCompress() implements SshMessage {
    /** The only value; records without fields are all equal anyway. */
    public static final NewCompress INSTANCE = new NewCompress();

    @Override
    public int messageNumber() {
        return MessageNumbers.NEWCOMPRESS;
    }

    @Override
    public void encodeBody(SshWriter w) {
        // no fields
    }
}
