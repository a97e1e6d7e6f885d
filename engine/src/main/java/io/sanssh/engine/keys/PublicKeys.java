package io.sanssh.engine.keys;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Parses and prints public keys: the binary blob of RFC 4253 §6.6 and OpenSSH's one-line text
 * form ({@code .pub} files, {@code authorized_keys} lines without options, known_hosts keys).
 *
 * <p>Parsing is strict: every malformation, a point off its curve, an RSA modulus under 1024 bits,
 * trailing bytes or an unknown type is a {@link SshFormatException} with PROTOCOL_ERROR, and
 * nothing else escapes.
 */
public final class PublicKeys {
    /** The Ed25519 key type, RFC 8709. */
    public static final String ED25519 = "ssh-ed25519";
    /** The RSA key type, RFC 4253 §6.6. */
    public static final String RSA = "ssh-rsa";
    /** The ECDSA P-256 key type, RFC 5656. */
    public static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    /** The ECDSA P-384 key type, RFC 5656. */
    public static final String ECDSA_P384 = "ecdsa-sha2-nistp384";
    /** The ECDSA P-521 key type, RFC 5656. */
    public static final String ECDSA_P521 = "ecdsa-sha2-nistp521";

    static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    private PublicKeys() {
    }

    /**
     * Parses a public key or OpenSSH certificate blob.
     *
     * @throws SshFormatException for anything malformed or of an unknown type
     */
    public static SshPublicKey parse(Bytes blob) {
        SshReader r = SshReader.of(blob);
        String type = r.readAscii();
        if (type.endsWith(CERT_SUFFIX)) {
            return OpenSshCertificate.parse(type, r, blob);
        }
        SshPublicKey key = readFields(type, r);
        r.expectEnd(type + " public key");
        return key;
    }

    /**
     * Parses a plain (non-certificate) key blob; a certificate is refused. For places where a
     * certificate is not allowed, such as the signature key of a certificate.
     */
    static SshPublicKey parsePlain(Bytes blob) {
        SshReader r = SshReader.of(blob);
        String type = r.readAscii();
        SshPublicKey key = readFields(type, r);
        r.expectEnd(type + " public key");
        return key;
    }

    /**
     * Reads the fields that follow the type string of a plain key of type {@code type}: the
     * body of a key blob, and the key part of a certificate (PROTOCOL.certkeys).
     */
    static PlainPublicKey readFields(String type, SshReader r) {
        if (ED25519.equals(type)) {
            return Ed25519PublicKey.of(r.readStringBytes());
        }
        if (RSA.equals(type)) {
            BigInteger e = r.readMpint();
            BigInteger n = r.readMpint();
            return RsaPublicKey.of(e, n);
        }
        EcCurve curve = EcCurve.fromKeyType(type);
        if (curve != null) {
            String identifier = r.readAscii();
            if (!identifier.equals(curve.identifier())) {
                throw new SshFormatException("key type " + type + " names curve " + identifier);
            }
            return EcdsaPublicKey.of(curve, r.readStringBytes());
        }
        throw new SshFormatException("unknown public key type '" + type + "'");
    }

    /**
     * Parses OpenSSH's one-line format {@code type base64 [comment]}, as in {@code .pub} files and
     * {@code authorized_keys} lines that carry no options. Leading and trailing whitespace is
     * ignored; the comment is not kept.
     *
     * @throws SshFormatException for bad base64, a malformed blob, or a type word that differs
     *     from the blob's type
     */
    public static SshPublicKey parseOpenSshLine(String line) {
        String[] words = line.strip().split("[ \t]+", 3);
        if (words.length < 2) {
            throw new SshFormatException("public key line needs a type and a base64 key");
        }
        SshPublicKey key = parse(decodeBase64(words[1]));
        if (!key.keyType().equals(words[0])) {
            throw new SshFormatException("line says " + words[0] + " but the key is " + key.keyType());
        }
        return key;
    }

    /**
     * Prints a key in OpenSSH's one-line format: {@code type base64}, then a space and the comment
     * if {@code comment} is neither null nor empty.
     */
    public static String toOpenSshLine(SshPublicKey key, String comment) {
        String line = key.keyType() + " " + Base64.getEncoder().encodeToString(key.blob().toByteArray());
        return comment == null || comment.isEmpty() ? line : line + " " + comment;
    }

    /** Decodes standard padded base64, refusing anything else. */
    static Bytes decodeBase64(String text) {
        try {
            return Bytes.wrap(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new SshFormatException("bad base64: " + e.getMessage());
        }
    }
}
