package io.sanssh.spec.message;

import io.sanssh.spec.wire.SshWriter;

/**
 * An SSH message: the payload of one binary packet (RFC 4253 §6), a message number byte followed
 * by the fields of the message.
 *
 * <p>Implementations are immutable records. Each family has a codec class with a static
 * {@code decode} that is the inverse of {@link #encode()}; see {@link MessageNumbers} for the
 * table of numbers and the families that share the context-dependent ranges.
 */
public interface SshMessage {
    /** The message number (the first payload byte). */
    int messageNumber();

    /** Writes the fields after the message number byte. */
    void encodeBody(SshWriter w);

    /** Writes the whole payload: number byte, then the fields. */
    default void encodeTo(SshWriter w) {
        w.writeByte(messageNumber());
        encodeBody(w);
    }

    /** The whole payload as a fresh array. */
    default byte[] encode() {
        SshWriter w = new SshWriter(64);
        encodeTo(w);
        return w.toByteArray();
    }
}
