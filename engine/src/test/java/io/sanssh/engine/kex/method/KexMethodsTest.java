package io.sanssh.engine.kex.method;

import static io.sanssh.engine.kex.method.KexAssertions.assertKexFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The method registry, and every method's client and server agreeing on K. */
class KexMethodsTest {
    private static final int RUNS = 100;

    static Stream<String> fixedMethods() {
        return KexMethods.supported().stream()
                .filter(m -> KexMethods.shape(m) != KexShape.GROUP_EXCHANGE);
    }

    @Test
    void defaultPreferenceOrder() {
        assertEquals(List.of(
                "mlkem768x25519-sha256",
                "sntrup761x25519-sha512",
                "sntrup761x25519-sha512@openssh.com",
                "curve25519-sha256",
                "curve25519-sha256@libssh.org",
                "ecdh-sha2-nistp256",
                "ecdh-sha2-nistp384",
                "ecdh-sha2-nistp521",
                "diffie-hellman-group-exchange-sha256",
                "diffie-hellman-group16-sha512",
                "diffie-hellman-group18-sha512",
                "diffie-hellman-group14-sha256"), KexMethods.defaults());
    }

    @Test
    void group14Sha1IsSupportedButNotOfferedByDefault() {
        List<String> expected = new ArrayList<>(KexMethods.defaults());
        expected.add("diffie-hellman-group14-sha1");
        assertEquals(expected, KexMethods.supported());
        assertTrue(KexMethods.isSupported("diffie-hellman-group14-sha1"));
        assertFalse(KexMethods.defaults().contains("diffie-hellman-group14-sha1"));
        assertFalse(KexMethods.isSupported("diffie-hellman-group1-sha1"));
        assertFalse(KexMethods.isSupported("ext-info-c"));
        assertThrows(UnsupportedOperationException.class, () -> KexMethods.defaults().add("x"));
    }

    @Test
    void shapesAndHashes() {
        String[][] table = {
            {"mlkem768x25519-sha256", "ECDH", "SHA-256"},
            {"sntrup761x25519-sha512", "ECDH", "SHA-512"},
            {"sntrup761x25519-sha512@openssh.com", "ECDH", "SHA-512"},
            {"curve25519-sha256", "ECDH", "SHA-256"},
            {"curve25519-sha256@libssh.org", "ECDH", "SHA-256"},
            {"ecdh-sha2-nistp256", "ECDH", "SHA-256"},
            {"ecdh-sha2-nistp384", "ECDH", "SHA-384"},
            {"ecdh-sha2-nistp521", "ECDH", "SHA-512"},
            {"diffie-hellman-group-exchange-sha256", "GROUP_EXCHANGE", "SHA-256"},
            {"diffie-hellman-group16-sha512", "DH", "SHA-512"},
            {"diffie-hellman-group18-sha512", "DH", "SHA-512"},
            {"diffie-hellman-group14-sha256", "DH", "SHA-256"},
            {"diffie-hellman-group14-sha1", "DH", "SHA-1"}};
        assertEquals(KexMethods.supported().size(), table.length);
        for (String[] row : table) {
            assertEquals(KexShape.valueOf(row[1]), KexMethods.shape(row[0]), row[0]);
            assertEquals(row[2], KexMethods.hashAlgorithm(row[0]), row[0]);
        }
    }

    @Test
    void unknownNamesAndGroupExchangeWithoutAGroupAreLocalMisuse() {
        SecureRandom r = Seeded.random(1);
        assertThrows(IllegalArgumentException.class, () -> KexMethods.shape("nope"));
        assertThrows(IllegalArgumentException.class, () -> KexMethods.hashAlgorithm("nope"));
        assertThrows(IllegalArgumentException.class, () -> KexMethods.create("nope", true, r));
        assertThrows(IllegalArgumentException.class,
                () -> KexMethods.create("diffie-hellman-group-exchange-sha256", true, r));
    }

    @ParameterizedTest
    @MethodSource("fixedMethods")
    void clientAndServerAgreeOnK(String name) {
        SecureRandom r = Seeded.random(name.hashCode());
        boolean hybrid = name.startsWith("mlkem") || name.startsWith("sntrup");
        for (int i = 0; i < RUNS; i++) {
            KeyAgreement client = KexMethods.create(name, true, r);
            KeyAgreement server = KexMethods.create(name, false, r);
            byte[] kServer = server.agree(client.ourPublic());
            byte[] kClient = client.agree(server.ourPublic());
            assertArrayEquals(kServer, kClient, name + " run " + i);
            // K is a well-formed mpint or string: length prefix covers the rest exactly.
            int len = ((kClient[0] & 0xff) << 24) | ((kClient[1] & 0xff) << 16)
                    | ((kClient[2] & 0xff) << 8) | (kClient[3] & 0xff);
            assertEquals(kClient.length - 4, len);
            if (!hybrid) {
                // mpint: positive and minimal.
                assertTrue(kClient[4] >= 0 && !(kClient[4] == 0 && kClient[5] >= 0), name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void groupExchangeAgreementsAgreeOnK(int bits) {
        SecureRandom r = Seeded.random(bits);
        GroupExchange.DhGroup g = GroupExchange.choose(GroupExchange.MIN_BITS, bits,
                GroupExchange.MAX_BITS);
        GroupExchange.checkOffered(g.p(), g.g(), GroupExchange.MIN_BITS, GroupExchange.MAX_BITS);
        int runs = bits == 2048 ? RUNS : 20;
        for (int i = 0; i < runs; i++) {
            KeyAgreement client = KexMethods.dh(g.p(), g.g(), true, r);
            KeyAgreement server = KexMethods.dh(g.p(), g.g(), false, r);
            assertArrayEquals(server.agree(client.ourPublic()), client.agree(server.ourPublic()));
        }
    }

    @ParameterizedTest
    @MethodSource("fixedMethods")
    void theSameSeedGivesTheSameExchange(String name) {
        byte[][] first = exchange(name, 42);
        byte[][] again = exchange(name, 42);
        byte[][] other = exchange(name, 43);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], again[i], name);
        }
        assertNotEquals(Seeded.hex(first[0]), Seeded.hex(other[0]), name);
    }

    private static byte[][] exchange(String name, long seed) {
        SecureRandom r = Seeded.random(seed);
        KeyAgreement client = KexMethods.create(name, true, r);
        KeyAgreement server = KexMethods.create(name, false, r);
        byte[] k = server.agree(client.ourPublic());
        return new byte[][] {client.ourPublic(), server.ourPublic(), k};
    }

    @ParameterizedTest
    @MethodSource("fixedMethods")
    void emptyAndOversizedPeerValuesFailInBothRoles(String name) {
        SecureRandom r = Seeded.random(7);
        for (boolean client : new boolean[] {true, false}) {
            KeyAgreement a = KexMethods.create(name, client, r);
            assertKexFails(() -> a.agree(new byte[0]));
            KeyAgreement b = KexMethods.create(name, client, r);
            byte[] big = new byte[2000];
            Arrays.fill(big, (byte) 0x55);
            assertKexFails(() -> b.agree(big));
        }
    }

    @ParameterizedTest
    @MethodSource("fixedMethods")
    void agreementsAreSingleUse(String name) {
        SecureRandom r = Seeded.random(8);
        KeyAgreement client = KexMethods.create(name, true, r);
        KeyAgreement server = KexMethods.create(name, false, r);
        server.agree(client.ourPublic());
        assertThrows(IllegalStateException.class, () -> server.agree(client.ourPublic()));
    }
}
