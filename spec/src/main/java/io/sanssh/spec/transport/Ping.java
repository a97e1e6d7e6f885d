package io.sanssh.spec.transport;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH2_MSG_PING} (OpenSSH PROTOCOL §1.9, OpenSSH 9.5 and later): asks the peer to echo
 * {@code data} in a {@link Pong}. The number 192 is in the local-extension range (RFC 4250 §4.1.2),
 * so only send it to a peer that announced {@code ping@openssh.com} version "0" in
 * {@link ExtInfo}; others answer with {@link Unimplemented}. OpenSSH's client uses it to hide
 * keystroke timing.
 *
 * @param data bytes to echo, possibly empty
 */
public record Ping(Bytes data) implements SshMessage {
    /** The message number, from OpenSSH's {@code ssh2.h}. */
    public static final int MESSAGE_NUMBER = 192;

    /** Requires {@code data} to be non-null. */
    public Ping {
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

    /**
     * The reply the receiver must queue: a {@link Pong} with the same data. Replies leave in the order
     * the pings arrived, held back while a key exchange runs (OpenSSH PROTOCOL §1.9).
     */
    public Pong reply() {
        return new Pong(data);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Ping readBody(SshReader r) {
        return new Ping(r.readString());
    }
}
