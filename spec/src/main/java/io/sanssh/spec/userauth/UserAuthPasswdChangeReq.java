package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_USERAUTH_PASSWD_CHANGEREQ} (RFC 4252 §8): the password has expired; the client
 * should answer with a "password" request whose change flag is set.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_PASSWD_CHANGEREQ (60)
 * string    prompt in ISO-10646 UTF-8
 * string    language tag (RFC 3066)
 * </pre>
 *
 * <p>Number 60 means this only while the "password" method is in progress
 * ({@link AuthMethodContext#PASSWORD}).
 */
public record UserAuthPasswdChangeReq(String prompt, String language) implements SshMessage {
    public UserAuthPasswdChangeReq {
        FieldChecks.utf8(prompt, "prompt");
        FieldChecks.utf8(language, "language");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_PASSWD_CHANGEREQ;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUtf8(prompt).writeUtf8(language);
    }

    static UserAuthPasswdChangeReq read(SshReader r) {
        String prompt = r.readUtf8();
        String language = r.readUtf8();
        r.expectEnd("SSH_MSG_USERAUTH_PASSWD_CHANGEREQ");
        return new UserAuthPasswdChangeReq(prompt, language);
    }
}
