package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SSH_MSG_USERAUTH_INFO_RESPONSE} (RFC 4256 §3.4): the client's answers to the last
 * {@link UserAuthInfoRequest}, one per prompt, in order. The server checks that the count matches
 * the prompts it sent; this record only carries them.
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_INFO_RESPONSE (61)
 * int       num-responses
 * string    response[1] (ISO-10646 UTF-8)
 * ...
 * string    response[num-responses] (ISO-10646 UTF-8)
 * </pre>
 *
 * <p>Number 61 means this only while "keyboard-interactive" is in progress
 * ({@link AuthMethodContext#KEYBOARD_INTERACTIVE}).
 */
public record UserAuthInfoResponse(List<String> responses) implements SshMessage {
    /** Smallest encoding of one response: an empty string. */
    private static final int MIN_RESPONSE_BYTES = 4;

    public UserAuthInfoResponse {
        responses = List.copyOf(responses);
        for (String s : responses) {
            FieldChecks.utf8(s, "response");
        }
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_INFO_RESPONSE;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeInt(responses.size());
        for (String s : responses) {
            w.writeUtf8(s);
        }
    }

    static UserAuthInfoResponse read(SshReader r) {
        long count = r.readUint32();
        if (count > r.remaining() / MIN_RESPONSE_BYTES) {
            throw new SshFormatException("SSH_MSG_USERAUTH_INFO_RESPONSE claims " + count
                    + " responses in " + r.remaining() + " bytes");
        }
        List<String> responses = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            responses.add(r.readUtf8());
        }
        r.expectEnd("SSH_MSG_USERAUTH_INFO_RESPONSE");
        return new UserAuthInfoResponse(responses);
    }

    /** Answers are often passwords or one-time codes: they stay out of logs. */
    @Override
    public String toString() {
        return "UserAuthInfoResponse[" + responses.size() + " responses, <redacted>]";
    }
}
