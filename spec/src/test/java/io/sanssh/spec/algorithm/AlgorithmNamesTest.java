package io.sanssh.spec.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The name constants obey the naming rules of RFC 4251 §6 and the predicates classify them. */
class AlgorithmNamesTest {

    private static final List<Class<?>> NAME_CLASSES = List.of(KexAlgorithms.class, HostKeyAlgorithms.class,
            CipherAlgorithms.class, MacAlgorithms.class, CompressionAlgorithms.class, ServiceNames.class,
            ExtensionNames.class);

    private static List<String> constants(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }

    @Test
    void everyNameFollowsRfc4251Section6() {
        for (Class<?> type : NAME_CLASSES) {
            List<String> names = constants(type);
            assertFalse(names.isEmpty(), type.getSimpleName());
            assertEquals(names.size(), new HashSet<>(names).size(), type.getSimpleName() + " has a duplicate");
            for (String n : names) {
                assertTrue(n.length() >= 1 && n.length() <= 64, n + ": 1 to 64 characters");
                for (char c : n.toCharArray()) {
                    assertTrue(c > 0x20 && c < 0x7f && c != ',', n + ": printable, no space, no comma");
                }
                int at = n.indexOf('@');
                assertTrue(at < 0 || (at == n.lastIndexOf('@') && n.indexOf('.', at) > at),
                        n + ": at most one @, followed by a domain");
            }
        }
    }

    @Test
    void theBriefsNamesAreSpelledAsTheStandardsSpellThem() {
        Set<String> all = new HashSet<>();
        NAME_CLASSES.forEach(c -> all.addAll(constants(c)));
        for (String expected : List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512@openssh.com",
                "curve25519-sha256@libssh.org", "diffie-hellman-group-exchange-sha256", "diffie-hellman-group1-sha1",
                "kex-strict-c-v00@openssh.com", "ext-info-s", "ssh-ed25519-cert-v01@openssh.com",
                "rsa-sha2-512", "chacha20-poly1305@openssh.com", "aes192-ctr", "hmac-sha1-etm@openssh.com",
                "zlib@openssh.com", "ssh-connection", "publickey-hostbound@openssh.com", "no-flow-control")) {
            assertTrue(all.contains(expected), expected);
        }
    }

    @Test
    void signalNamesAreExactlyTheFourPseudoAlgorithms() {
        List<String> signals = constants(KexAlgorithms.class).stream().filter(KexAlgorithms::isSignal).toList();
        assertEquals(Set.of(KexAlgorithms.EXT_INFO_C, KexAlgorithms.EXT_INFO_S, KexAlgorithms.KEX_STRICT_C_V00,
                KexAlgorithms.KEX_STRICT_S_V00), Set.copyOf(signals));
    }

    @Test
    void aeadCiphersAreChaChaAndGcmOnly() {
        List<String> aead = constants(CipherAlgorithms.class).stream().filter(CipherAlgorithms::isAead).toList();
        assertEquals(Set.of(CipherAlgorithms.CHACHA20_POLY1305, CipherAlgorithms.AES128_GCM,
                CipherAlgorithms.AES256_GCM), Set.copyOf(aead));
    }

    @Test
    void encryptThenMacAndCertificateNamesAreRecognisedBySuffix() {
        List<String> etm = constants(MacAlgorithms.class).stream().filter(MacAlgorithms::isEncryptThenMac).toList();
        assertEquals(Set.of(MacAlgorithms.HMAC_SHA2_256_ETM, MacAlgorithms.HMAC_SHA2_512_ETM,
                MacAlgorithms.HMAC_SHA1_ETM), Set.copyOf(etm));
        long certs = constants(HostKeyAlgorithms.class).stream().filter(HostKeyAlgorithms::isCertificate).count();
        assertEquals(7, certs);
        assertFalse(HostKeyAlgorithms.isCertificate(HostKeyAlgorithms.SSH_ED25519));
    }
}
