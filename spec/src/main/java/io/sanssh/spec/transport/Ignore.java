package io.sanssh.spec.transport;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_IGNORE} (RFC 4253 §11.2): padding traffic that the receiver must drop. Allowed at
 * any time, including during a non-strict key exchange (RFC 4253 §7.1); under strict KEX a peer's
 * IGNORE before the first NEWKEYS is a protocol error (OpenSSH PROTOCOL §1.10).
 *
 * @param data arbitrary bytes, usually random
 */
public record Ignore(Bytes data) implements SshMessage {
    /** Requires {@code data} to be non-null. */
    public Ignore {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.IGNORE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeString(data);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Ignore readBody(SshReader r) {
        return new Ignore(r.readString());
    }
}
