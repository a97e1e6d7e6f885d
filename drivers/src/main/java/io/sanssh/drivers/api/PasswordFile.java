package io.sanssh.drivers.api;

import io.sanssh.engine.auth.AuthContext;
import io.sanssh.engine.auth.PasswordAuthenticator;
import io.sanssh.engine.auth.PasswordVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link PasswordAuthenticator} from lines {@code user:password} (blank lines and {@code #}
 * comments skipped; the password is everything after the first colon). Plain text: for tests,
 * demos and throw-away servers only. Comparisons take the same time whatever the password.
 */
public final class PasswordFile implements PasswordAuthenticator {
    private final Map<String, byte[]> passwords;

    private PasswordFile(Map<String, byte[]> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Users and their passwords. */
    public static PasswordFile of(Map<String, String> passwords) {
        Map<String, byte[]> m = new HashMap<>();
        passwords.forEach((u, p) -> m.put(u, p.getBytes(StandardCharsets.UTF_8)));
        return new PasswordFile(m);
    }

    /**
     * Parses the text of a password file.
     *
     * @throws IllegalArgumentException naming the first line without a colon
     */
    public static PasswordFile parse(String text) {
        Map<String, String> m = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("password file line " + (i + 1) + " is not user:password");
            }
            m.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return of(m);
    }

    /** Reads and parses {@code file}. */
    public static PasswordFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** How many users the file lists. */
    public int size() {
        return passwords.size();
    }

    @Override
    public PasswordVerdict authenticate(String user, String password, AuthContext context) {
        byte[] expected = passwords.get(user);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(expected == null ? new byte[0] : expected, given) && expected != null;
        return ok ? PasswordVerdict.accept() : PasswordVerdict.reject();
    }
}
