package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Published test vectors for the primitives, used exactly as the packet code uses them (same JCA
 * transformation names, parameter classes and calls), so a wrong name or parameter shows up here
 * before it shows up as an interop failure. Poly1305, which is ours, has {@link Poly1305Test}.
 */
class PrimitiveVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("\\s+", ""));
    }

    /** RFC 8439 §2.4.2: ChaCha20 encryption, key 00..1f, nonce 000000000000004a00000000, counter 1. */
    @Test
    void chacha20MatchesRfc8439Section242() throws Exception {
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
                + "the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        Cipher c = Cipher.getInstance("ChaCha20");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                new ChaCha20ParameterSpec(hex("000000000000004a00000000"), 1));
        byte[] out = new byte[plaintext.length];
        c.update(plaintext, 0, plaintext.length, out, 0);
        assertEquals("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d", HEX.formatHex(out));
    }

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test case 4 (AES-128, with AAD). */
    @Test
    void aesGcmMatchesNistTestCase4() throws Exception {
        byte[] key = hex("feffe9928665731c6d6a8f9467308308");
        byte[] iv = hex("cafebabefacedbaddecaf888");
        byte[] plaintext = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(aad);
        byte[] out = new byte[plaintext.length + 16];
        c.doFinal(plaintext, 0, plaintext.length, out, 0);
        assertEquals("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                + "5bc94fbc3221a5db94fae95ae7121a47", HEX.formatHex(out));
    }

    /** NIST SP 800-38A F.5.1: CTR-AES128.Encrypt. */
    @Test
    void aesCtrMatchesSp80038aF51() throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hex("2b7e151628aed2a6abf7158809cf4f3c"), "AES"),
                new IvParameterSpec(hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")));
        byte[] plaintext = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        byte[] out = new byte[64];
        // In pieces, as the sealer feeds it: the key stream must run on across update calls.
        int n = c.update(plaintext, 0, 5, out, 0);
        n += c.update(plaintext, 5, 40, out, n);
        c.update(plaintext, 45, 19, out, n);
        assertEquals("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee", HEX.formatHex(out));
    }

    /** RFC 4231 §4.3, test case 2: key "Jefe", data "what do ya want for nothing?". */
    @Test
    void hmacSha2MatchesRfc4231TestCase2() throws Exception {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hmac("HmacSHA256", key, data));
        assertEquals("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737", hmac("HmacSHA512", key, data));
    }

    /** RFC 2202 §3, test case 2, for hmac-sha1. */
    @Test
    void hmacSha1MatchesRfc2202TestCase2() throws Exception {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", hmac("HmacSHA1", key, data));
    }

    private static String hmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance(algorithm);
        m.init(new SecretKeySpec(key, algorithm));
        m.update(data, 0, data.length);
        byte[] out = new byte[m.getMacLength()];
        m.doFinal(out, 0);
        return HEX.formatHex(out);
    }
}
