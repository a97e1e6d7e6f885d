package io.sanssh.engine.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sanssh.engine.keys.KeyFileException.Reason;
import io.sanssh.spec.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyFilesTest {
    private static final byte[] DATA = "to be signed".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASS = "pass".toCharArray();

    /** Loads NAME.key, and checks it signs, with every algorithm, what NAME.pub verifies. */
    private static SshKeyPair loadAndCheck(String name, char[] passphrase) {
        SshKeyPair pair = PrivateKeyFiles.read(KeyResources.text(name + ".key"), passphrase);
        SshPublicKey pub = KeyResources.pub(name + ".pub");
        assertEquals(pub, pair.publicKey());
        for (String alg : pub.signatureAlgorithms()) {
            assertTrue(pub.verify(alg, DATA, pair.sign(alg, DATA)), name + " " + alg);
        }
        return pair;
    }

    private static Reason failure(String text, char[] passphrase) {
        return assertThrows(KeyFileException.class, () -> PrivateKeyFiles.read(text, passphrase)).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa3072", "ca_rsa", "host_ecdsa256"})
    void unencryptedOpenSshKeysSignWhatTheirPubFileVerifies(String name) {
        loadAndCheck(name, null);
        assertFalse(PrivateKeyFiles.isEncrypted(KeyResources.text(name + ".key")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519_ctr", "ed25519_gcm", "ecdsa384_ctr", "rsa3072_gcm"})
    void encryptedOpenSshKeysOpenWithTheirPassphrase(String name) {
        assertTrue(PrivateKeyFiles.isEncrypted(KeyResources.text(name + ".key")));
        loadAndCheck(name, PASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519_ctr", "ed25519_gcm"})
    void wrongOrMissingPassphraseIsTyped(String name) {
        String text = KeyResources.text(name + ".key");
        assertEquals(Reason.PASSPHRASE_REQUIRED, failure(text, null));
        assertEquals(Reason.WRONG_PASSPHRASE, failure(text, "wrong".toCharArray()));
        assertEquals(Reason.WRONG_PASSPHRASE, failure(text, new char[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa_pkcs8", "ecdsa256_pkcs8", "rsa_pem", "ecdsa384_pem", "ecdsa521_pem"})
    void pkcs8AndTraditionalPemKeysFromSshKeygenLoad(String name) {
        loadAndCheck(name, null);
    }

    @Test
    void ed25519Pkcs8FromOpensslLoads() {
        SshKeyPair pair = PrivateKeyFiles.read(KeyResources.text("ed25519_pkcs8.key"), null);
        assertEquals(KeyResources.text("ed25519_pkcs8.pubhex.txt").strip(),
                HexFormat.of().formatHex(((Ed25519PublicKey) pair.publicKey()).encoded()));
        assertTrue(pair.publicKey().verify("ssh-ed25519", DATA, pair.sign("ssh-ed25519", DATA)));
    }

    @Test
    void encryptedTraditionalPemIsUnsupportedNotMalformed() {
        String text = KeyResources.text("rsa_pem_enc.key");
        assertTrue(PrivateKeyFiles.isEncrypted(text));
        assertEquals(Reason.UNSUPPORTED, failure(text, "secret".toCharArray()));
        String encryptedPkcs8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertEquals(Reason.UNSUPPORTED, failure(encryptedPkcs8, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"})
    void writtenKeysReadBackAndTheOutputDependsOnlyOnTheKey(String type) {
        SshKeyPair pair = KeyPairs.generate(type, 0, KeyResources.seeded(11));
        String text = PrivateKeyFiles.writeOpenSsh(pair, "written@sanssh");
        assertTrue(text.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assertTrue(text.endsWith("-----END OPENSSH PRIVATE KEY-----\n"));
        assertEquals(text, PrivateKeyFiles.writeOpenSsh(pair, "written@sanssh"));
        SshKeyPair back = PrivateKeyFiles.read(text, null);
        assertEquals(pair.publicKey(), back.publicKey());
        String alg = pair.publicKey().signatureAlgorithms().get(0);
        assertEquals(pair.sign(alg, DATA), back.sign(alg, DATA));
    }

    @Test
    void rsaKeyReadFromSshKeygenWritesAndReadsBack() {
        SshKeyPair pair = KeyResources.privateKey("rsa3072.key");
        SshKeyPair back = PrivateKeyFiles.read(PrivateKeyFiles.writeOpenSsh(pair, null), null);
        assertEquals(pair.publicKey(), back.publicKey());
        assertEquals(pair.sign("rsa-sha2-256", DATA), back.sign("rsa-sha2-256", DATA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp384", "ssh-rsa"})
    void sshKeygenDerivesTheSamePublicKeyFromFilesWeWrite(String type) throws Exception {
        assumeTrue(KeyResources.haveSshKeygen(), "ssh-keygen is not installed");
        SshKeyPair pair = type.equals("ssh-rsa") ? KeyResources.privateKey("rsa_pem.key")
                : KeyPairs.generate(type, 0, KeyResources.seeded(12));
        Path f = Files.createTempFile("sanssh-key", "", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(f, PrivateKeyFiles.writeOpenSsh(pair, "from-sanssh"), StandardCharsets.US_ASCII);
            KeyResources.Result r = KeyResources.run(List.of(KeyResources.SSH_KEYGEN.toString(), "-y", "-f", f.toString()));
            assertEquals(0, r.exitCode(), r.output());
            assertEquals(pair.publicKey(), PublicKeys.parseOpenSshLine(r.output().strip()));
            assertTrue(r.output().strip().endsWith("from-sanssh"), r.output());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void corruptFilesGiveOnlyMalformed() {
        String text = KeyResources.text("ed25519.key");
        assertEquals(Reason.MALFORMED, failure("", null));
        assertEquals(Reason.MALFORMED, failure("ssh-ed25519 AAAA", null));
        assertEquals(Reason.MALFORMED, failure(text.substring(0, text.length() / 2), null));
        assertEquals(Reason.MALFORMED, failure(text.replaceFirst("\n[A-Za-z0-9+/]", "\n!"), null));
        byte[] content = content(text);
        content[0] = 'O';
        assertEquals(Reason.MALFORMED, failure(armor("OPENSSH PRIVATE KEY", content), null));
        assertEquals(Reason.MALFORMED, failure(armor("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}), null));
        assertEquals(Reason.MALFORMED, failure(armor("RSA PRIVATE KEY", new byte[] {1, 2, 3}), null));
        assertEquals(Reason.MALFORMED, failure(armor("EC PRIVATE KEY", new byte[0]), null));
        assertEquals(Reason.UNSUPPORTED, failure(armor("DSA PRIVATE KEY", new byte[] {1}), null));
    }

    @Test
    void everyTruncationAndBitFlipOfAKeyFileIsATypedErrorOrTheSameKey() {
        for (String name : List.of("ed25519.key", "ecdsa256.key", "ed25519_gcm.key")) {
            String text = KeyResources.text(name);
            byte[] content = content(text);
            char[] pass = name.contains("gcm") ? PASS : null;
            SshPublicKey expected = PrivateKeyFiles.read(text, pass).publicKey();
            for (int len = 0; len < content.length; len++) {
                assertThrows(KeyFileException.class, readOf(Arrays.copyOf(content, len), pass));
            }
            // Each encrypted read runs bcrypt_pbkdf, and a flipped bit in its rounds field can ask
            // for thousands of rounds (OpenSSH has no cap either): for the encrypted file, flip
            // only a sample of bytes in the ciphertext and tag.
            int from = pass == null ? 0 : content.length - 120;
            int stride = pass == null ? 1 : 17;
            for (int i = from; i < content.length; i += stride) {
                byte[] bad = content.clone();
                bad[i] ^= 0x10;
                try {
                    assertEquals(expected, PrivateKeyFiles.read(armor("OPENSSH PRIVATE KEY", bad), pass).publicKey());
                } catch (KeyFileException e) {
                    // a typed failure is the other acceptable answer
                }
            }
        }
    }

    private static org.junit.jupiter.api.function.Executable readOf(byte[] content, char[] pass) {
        return () -> PrivateKeyFiles.read(armor("OPENSSH PRIVATE KEY", content), pass);
    }

    @Test
    void privateKeyThatDoesNotMatchTheStoredPublicKeyIsInconsistent() {
        byte[] content = content(KeyResources.text("ed25519.key"));
        byte[] own = KeyResources.pub("ed25519.pub").blob().toByteArray();
        byte[] other = KeyResources.pub("other_ed25519.pub").blob().toByteArray();
        int at = indexOf(content, own);
        System.arraycopy(other, 0, content, at, other.length);
        assertEquals(Reason.INCONSISTENT, failure(armor("OPENSSH PRIVATE KEY", content), null));
    }

    @Test
    void onlySansshKeyPairsCanBeWritten() {
        SshKeyPair foreign = new SshKeyPair() {
            @Override
            public SshPublicKey publicKey() {
                return KeyResources.pub("ed25519.pub");
            }

            @Override
            public Bytes sign(String signatureAlgorithm, byte[] data) {
                throw new AssertionError("writing a key file must never sign");
            }
        };
        assertThrows(IllegalArgumentException.class, () -> PrivateKeyFiles.writeOpenSsh(foreign, null));
    }

    private static byte[] content(String pemText) {
        String body = pemText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String armor(String label, byte[] content) {
        return Pem.format(label, content);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
