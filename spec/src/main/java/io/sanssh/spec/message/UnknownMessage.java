package io.sanssh.spec.message;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;

/**
 * A message whose number no decoder of the current context knows. The engine answers it with
 * {@code SSH_MSG_UNIMPLEMENTED} (RFC 4253 §11.4) rather than failing.
 *
 * @param messageNumber the number byte, 0..255
 * @param body the bytes after the number, kept as they are
 */
public record UnknownMessage(int messageNumber, Bytes body) implements SshMessage {
    public UnknownMessage {
        if (messageNumber < 0 || messageNumber > 255) {
            throw new IllegalArgumentException("message number " + messageNumber);
        }
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeRaw(body);
    }
}
