package io.sanssh.engine.keys;

/**
 * A private key file that cannot be loaded, with the reason as a value the caller can act on:
 * ask for a passphrase, ask again, or report a broken or unsupported file.
 *
 * <p>{@link PrivateKeyFiles} throws only this for bad input, never a parser's or a provider's own
 * exception.
 */
public final class KeyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the file could not be loaded. */
    public enum Reason {
        /** Not a key file, bad base64, truncated, or a field that does not parse. */
        MALFORMED,
        /** A well-formed file of a kind Sanssh does not read (a cipher, KDF, key type, or encrypted PEM). */
        UNSUPPORTED,
        /** The file is encrypted and no passphrase was given. */
        PASSPHRASE_REQUIRED,
        /** The passphrase does not decrypt the file (or the encrypted part is corrupt). */
        WRONG_PASSPHRASE,
        /** The parts disagree: the private key does not match its public key. */
        INCONSISTENT
    }

    private final Reason reason;

    /** A failure for {@code reason}, described by {@code message}. */
    public KeyFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the file could not be loaded. */
    public Reason reason() {
        return reason;
    }
}
