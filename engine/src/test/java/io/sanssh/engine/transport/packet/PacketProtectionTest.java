package io.sanssh.engine.transport.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, preference order, sizes and argument checks of {@link PacketProtection}. */
class PacketProtectionTest {
    @Test
    void ciphersAreInDefaultPreferenceOrder() {
        assertEquals(List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
                "aes128-ctr", "aes192-ctr", "aes256-ctr"), PacketProtection.supportedCiphers());
    }

    @Test
    void macsAreInDefaultPreferenceOrder() {
        assertEquals(List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256",
                "hmac-sha2-512", "hmac-sha1-etm@openssh.com", "hmac-sha1"), PacketProtection.supportedMacs());
    }

    @Test
    void aeadCiphersAreGcmAndChacha() {
        assertTrue(PacketProtection.isAead("aes128-gcm@openssh.com"));
        assertTrue(PacketProtection.isAead("aes256-gcm@openssh.com"));
        assertTrue(PacketProtection.isAead("chacha20-poly1305@openssh.com"));
        assertFalse(PacketProtection.isAead("aes128-ctr"));
        assertFalse(PacketProtection.isAead("aes256-ctr"));
    }

    @Test
    void keySizesFollowTheSpecifications() {
        assertEquals(16, PacketProtection.keyLength("aes128-gcm@openssh.com"));
        assertEquals(12, PacketProtection.ivLength("aes128-gcm@openssh.com"));
        assertEquals(32, PacketProtection.keyLength("aes256-gcm@openssh.com"));
        assertEquals(64, PacketProtection.keyLength("chacha20-poly1305@openssh.com"));
        assertEquals(0, PacketProtection.ivLength("chacha20-poly1305@openssh.com"));
        assertEquals(24, PacketProtection.keyLength("aes192-ctr"));
        assertEquals(16, PacketProtection.ivLength("aes256-ctr"));
        assertEquals(32, PacketProtection.macKeyLength("hmac-sha2-256-etm@openssh.com"));
        assertEquals(64, PacketProtection.macKeyLength("hmac-sha2-512"));
        assertEquals(20, PacketProtection.macKeyLength("hmac-sha1"));
        assertEquals(8, PacketProtection.blockSize("chacha20-poly1305@openssh.com"));
        assertEquals(16, PacketProtection.blockSize("aes128-ctr"));
    }

    @Test
    void sealedLengthsOfKnownPackets() {
        SecureRandom r = new SecureRandom();
        // none: 4 + 1 + 1 + padding to 8 -> 16 bytes (padding 10)
        assertEquals(16, PacketProtection.plaintextSealer(r).sealedLength(1));
        // GCM: 1 + 1 + 14 = 16 encrypted, + 4 length + 16 tag
        PacketSealer gcm = PacketProtection.sealer("aes128-gcm@openssh.com", null, new byte[16], new byte[12], null, r);
        assertEquals(36, gcm.sealedLength(1));
        assertEquals(52, gcm.sealedLength(12));
        // CTR + hmac-sha2-256: 4 + 1 + 100 + 7 = 112, + 32 MAC
        PacketSealer ctr = PacketProtection.sealer("aes128-ctr", "hmac-sha2-256", new byte[16], new byte[16],
                new byte[32], r);
        assertEquals(144, ctr.sealedLength(100));
        assertEquals(16, ctr.blockSize());
        // CTR + EtM: 1 + 100 + 11 = 112, + 4 + 32
        PacketSealer etm = PacketProtection.sealer("aes128-ctr", "hmac-sha2-256-etm@openssh.com", new byte[16],
                new byte[16], new byte[32], r);
        assertEquals(148, etm.sealedLength(100));
    }

    @Test
    void misuseIsAnIllegalArgument() {
        SecureRandom r = new SecureRandom();
        assertThrows(IllegalArgumentException.class, () -> PacketProtection.keyLength("3des-cbc"));
        assertThrows(IllegalArgumentException.class, () -> PacketProtection.macKeyLength("umac-64@openssh.com"));
        assertThrows(IllegalArgumentException.class,
                () -> PacketProtection.sealer("aes128-ctr", null, new byte[16], new byte[16], null, r));
        assertThrows(IllegalArgumentException.class,
                () -> PacketProtection.sealer("aes128-ctr", "hmac-sha1", new byte[16], new byte[16], new byte[32], r));
        assertThrows(IllegalArgumentException.class,
                () -> PacketProtection.opener("aes256-gcm@openssh.com", null, new byte[16], new byte[12], null));
        assertThrows(IllegalArgumentException.class,
                () -> PacketProtection.opener("aes128-gcm@openssh.com", null, new byte[16], new byte[16], null));
        assertThrows(IllegalArgumentException.class,
                () -> PacketProtection.plaintextSealer(r).sealedLength(-1));
        assertThrows(NullPointerException.class,
                () -> PacketProtection.sealer("aes128-gcm@openssh.com", null, new byte[16], new byte[12], null, null));
    }
}
