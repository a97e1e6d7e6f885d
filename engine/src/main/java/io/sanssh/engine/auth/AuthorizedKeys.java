package io.sanssh.engine.auth;

import io.sanssh.engine.keys.CertificateCheck;
import io.sanssh.engine.keys.OpenSshCertificate;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.spec.wire.SshFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One user's authorized_keys file in OpenSSH's format (sshd(8), AUTHORIZED_KEYS FILE FORMAT), as
 * a {@link PublicKeyAuthenticator}: {@code [options] keytype base64 [comment]} per line, blank
 * lines and {@code #} comments ignored.
 *
 * <p>A plain line authorizes exactly its key. A {@code cert-authority} line authorizes user
 * certificates signed by its key, if the certificate passes {@link AuthContext#certificateChecker()}
 * (type user, valid now, a principal that is the user name, or, with {@code principals="..."},
 * one of those names). Lines are tried in order; a line whose {@code from=} or {@code expiry-time}
 * does not allow this client is skipped and the search goes on, as in sshd.
 *
 * <p>Lines that cannot be parsed (an unknown option, a bad quote, an unsupported key type) are
 * skipped and listed in {@link #problems()}, so one bad line does not lock the user out. Build one
 * per user from text read by the application; the engine reads no files.
 */
public final class AuthorizedKeys implements PublicKeyAuthenticator {
    /**
     * One usable line.
     *
     * @param lineNumber 1-based line number in the text
     * @param options its options ({@link KeyOptions#UNRESTRICTED}-like defaults when none)
     * @param key its key: the CA key on a {@code cert-authority} line
     * @param comment the comment, possibly empty
     */
    public record Entry(int lineNumber, KeyOptions options, SshPublicKey key, String comment) {
    }

    /**
     * A line that was skipped.
     *
     * @param lineNumber 1-based line number in the text
     * @param reason what is wrong with it
     */
    public record Problem(int lineNumber, String reason) {
    }

    private final List<Entry> entries;
    private final List<Problem> problems;

    private AuthorizedKeys(List<Entry> entries, List<Problem> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    /** Parses the text of an authorized_keys file; never throws for bad lines (see {@link #problems()}). */
    public static AuthorizedKeys parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parseLine(n + 1, line));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(n + 1, e.getMessage()));
            }
        }
        return new AuthorizedKeys(entries, problems);
    }

    private static Entry parseLine(int number, String line) {
        KeyOptions options = KeyOptions.UNRESTRICTED;
        String keyPart = line;
        if (!looksLikeKeyType(line)) {
            int end = KeyOptionsParser.fieldEnd(line);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated quote in the options");
            }
            options = KeyOptionsParser.parse(line.substring(0, end));
            keyPart = line.substring(end).strip();
        }
        String[] words = keyPart.split("[ \t]+", 3);
        if (words.length < 2) {
            throw new IllegalArgumentException("no key type and key after the options");
        }
        SshPublicKey key;
        try {
            key = PublicKeys.parseOpenSshLine(words[0] + " " + words[1]);
        } catch (SshFormatException e) {
            throw new IllegalArgumentException("unusable key: " + e.getMessage());
        }
        if (key.isCertificate()) {
            throw new IllegalArgumentException("a certificate never matches: list its CA with cert-authority");
        }
        return new Entry(number, options, key, words.length > 2 ? words[2] : "");
    }

    /** Key types start so; no option name does ({@code cert-authority}, {@code no-pty}, ...). */
    private static boolean looksLikeKeyType(String line) {
        return line.startsWith("ssh-") || line.startsWith("ecdsa-") || line.startsWith("sk-");
    }

    /** The usable lines, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The lines that were skipped, with reasons: worth logging. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * Finds the first line that authorizes {@code key} for {@code user} from this client now. Call
     * from the engine (as a {@link PublicKeyAuthenticator}) or directly, e.g. to test a file.
     */
    @Override
    public KeyVerdict check(String user, SshPublicKey key, AuthContext context) {
        Objects.requireNonNull(user, "user");
        String why = "no authorized_keys line for " + key.keyType() + " " + key.fingerprint();
        for (Entry e : entries) {
            boolean candidate = key.isCertificate()
                    ? e.options().certAuthority() && e.key().equals(((OpenSshCertificate) key).signatureKey())
                    : !e.options().certAuthority() && e.key().equals(key);
            if (!candidate) {
                continue;
            }
            String refusal = refusal(e, context);
            if (refusal == null && key.isCertificate()) {
                KeyVerdict v = checkCertificate(user, (OpenSshCertificate) key, e, context);
                if (v.allowed()) {
                    return v;
                }
                refusal = v.reason();
            }
            if (refusal == null) {
                return KeyVerdict.allow(e.options());
            }
            why = "line " + e.lineNumber() + ": " + refusal;
        }
        return KeyVerdict.deny(why);
    }

    /** Why line {@code e} does not apply to this client now ({@code from=}, {@code expiry-time}), or null. */
    private static String refusal(Entry e, AuthContext context) {
        KeyOptions o = e.options();
        if (!o.from().isEmpty() && !AddressPatterns.matches(o.from(), context.clientHost(), context.clientAddress())) {
            return "client " + context.clientAddress() + " not allowed by from=\"" + String.join(",", o.from()) + "\"";
        }
        if (o.expiresAt() != null) {
            OptionalLong now = context.nowEpochSeconds();
            if (now.isEmpty()) {
                return "expiry-time set but the server has no time source";
            }
            if (!o.unexpiredAt(now.getAsLong())) {
                return "key expired by expiry-time";
            }
        }
        return null;
    }

    private static KeyVerdict checkCertificate(String user, OpenSshCertificate cert, Entry e, AuthContext context) {
        OptionalLong now = context.nowEpochSeconds();
        if (now.isEmpty()) {
            return KeyVerdict.deny("certificates need a time source in the server configuration");
        }
        String principal = user;
        if (!e.options().principals().isEmpty()) {
            principal = cert.principals().stream().filter(e.options().principals()::contains).findFirst().orElse(null);
            if (principal == null) {
                return KeyVerdict.deny("certificate principals " + cert.principals()
                        + " are not among principals=\"" + String.join(",", e.options().principals()) + "\"");
            }
        }
        CertificateCheck check = context.certificateChecker().checkUser(cert, principal, now.getAsLong());
        if (!check.isValid()) {
            return KeyVerdict.deny("certificate " + check.outcome() + ": " + check.detail());
        }
        KeyOptions merged;
        try {
            merged = e.options().restrictedBy(cert);
        } catch (SshFormatException ex) {
            return KeyVerdict.deny("certificate force-command is malformed");
        }
        if (merged == null) {
            return KeyVerdict.deny("certificate force-command differs from command=");
        }
        return KeyVerdict.allow(merged);
    }
}
