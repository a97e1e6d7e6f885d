package io.sanssh.engine.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host field of a known_hosts line (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT): either one hashed
 * name {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, or a comma-separated list of
 * patterns with {@code *} and {@code ?} wildcards, where a pattern starting with {@code !} negates:
 * a host matching a negated pattern is not matched by the line even if another pattern matches.
 *
 * <p>Names are compared in lower case, as OpenSSH does. A name for a port other than 22 is
 * {@code [host]:port}; patterns match that whole string, so {@code [*.example]:2222} works.
 */
final class HostPatterns {
    /** The prefix of a hashed host name. */
    static final String HASH_MAGIC = "|1|";
    /** HMAC-SHA1 output and salt size. */
    static final int HASH_BYTES = 20;

    private final String field;
    private final String[] patterns;
    private final byte[] salt;
    private final byte[] hash;

    private HostPatterns(String field, String[] patterns, byte[] salt, byte[] hash) {
        this.field = field;
        this.patterns = patterns;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Parses a host field.
     *
     * @throws IllegalArgumentException with a reason, for a malformed hashed name or an empty pattern
     */
    static HostPatterns parse(String field) {
        if (field.startsWith(HASH_MAGIC)) {
            String rest = field.substring(HASH_MAGIC.length());
            int bar = rest.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("hashed host name lacks its hash");
            }
            byte[] salt = Base64.getDecoder().decode(rest.substring(0, bar));
            byte[] hash = Base64.getDecoder().decode(rest.substring(bar + 1));
            if (salt.length != HASH_BYTES || hash.length != HASH_BYTES) {
                throw new IllegalArgumentException("hashed host name has a salt or hash that is not 20 bytes");
            }
            return new HostPatterns(field, null, salt, hash);
        }
        String[] patterns = field.toLowerCase(Locale.ROOT).split(",", -1);
        for (String p : patterns) {
            if (p.isEmpty() || p.equals("!")) {
                throw new IllegalArgumentException("empty host pattern in '" + field + "'");
            }
        }
        return new HostPatterns(field, patterns, null, null);
    }

    /** The field as written in the file. */
    String field() {
        return field;
    }

    /** Whether the field is a hashed name. */
    boolean isHashed() {
        return salt != null;
    }

    /** Whether this field matches {@code name} (already in {@code [host]:port} form if needed). */
    boolean matches(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (salt != null) {
            return MessageDigest.isEqual(hash, hmac(salt, lower));
        }
        boolean matched = false;
        for (String p : patterns) {
            if (p.charAt(0) == '!') {
                if (glob(p, 1, lower)) {
                    return false;
                }
            } else if (!matched && glob(p, 0, lower)) {
                matched = true;
            }
        }
        return matched;
    }

    /** The hashed form of {@code name} with {@code salt}: {@code |1|salt|hash}. */
    static String hashed(String name, byte[] salt) {
        Base64.Encoder b64 = Base64.getEncoder();
        return HASH_MAGIC + b64.encodeToString(salt) + "|"
                + b64.encodeToString(hmac(salt, name.toLowerCase(Locale.ROOT)));
    }

    private static byte[] hmac(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA1", e);
        }
    }

    /**
     * Matches {@code s} against the glob {@code pattern} from index {@code from}: {@code *} any
     * run of characters, {@code ?} any one. Backtracks only to the last star, so the cost is at
     * most pattern length times string length.
     */
    static boolean glob(String pattern, int from, String s) {
        int p = from;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < s.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
