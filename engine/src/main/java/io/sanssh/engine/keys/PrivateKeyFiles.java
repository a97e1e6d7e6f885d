package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KeyFileException.Reason;

/**
 * Reads and writes private key files from and to text; the caller does the file I/O.
 *
 * <p>Reads:
 * <ul>
 *   <li>{@code -----BEGIN OPENSSH PRIVATE KEY-----} (openssh-key-v1, PROTOCOL.key), unencrypted
 *       or encrypted with bcrypt_pbkdf and aes{128,192,256}-ctr, aes{128,192,256}-cbc or
 *       aes{128,256}-gcm@openssh.com; Ed25519, ECDSA P-256/384/521, RSA;
 *   <li>{@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8: RSA, EC, Ed25519);
 *   <li>{@code -----BEGIN RSA PRIVATE KEY-----} and {@code -----BEGIN EC PRIVATE KEY-----}
 *       (traditional OpenSSL PEM), unencrypted only.
 * </ul>
 * Encrypted PKCS#8 and encrypted traditional PEM ({@code Proc-Type: 4,ENCRYPTED}) are refused as
 * {@link Reason#UNSUPPORTED}: re-encrypt them with {@code ssh-keygen -p}, which writes
 * openssh-key-v1. Every failure is a {@link KeyFileException} with a {@link Reason}; nothing
 * else escapes.
 *
 * <p>Writes unencrypted openssh-key-v1 (for generated host keys), readable by OpenSSH.
 */
public final class PrivateKeyFiles {
    private PrivateKeyFiles() {
    }

    /**
     * Reads a private key file's text.
     *
     * @param passphraseOrNull the passphrase for an encrypted file; ignored for a plain one. The
     *     caller may wipe the array afterwards.
     * @throws KeyFileException with PASSPHRASE_REQUIRED (encrypted, no passphrase), WRONG_PASSPHRASE,
     *     MALFORMED (not a key file, bad base64, truncated, wrong magic), UNSUPPORTED or INCONSISTENT
     */
    public static SshKeyPair read(String text, char[] passphraseOrNull) {
        Pem pem = Pem.parse(text);
        switch (pem.label()) {
            case OpenSshKeyFile.LABEL:
                return OpenSshKeyFile.decode(pem.content(), passphraseOrNull);
            case PemKeyFile.PKCS8_LABEL:
                return PemKeyFile.readPkcs8(pem.content());
            case PemKeyFile.RSA_LABEL:
                refuseEncryptedPem(pem);
                return PemKeyFile.readRsa(pem.content());
            case PemKeyFile.EC_LABEL:
                refuseEncryptedPem(pem);
                return PemKeyFile.readEc(pem.content());
            case PemKeyFile.ENCRYPTED_PKCS8_LABEL:
                throw new KeyFileException(Reason.UNSUPPORTED,
                        "encrypted PKCS#8 is not supported; convert with ssh-keygen -p -f FILE");
            default:
                throw new KeyFileException(Reason.UNSUPPORTED, "key file kind '" + pem.label() + "' is not supported");
        }
    }

    /**
     * Whether the file's text is an encrypted key, so the caller knows to ask for a passphrase
     * before {@link #read}.
     *
     * @throws KeyFileException (MALFORMED) if it is not a key file at all
     */
    public static boolean isEncrypted(String text) {
        Pem pem = Pem.parse(text);
        switch (pem.label()) {
            case OpenSshKeyFile.LABEL:
                try {
                    return OpenSshKeyFile.isEncrypted(pem.content());
                } catch (io.sanssh.spec.wire.SshFormatException e) {
                    throw new KeyFileException(Reason.MALFORMED, "malformed openssh-key-v1 file: " + e.getMessage());
                }
            case PemKeyFile.ENCRYPTED_PKCS8_LABEL:
                return true;
            default:
                return isEncryptedPem(pem);
        }
    }

    /**
     * Writes {@code keyPair} as an unencrypted openssh-key-v1 file ({@code -----BEGIN OPENSSH
     * PRIVATE KEY-----}, base64 in 70 columns, ending in a newline), as {@code ssh-keygen -N ''}
     * writes it. The output depends only on the key and comment.
     *
     * @param comment stored in the file (ssh-keygen shows it); null for none
     * @throws IllegalArgumentException if {@code keyPair} was not made by Sanssh
     *     ({@link KeyPairs} or {@link #read}), so its private half cannot be read out
     */
    public static String writeOpenSsh(SshKeyPair keyPair, String comment) {
        if (!(keyPair instanceof OpenSshPrivateKey key)) {
            throw new IllegalArgumentException("only Sanssh's own key pairs can be written, not "
                    + keyPair.getClass().getName());
        }
        return Pem.format(OpenSshKeyFile.LABEL, OpenSshKeyFile.encode(key, comment));
    }

    private static boolean isEncryptedPem(Pem pem) {
        String procType = pem.headers().get("Proc-Type");
        return procType != null && procType.contains("ENCRYPTED");
    }

    private static void refuseEncryptedPem(Pem pem) {
        if (isEncryptedPem(pem)) {
            throw new KeyFileException(Reason.UNSUPPORTED,
                    "encrypted traditional PEM is not supported; convert with ssh-keygen -p -f FILE");
        }
    }
}
