package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Optional;

/**
 * {@code SSH_MSG_DISCONNECT} (RFC 4253 §11.1): the last message of a connection, from either side,
 * at any time, even during key exchange (RFC 4253 §7.1).
 *
 * <p>The reason code is kept as its raw 32 bits because a peer may send codes outside the table
 * of RFC 4250 §4.2.2 (private use starts at 0xFE000000); {@link #reason()} maps it when it is known.
 *
 * @param reasonCode the uint32 reason code, raw
 * @param description human-readable text (UTF-8); may be empty
 * @param language RFC 3066 language tag, usually empty
 */
public record Disconnect(int reasonCode, String description, String language) implements SshMessage {
    /** Checks that both texts can be written as UTF-8. */
    public Disconnect {
        FieldChecks.utf8(description, "description");
        FieldChecks.utf8(language, "language");
    }

    /** A disconnect with a known reason and no language tag: what the engine sends. */
    public Disconnect(DisconnectReason reason, String description) {
        this(reason.code(), description, "");
    }

    /** The reason from the table of RFC 4253 §11.1, or empty for a code outside 1..15. */
    public Optional<DisconnectReason> reason() {
        return Optional.ofNullable(DisconnectReason.fromCode(reasonCode));
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.DISCONNECT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(reasonCode).writeUtf8(description).writeUtf8(language);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Disconnect readBody(SshReader r) {
        return new Disconnect(r.readInt(), r.readUtf8(), r.readUtf8());
    }
}
