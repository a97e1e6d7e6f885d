package io.sanssh.engine.keys;

import io.sanssh.engine.keys.KeyFileException.Reason;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.BCrypt;

/**
 * OpenSSH's own private key format, openssh-key-v1 (OpenSSH PROTOCOL.key):
 * <pre>
 *   "openssh-key-v1" 0x00, string ciphername, string kdfname, string kdfoptions,
 *   uint32 N (always 1), string publickey, string encrypted-section [, auth tag]
 *   encrypted-section = uint32 checkint, uint32 checkint, private key, string comment, 1 2 3 ... padding
 * </pre>
 * Encrypted files derive key and IV with bcrypt_pbkdf (kdfoptions {@code string salt, uint32
 * rounds}; Bouncy Castle's {@link BCrypt#pbkdfGenerate}). Equal check-ints after decryption prove
 * the passphrase; for AES-GCM the tag already does.
 */
final class OpenSshKeyFile {
    static final String LABEL = "OPENSSH PRIVATE KEY";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    /** The ciphers OpenSSH may use for key files, minus chacha20-poly1305 (never a default). */
    private enum KeyCipher {
        NONE("none", 0, 0, 8, 0, null),
        AES128_CTR("aes128-ctr", 16, 16, 16, 0, "AES/CTR/NoPadding"),
        AES192_CTR("aes192-ctr", 24, 16, 16, 0, "AES/CTR/NoPadding"),
        AES256_CTR("aes256-ctr", 32, 16, 16, 0, "AES/CTR/NoPadding"),
        AES128_CBC("aes128-cbc", 16, 16, 16, 0, "AES/CBC/NoPadding"),
        AES192_CBC("aes192-cbc", 24, 16, 16, 0, "AES/CBC/NoPadding"),
        AES256_CBC("aes256-cbc", 32, 16, 16, 0, "AES/CBC/NoPadding"),
        AES128_GCM("aes128-gcm@openssh.com", 16, 12, 16, 16, "AES/GCM/NoPadding"),
        AES256_GCM("aes256-gcm@openssh.com", 32, 12, 16, 16, "AES/GCM/NoPadding");

        final String name;
        final int keyLen;
        final int ivLen;
        final int blockSize;
        final int authLen;
        final String transformation;

        KeyCipher(String name, int keyLen, int ivLen, int blockSize, int authLen, String transformation) {
            this.name = name;
            this.keyLen = keyLen;
            this.ivLen = ivLen;
            this.blockSize = blockSize;
            this.authLen = authLen;
            this.transformation = transformation;
        }

        static KeyCipher of(String name) {
            for (KeyCipher c : values()) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            throw new KeyFileException(Reason.UNSUPPORTED, "key file cipher " + name + " is not supported");
        }
    }

    private OpenSshKeyFile() {
    }

    /** Whether the binary content is encrypted (cipher other than none). */
    static boolean isEncrypted(byte[] content) {
        return !"none".equals(header(content).readAscii());
    }

    private static SshReader header(byte[] content) {
        if (content.length < MAGIC.length || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new KeyFileException(Reason.MALFORMED, "not an openssh-key-v1 file (wrong magic)");
        }
        return new SshReader(content, MAGIC.length, content.length - MAGIC.length);
    }

    /** Decodes the binary content of an openssh-key-v1 file. */
    static OpenSshPrivateKey decode(byte[] content, char[] passphrase) {
        try {
            return decodeChecked(content, passphrase);
        } catch (SshFormatException e) {
            throw new KeyFileException(Reason.MALFORMED, "malformed openssh-key-v1 file: " + e.getMessage());
        }
    }

    private static OpenSshPrivateKey decodeChecked(byte[] content, char[] passphrase) {
        SshReader r = header(content);
        KeyCipher cipher = KeyCipher.of(r.readAscii());
        String kdf = r.readAscii();
        Bytes kdfOptions = r.readString();
        long count = r.readUint32();
        if (count != 1) {
            throw new KeyFileException(Reason.UNSUPPORTED, "files with " + count + " keys are not supported");
        }
        Bytes publicBlob = r.readString();
        byte[] section = r.readStringBytes();
        byte[] tag = cipher.authLen > 0 ? r.readFixed(cipher.authLen).toByteArray() : new byte[0];
        r.expectEnd("openssh-key-v1 file");
        if (section.length % cipher.blockSize != 0) {
            throw new KeyFileException(Reason.MALFORMED, "private section is not a whole number of blocks");
        }
        boolean encrypted = cipher != KeyCipher.NONE;
        if (encrypted) {
            if (!"bcrypt".equals(kdf)) {
                throw new KeyFileException(Reason.UNSUPPORTED, "key derivation " + kdf + " is not supported");
            }
            if (passphrase == null) {
                throw new KeyFileException(Reason.PASSPHRASE_REQUIRED, "the key file is encrypted");
            }
            section = decrypt(cipher, kdfOptions, passphrase, section, tag);
        } else if (!"none".equals(kdf) || kdfOptions.length() != 0) {
            throw new KeyFileException(Reason.MALFORMED, "unencrypted file names key derivation " + kdf);
        }
        try {
            return readSection(section, cipher, encrypted, publicBlob);
        } finally {
            if (encrypted) {
                Arrays.fill(section, (byte) 0);
            }
        }
    }

