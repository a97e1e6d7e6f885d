package io.sanssh.engine.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignaturesTest {
    private static final byte[] DATA = "exchange hash H".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, SshKeyPair[]> PAIRS = new HashMap<>();

    /**
     * Two key pairs of a type, made once per run. RSA pairs come from ssh-keygen's files, since
     * generating 3072-bit keys takes seconds on a busy machine; one test still generates one.
     */
    private static synchronized SshKeyPair[] pairs(String keyType) {
        if (keyType.equals("ssh-rsa")) {
            return PAIRS.computeIfAbsent(keyType, t -> new SshKeyPair[] {
                KeyResources.privateKey("rsa3072.key"), KeyResources.privateKey("host_rsa.key")});
        }
        return PAIRS.computeIfAbsent(keyType, t -> new SshKeyPair[] {
            KeyPairs.generate(t, 0, KeyResources.seeded(t.hashCode())),
            KeyPairs.generate(t, 0, KeyResources.seeded(t.hashCode() + 1L))});
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(
                Arguments.of("ssh-ed25519", "ssh-ed25519"),
                Arguments.of("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"),
                Arguments.of("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"),
                Arguments.of("ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521"),
                Arguments.of("ssh-rsa", "rsa-sha2-512"),
                Arguments.of("ssh-rsa", "rsa-sha2-256"),
                Arguments.of("ssh-rsa", "ssh-rsa"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("algorithms")
    void signatureVerifiesWithItsKeyAndNamesItsAlgorithm(String keyType, String algorithm) {
        SshKeyPair pair = pairs(keyType)[0];
        Bytes blob = pair.sign(algorithm, DATA);
        assertEquals(algorithm, SshReader.of(blob).readAscii());
        assertTrue(pair.publicKey().verify(algorithm, DATA, blob));
        SshPublicKey reparsed = PublicKeys.parse(pair.publicKey().blob());
        assertTrue(reparsed.verify(algorithm, DATA, blob));
        assertEquals(pair.publicKey(), reparsed);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("algorithms")
    void signatureOverOtherDataOrByAnotherKeyIsFalse(String keyType, String algorithm) {
        SshKeyPair[] two = pairs(keyType);
        Bytes blob = two[0].sign(algorithm, DATA);
        assertFalse(two[0].publicKey().verify(algorithm, "other data".getBytes(StandardCharsets.UTF_8), blob));
        assertFalse(two[1].publicKey().verify(algorithm, DATA, blob));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("algorithms")
    void tamperedSignatureBlobIsFalseOrFormatErrorNeverAnotherException(String keyType, String algorithm) {
        SshKeyPair pair = pairs(keyType)[0];
        byte[] blob = pair.sign(algorithm, DATA).toByteArray();
        for (int i = 0; i < blob.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] bad = blob.clone();
                bad[i] ^= (byte) bit;
                assertNotVerified(pair.publicKey(), algorithm, bad);
            }
        }
        for (int len = 0; len < blob.length; len++) {
            assertNotVerified(pair.publicKey(), algorithm, java.util.Arrays.copyOf(blob, len));
        }
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
        assertThrows(SshFormatException.class, () -> pair.publicKey().verify(algorithm, DATA, Bytes.wrap(longer)));
    }

    private static void assertNotVerified(SshPublicKey key, String algorithm, byte[] blob) {
        try {
            assertFalse(key.verify(algorithm, DATA, Bytes.wrap(blob)));
        } catch (SshFormatException expected) {
            // a malformed blob may be reported instead
        }
    }

    @Test
    void rsaSignatureVerifiesOnlyUnderTheAlgorithmItNames() {
        SshKeyPair rsa = pairs("ssh-rsa")[0];
        Bytes sha256 = rsa.sign("rsa-sha2-256", DATA);
        assertFalse(rsa.publicKey().verify("rsa-sha2-512", DATA, sha256));
        assertFalse(rsa.publicKey().verify("ssh-rsa", DATA, sha256));
        assertTrue(rsa.publicKey().verify("rsa-sha2-256", DATA, sha256));
    }

    @Test
    void keyRefusesToVerifyAnAlgorithmOfAnotherKeyType() {
        SshKeyPair ed = pairs("ssh-ed25519")[0];
        Bytes blob = ed.sign("ssh-ed25519", DATA);
        assertFalse(ed.publicKey().verify("rsa-sha2-256", DATA, blob));
        assertFalse(ed.publicKey().verify("no-such-algorithm", DATA, blob));
        assertFalse(ed.publicKey().verify("ssh-ed25519-cert-v01@openssh.com", DATA, blob));
        assertFalse(pairs("ecdsa-sha2-nistp256")[0].publicKey().verify("ecdsa-sha2-nistp384", DATA,
                pairs("ecdsa-sha2-nistp256")[0].sign("ecdsa-sha2-nistp256", DATA)));
    }

    @Test
    void signingWithAnAlgorithmTheKeyLacksIsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> pairs("ssh-ed25519")[0].sign("rsa-sha2-256", DATA));
        assertThrows(IllegalArgumentException.class, () -> pairs("ssh-rsa")[0].sign("ssh-ed25519", DATA));
    }

    @Test
    void signatureAlgorithmsArePreferredFirstWithSha1RsaLast() {
        assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"),
                pairs("ssh-rsa")[0].publicKey().signatureAlgorithms());
        assertEquals(List.of("ssh-ed25519"), pairs("ssh-ed25519")[0].publicKey().signatureAlgorithms());
        assertEquals(List.of("ecdsa-sha2-nistp521"),
                pairs("ecdsa-sha2-nistp521")[0].publicKey().signatureAlgorithms());
        assertTrue(SignatureAlgorithm.SSH_RSA.isLegacySha1());
        assertEquals(SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.fromName("rsa-sha2-256-cert-v01@openssh.com"));
    }

    @Test
    void ed25519MatchesRfc8032TestVector1() {
        HexFormat hex = HexFormat.of();
        SshKeyPair pair = Ed25519KeyPair.fromSeed(
                hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertArrayEquals(hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                ((Ed25519PublicKey) pair.publicKey()).encoded());
        SshReader r = SshReader.of(pair.sign("ssh-ed25519", new byte[0]));
        r.readAscii();
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", hex.formatHex(r.readStringBytes()));
    }

    @Test
    void ecdsaP256SigningUsesRfc6979DeterministicNonces() {
        // RFC 6979 A.2.5: P-256, SHA-256, message "sample".
        SshKeyPair pair = EcdsaKeyPair.of(EcCurve.NISTP256,
                new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16));
        Bytes blob = pair.sign("ecdsa-sha2-nistp256", "sample".getBytes(StandardCharsets.US_ASCII));
        SshReader r = SshReader.of(blob);
        r.readAscii();
        SshReader rs = new SshReader(r.readStringBytes());
        assertEquals(new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16), rs.readMpint());
        assertEquals(new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16), rs.readMpint());
        assertEquals(blob, pair.sign("ecdsa-sha2-nistp256", "sample".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void generationIsReproducibleFromASeededRandom() {
        for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp384")) {
            assertEquals(KeyPairs.generate(type, 0, KeyResources.seeded(5)).publicKey(),
                    KeyPairs.generate(type, 0, KeyResources.seeded(5)).publicKey());
            assertNotEquals(KeyPairs.generate(type, 0, KeyResources.seeded(5)).publicKey(),
                    KeyPairs.generate(type, 0, KeyResources.seeded(6)).publicKey());
        }
    }

    @Test
    void generatedRsaKeysDefaultTo3072BitsAndRefuseUnder2048() {
        SshKeyPair generated = KeyPairs.generate("ssh-rsa", 0, KeyResources.seeded(3));
        assertEquals(3072, ((RsaPublicKey) generated.publicKey()).modulus().bitLength());
        assertTrue(generated.publicKey().verify("rsa-sha2-512", DATA, generated.sign("rsa-sha2-512", DATA)));
        assertThrows(IllegalArgumentException.class, () -> KeyPairs.generate("ssh-rsa", 1024, KeyResources.seeded(1)));
        assertThrows(IllegalArgumentException.class,
                () -> KeyPairs.generate("ecdsa-sha2-nistp256", 384, KeyResources.seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> KeyPairs.generate("ssh-dss", 0, KeyResources.seeded(1)));
        assertEquals("ecdsa-sha2-nistp521",
                KeyPairs.generate("ecdsa-sha2-nistp521", 521, KeyResources.seeded(1)).publicKey().keyType());
    }
}
