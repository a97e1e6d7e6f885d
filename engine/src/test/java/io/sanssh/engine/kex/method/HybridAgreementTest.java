package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post-quantum hybrids: each side is checked against a peer assembled in the test from the
 * KEM and X25519 alone, following the drafts' layout (C_INIT = pk || Q_C, S_REPLY = ct || Q_S,
 * K = string HASH(K_PQ || K_CL)).
 */
class HybridAgreementTest {

    static Stream<Arguments> hybrids() {
        return Stream.of(
                Arguments.of(Sntrup761Kem.INSTANCE, "SHA-512", 1158, 1039),
                Arguments.of(MlKem768Kem.INSTANCE, "SHA-256", 1184, 1088));
    }

    private static byte[] expectedK(String digest, byte[] pq, byte[] classical) throws Exception {
        MessageDigest md = MessageDigest.getInstance(digest);
        md.update(pq);
        md.update(classical);
        byte[] h = md.digest();
        byte[] k = new byte[4 + h.length];
        k[3] = (byte) h.length;
        System.arraycopy(h, 0, k, 4, h.length);
        return k;
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void clientSendsKemKeyThenX25519AndCombinesPostQuantumFirst(PostQuantumKem kem, String digest,
            int pkLength, int ctLength) throws Exception {
        SecureRandom r = Seeded.random(21);
        HybridAgreement client = new HybridAgreement(kem, digest, true, r);
        byte[] init = client.ourPublic();
        assertEquals(pkLength + 32, init.length);

        // A server built by hand.
        byte[] serverX = new byte[32];
        X25519.generatePrivateKey(r, serverX);
        byte[] serverQ = new byte[32];
        X25519.generatePublicKey(serverX, 0, serverQ, 0);
        PostQuantumKem.Encapsulation enc = kem.encapsulate(Arrays.copyOf(init, pkLength), r);
        assertEquals(ctLength, enc.ciphertext().length);
        byte[] classical = new byte[32];
        X25519.scalarMult(serverX, 0, init, pkLength, classical, 0);

        byte[] reply = Encoding.concat(enc.ciphertext(), serverQ);
        assertArrayEquals(expectedK(digest, enc.secret(), classical), client.agree(reply));
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void serverRepliesCiphertextThenX25519(PostQuantumKem kem, String digest, int pkLength,
            int ctLength) throws Exception {
        SecureRandom r = Seeded.random(22);
        // A client built by hand.
        PostQuantumKem.KeyPair kemKeys = kem.generate(r);
        byte[] clientX = new byte[32];
        X25519.generatePrivateKey(r, clientX);
        byte[] clientQ = new byte[32];
        X25519.generatePublicKey(clientX, 0, clientQ, 0);
        assertEquals(pkLength, kemKeys.publicKey().length);

        HybridAgreement server = new HybridAgreement(kem, digest, false, r);
        assertThrows(IllegalStateException.class, server::ourPublic);
        byte[] k = server.agree(Encoding.concat(kemKeys.publicKey(), clientQ));
        byte[] reply = server.ourPublic();
        assertEquals(ctLength + 32, reply.length);

        byte[] pq = kemKeys.decapsulate(Arrays.copyOf(reply, ctLength));
        byte[] classical = new byte[32];
        X25519.scalarMult(clientX, 0, reply, ctLength, classical, 0);
        assertArrayEquals(expectedK(digest, pq, classical), k);
        assertEquals(4 + MessageDigest.getInstance(digest).getDigestLength(), k.length);
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void wrongLengthsFailInBothRoles(PostQuantumKem kem, String digest, int pkLength,
            int ctLength) {
        SecureRandom r = Seeded.random(23);
        byte[] goodInit = new HybridAgreement(kem, digest, true, r).ourPublic();
        for (int len : new int[] {0, 32, pkLength, pkLength + 31, pkLength + 33, ctLength + 32}) {
            HybridAgreement server = new HybridAgreement(kem, digest, false, r);
            assertKexFails(() -> server.agree(Arrays.copyOf(goodInit, len)));
        }
        for (int len : new int[] {0, 32, ctLength, ctLength + 31, ctLength + 33, pkLength + 32}) {
            HybridAgreement client = new HybridAgreement(kem, digest, true, r);
            assertKexFails(() -> client.agree(new byte[len]));
        }
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void anAllZeroX25519ResultFailsInBothRoles(PostQuantumKem kem, String digest, int pkLength,
            int ctLength) {
        SecureRandom r = Seeded.random(24);
        byte[] init = new HybridAgreement(kem, digest, true, r).ourPublic();
        Arrays.fill(init, pkLength, pkLength + 32, (byte) 0);
        HybridAgreement server = new HybridAgreement(kem, digest, false, r);
        assertKexFails(() -> server.agree(init));

        HybridAgreement client = new HybridAgreement(kem, digest, true, r);
        HybridAgreement honest = new HybridAgreement(kem, digest, false, r);
        honest.agree(client.ourPublic());
        byte[] reply = honest.ourPublic();
        Arrays.fill(reply, ctLength, ctLength + 32, (byte) 0);
        assertKexFails(() -> client.agree(reply));
    }

    @Test
    void anMlKemKeyThatFailsTheModulusCheckIsRejected() {
        SecureRandom r = Seeded.random(25);
        PostQuantumKem kem = MlKem768Kem.INSTANCE;
        byte[] init = new HybridAgreement(kem, "SHA-256", true, r).ourPublic();
        assertTrue(MlKem768Kem.passesModulusCheck(Arrays.copyOf(init, 1184)));
        // First coefficient = 0xfff (>= 3329).
        init[0] = (byte) 0xff;
        init[1] = (byte) (init[1] | 0x0f);
        HybridAgreement server = new HybridAgreement(kem, "SHA-256", false, r);
        assertKexFails(() -> server.agree(init));
    }

    @Test
    void theModulusCheckAcceptsQMinusOneAndRejectsQInEitherSlot() {
        byte[] key = new byte[1184];
        // Coefficients 3328 = 0xd00: bytes 00, 0d | (c1 & 0xf) << 4, c1 >> 4.
        key[0] = 0x00;
        key[1] = 0x0d;
        key[2] = 0x00;
        assertTrue(MlKem768Kem.passesModulusCheck(key));
        key[0] = 0x01; // c0 = 3329
        assertFalse(MlKem768Kem.passesModulusCheck(key));
        key[0] = 0x00;
        // c1 = 3329 = 0xd01 in the last triple: low nibble in byte 1's top half, rest in byte 2.
        key[1149] = 0x00;
        key[1150] = 0x10;
        key[1151] = (byte) 0xd0;
        assertFalse(MlKem768Kem.passesModulusCheck(key));
        key[1150] = 0x00; // c1 = 3328
        assertTrue(MlKem768Kem.passesModulusCheck(key));
        // The 32 bytes of rho after t are not coefficients.
        Arrays.fill(key, 1152, 1184, (byte) 0xff);
        assertTrue(MlKem768Kem.passesModulusCheck(key));
        assertFalse(MlKem768Kem.passesModulusCheck(new byte[1183]));
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void aForgedCiphertextGivesADifferentKeyNotAnError(PostQuantumKem kem, String digest,
            int pkLength, int ctLength) {
        // Implicit rejection: the exchange then fails at the host key signature, as it should.
        SecureRandom r = Seeded.random(26);
        HybridAgreement client = new HybridAgreement(kem, digest, true, r);
        HybridAgreement server = new HybridAgreement(kem, digest, false, r);
        byte[] k = server.agree(client.ourPublic());
        byte[] reply = server.ourPublic();
        reply[5] ^= 0x40;
        assertNotEquals(Seeded.hex(k), Seeded.hex(client.agree(reply)));
    }
}
