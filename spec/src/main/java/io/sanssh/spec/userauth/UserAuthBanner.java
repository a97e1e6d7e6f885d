package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_USERAUTH_BANNER} (RFC 4252 §5.4): text the server wants shown to the user, sent
 * at any time before authentication succeeds.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_BANNER (53)
 * string    message in ISO-10646 UTF-8
 * string    language tag (RFC 3066)
 * </pre>
 *
 * <p>The text comes from the peer: a client should strip control characters before printing it
 * (RFC 4252 §5.4, §9).
 */
public record UserAuthBanner(String message, String language) implements SshMessage {
    public UserAuthBanner {
        FieldChecks.utf8(message, "message");
        FieldChecks.utf8(language, "language");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_BANNER;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUtf8(message).writeUtf8(language);
    }

    static UserAuthBanner read(SshReader r) {
        String message = r.readUtf8();
        String language = r.readUtf8();
        r.expectEnd("SSH_MSG_USERAUTH_BANNER");
        return new UserAuthBanner(message, language);
    }
}
