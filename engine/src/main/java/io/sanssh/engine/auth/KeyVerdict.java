package io.sanssh.engine.auth;

import java.util.Objects;

/**
 * The answer of a {@link PublicKeyAuthenticator}: whether the key may log in, and under which
 * restrictions.
 *
 * @param allowed whether the key is acceptable for the user
 * @param options the restrictions that apply when it is (never {@code null}; {@link
 *     KeyOptions#UNRESTRICTED} for none)
 * @param reason why it was refused, for logs; empty when allowed
 */
public record KeyVerdict(boolean allowed, KeyOptions options, String reason) {
    public KeyVerdict {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(reason, "reason");
    }

    /** The key may log in under {@code options}. */
    public static KeyVerdict allow(KeyOptions options) {
        return new KeyVerdict(true, options, "");
    }

    /** The key may not log in, for {@code reason}. */
    public static KeyVerdict deny(String reason) {
        return new KeyVerdict(false, KeyOptions.UNRESTRICTED, reason);
    }
}
