package io.sanssh.spec.userauth;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SSH_MSG_USERAUTH_INFO_REQUEST} (RFC 4256 §3.2): the server asks the user some questions
 * during "keyboard-interactive"; the client answers with {@link UserAuthInfoResponse}, one
 * response per prompt in the same order. A request with no prompts is legal and is answered with
 * an empty response (§3.3).
 *
 * <pre>
 * byte      SSH_MSG_USERAUTH_INFO_REQUEST (60)
 * string    name (ISO-10646 UTF-8)
 * string    instruction (ISO-10646 UTF-8)
 * string    language tag (RFC 3066)
 * int       num-prompts
 * string    prompt[1] (ISO-10646 UTF-8)
 * boolean   echo[1]
 * ...
 * string    prompt[num-prompts]
 * boolean   echo[num-prompts]
 * </pre>
 *
 * <p>Number 60 means this only while "keyboard-interactive" is in progress
 * ({@link AuthMethodContext#KEYBOARD_INTERACTIVE}).
 */
public record UserAuthInfoRequest(String name, String instruction, String language, List<Prompt> prompts)
        implements SshMessage {
    /** Smallest encoding of one prompt: an empty string and a boolean. */
    private static final int MIN_PROMPT_BYTES = 5;

    public UserAuthInfoRequest {
        FieldChecks.utf8(name, "name");
        FieldChecks.utf8(instruction, "instruction");
        FieldChecks.utf8(language, "language");
        prompts = List.copyOf(prompts);
    }

    /**
     * One question for the user.
     *
     * @param prompt the text to show
     * @param echo whether the answer may be shown as it is typed (false for secrets)
     */
    public record Prompt(String prompt, boolean echo) {
        public Prompt {
            FieldChecks.utf8(prompt, "prompt");
        }
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.USERAUTH_INFO_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUtf8(name).writeUtf8(instruction).writeUtf8(language).writeInt(prompts.size());
        for (Prompt p : prompts) {
            w.writeUtf8(p.prompt()).writeBoolean(p.echo());
        }
    }

    static UserAuthInfoRequest read(SshReader r) {
        String name = r.readUtf8();
        String instruction = r.readUtf8();
        String language = r.readUtf8();
        long count = r.readUint32();
        if (count > r.remaining() / MIN_PROMPT_BYTES) {
            throw new SshFormatException("SSH_MSG_USERAUTH_INFO_REQUEST claims " + count
                    + " prompts in " + r.remaining() + " bytes");
        }
        List<Prompt> prompts = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            prompts.add(new Prompt(r.readUtf8(), r.readBoolean()));
        }
        r.expectEnd("SSH_MSG_USERAUTH_INFO_REQUEST");
        return new UserAuthInfoRequest(name, instruction, language, prompts);
    }

    /** A request with the given prompts and empty name, instruction and language. */
    public static UserAuthInfoRequest of(Prompt... prompts) {
        return new UserAuthInfoRequest("", "", "", List.of(Objects.requireNonNull(prompts)));
    }
}