    /** Reads the (decrypted) private section: check-ints, key, comment, padding. */
    private static OpenSshPrivateKey readSection(byte[] section, KeyCipher cipher, boolean encrypted,
            Bytes publicBlob) {
        SshReader p = new SshReader(section);
        if (p.readInt() != p.readInt()) {
            throw encrypted ? new KeyFileException(Reason.WRONG_PASSPHRASE, "wrong passphrase (check-ints differ)")
                    : new KeyFileException(Reason.MALFORMED, "check-ints differ in an unencrypted file");
        }
        OpenSshPrivateKey key = readPrivate(p);
        p.readString(); // comment
        for (int pad = 1; p.hasRemaining(); pad++) {
            if (p.readByte() != pad || pad >= cipher.blockSize) {
                throw new KeyFileException(Reason.MALFORMED, "bad padding after the private key");
            }
        }
        if (!key.publicKey().blob().equals(publicBlob)) {
            throw new KeyFileException(Reason.INCONSISTENT, "the private key does not match the file's public key");
        }
        return key;
    }

    private static byte[] decrypt(KeyCipher cipher, Bytes kdfOptions, char[] passphrase, byte[] section,
            byte[] tag) {
        SshReader o = SshReader.of(kdfOptions);
        byte[] salt = o.readStringBytes();
        long rounds = o.readUint32();
        o.expectEnd("bcrypt options");
        if (rounds < 1 || rounds > Integer.MAX_VALUE || salt.length == 0) {
            throw new KeyFileException(Reason.MALFORMED, "bad bcrypt options: " + rounds + " rounds");
        }
        byte[] pass = utf8(passphrase);
        byte[] keyIv;
        try {
            keyIv = BCrypt.pbkdfGenerate(pass, salt, (int) rounds, cipher.keyLen + cipher.ivLen);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(Reason.WRONG_PASSPHRASE, "passphrase rejected: " + e.getMessage());
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
        try {
            Cipher c = Cipher.getInstance(cipher.transformation);
            SecretKeySpec key = new SecretKeySpec(keyIv, 0, cipher.keyLen, "AES");
            if (cipher.authLen > 0) {
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(cipher.authLen * 8, keyIv, cipher.keyLen,
                        cipher.ivLen));
                byte[] sealed = Arrays.copyOf(section, section.length + tag.length);
                System.arraycopy(tag, 0, sealed, section.length, tag.length);
                return c.doFinal(sealed);
            }
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(keyIv, cipher.keyLen, cipher.ivLen));
            return c.doFinal(section);
        } catch (AEADBadTagException e) {
            throw new KeyFileException(Reason.WRONG_PASSPHRASE, "wrong passphrase (authentication tag mismatch)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + cipher.transformation, e);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
        }
    }

    private static byte[] utf8(char[] passphrase) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(passphrase));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            if (b.hasArray()) {
                Arrays.fill(b.array(), (byte) 0);
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new KeyFileException(Reason.WRONG_PASSPHRASE, "passphrase is not valid Unicode");
        }
    }

    /** Reads {@code string type} and the type's private fields (PROTOCOL.key, sshkey.c layouts). */
    private static OpenSshPrivateKey readPrivate(SshReader p) {
        String type = p.readAscii();
        if (PublicKeys.ED25519.equals(type)) {
            byte[] pk = p.readStringBytes();
            byte[] sk = p.readStringBytes();
            if (pk.length != 32 || sk.length != 64 || !Arrays.equals(sk, 32, 64, pk, 0, 32)) {
                throw new KeyFileException(Reason.MALFORMED, "Ed25519 private key has the wrong layout");
            }
            byte[] seed = Arrays.copyOf(sk, 32);
            Arrays.fill(sk, (byte) 0);
            return KeyMath.ed25519(seed, pk);
        }
        if (PublicKeys.RSA.equals(type)) {
            BigInteger n = p.readMpint();
            BigInteger e = p.readMpint();
            BigInteger d = p.readMpint();
            BigInteger iqmp = p.readMpint();
            BigInteger rp = p.readMpint();
            BigInteger rq = p.readMpint();
            return KeyMath.rsa(n, e, d, rp, rq, iqmp);
        }
        EcCurve curve = EcCurve.fromKeyType(type);
        if (curve != null) {
            if (!curve.identifier().equals(p.readAscii())) {
                throw new KeyFileException(Reason.MALFORMED, "ECDSA key names the wrong curve");
            }
            byte[] q = p.readStringBytes();
            return KeyMath.ecdsa(curve, p.readMpint(), q);
        }
        throw new KeyFileException(Reason.UNSUPPORTED, "private key type " + type + " is not supported");
    }

    /** Encodes an unencrypted openssh-key-v1 file's binary content. */
    static byte[] encode(OpenSshPrivateKey key, String comment) {
        Bytes publicBlob = key.publicKey().blob();
        // Check-ints only detect a wrong passphrase; in a plain file any value works. Deriving it
        // from the public key keeps the output a function of the key, with no randomness needed.
        byte[] h = PlainPublicKey.digest("SHA-256").digest(publicBlob.toByteArray());
        int check = ByteBuffer.wrap(h).getInt();
        SshWriter section = new SshWriter(512).writeInt(check).writeInt(check);
        key.writeOpenSshPrivate(section);
        section.writeUtf8(comment == null ? "" : comment);
        for (int pad = 1; section.size() % KeyCipher.NONE.blockSize != 0; pad++) {
            section.writeByte(pad);
        }
        byte[] plain = section.toByteArray();
        SshWriter w = new SshWriter(plain.length + publicBlob.length() + 64);
        w.writeRaw(MAGIC, 0, MAGIC.length).writeAscii("none").writeAscii("none").writeString(new byte[0])
                .writeInt(1).writeString(publicBlob).writeString(plain);
        Arrays.fill(plain, (byte) 0);
        return w.toByteArray();
    }
}
