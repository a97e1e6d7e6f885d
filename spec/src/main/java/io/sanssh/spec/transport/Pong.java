package io.sanssh.spec.transport;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH2_MSG_PONG} (OpenSSH PROTOCOL §1.9): the answer to a {@link Ping}, carrying its data
 * unchanged.
 *
 * @param data the bytes of the ping being answered
 */
public record Pong(Bytes data) implements SshMessage {
    /** The message number, from OpenSSH's {@code ssh2.h}. */
    public static final int MESSAGE_NUMBER = 193;

    /** Requires {@code data} to be non-null. */
    public Pong {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int messageNumber() {
        return MESSAGE_NUMBER;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeString(data);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Pong readBody(SshReader r) {
        return new Pong(r.readString());
    }
}
