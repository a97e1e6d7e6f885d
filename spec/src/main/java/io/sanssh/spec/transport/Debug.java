package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_DEBUG} (RFC 4253 §11.3): diagnostic text the receiver may show or drop. Allowed
 * during a non-strict key exchange (RFC 4253 §7.1).
 *
 * @param alwaysDisplay the sender asks that the message be shown even when not debugging
 * @param message the text (UTF-8); RFC 4253 §11.3 asks receivers to filter control characters
 *     before showing it
 * @param language RFC 3066 language tag, usually empty
 */
public record Debug(boolean alwaysDisplay, String message, String language) implements SshMessage {
    /** Checks that both texts can be written as UTF-8. */
    public Debug {
        FieldChecks.utf8(message, "message");
        FieldChecks.utf8(language, "language");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.DEBUG;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeBoolean(alwaysDisplay).writeUtf8(message).writeUtf8(language);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static Debug readBody(SshReader r) {
        return new Debug(r.readBoolean(), r.readUtf8(), r.readUtf8());
    }
}
