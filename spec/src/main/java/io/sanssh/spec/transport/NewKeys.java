package io.sanssh.spec.transport;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_NEWKEYS} (RFC 4253 §7.3): ends a key exchange in one direction. The sender uses
 * the new keys for every packet after this one; the receiver uses them for every packet it
 * receives after this one. Under strict KEX the sequence number of that direction then restarts at
 * zero (OpenSSH PROTOCOL §1.10). The message has no fields.
 */
public record NewKeys() implements SshMessage {
    /** The only value; records without fields are all equal anyway. */
    public static final NewKeys INSTANCE = new NewKeys();

    @Override
    public int messageNumber() {
        return MessageNumbers.NEWKEYS;
    }

    @Override
    public void encodeBody(SshWriter w) {
        // no fields
    }
}
