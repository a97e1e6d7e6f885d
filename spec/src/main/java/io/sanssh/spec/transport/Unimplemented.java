package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_UNIMPLEMENTED} (RFC 4253 §11.4): the answer to a message whose number the
 * receiver does not know. It names the rejected packet by its sequence number, which is why the
 * engine must know the sequence number of every packet it received.
 *
 * @param sequenceNumber the uint32 sequence number of the rejected packet, 0..2^32-1
 */
public record Unimplemented(long sequenceNumber) implements SshMessage {
    /** Requires the sequence number to fit a uint32. */
    public Unimplemented {
        FieldChecks.uint32(sequenceNumber, "sequenceNumber");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.UNIMPLEMENTED;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUint32(sequenceNumber);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Unimplemented readBody(SshReader r) {
        return new Unimplemented(r.readUint32());
    }
}
