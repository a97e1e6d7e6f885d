package io.sanssh.drivers.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The login shell of a local user, from {@code /etc/passwd} (passwd(5): the seventh field), as
 * sshd runs it for an interactive session. {@code /bin/sh} when the user is not listed there, the
 * field is empty, or the file cannot be read.
 */
final class LoginShell {
    static final String FALLBACK = "/bin/sh";
    private static final Path PASSWD = Path.of("/etc/passwd");

    private LoginShell() {
    }

    /** {@code user}'s login shell, or {@link #FALLBACK}. */
    static String of(String user) {
        try {
            return of(user, Files.readString(PASSWD, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return FALLBACK;
        }
    }

    /** {@code user}'s login shell in the text of a passwd file, or {@link #FALLBACK}. */
    static String of(String user, String passwd) {
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[0].equals(user) && !f[6].isBlank()) {
                return f[6].strip();
            }
        }
        return FALLBACK;
    }
}
