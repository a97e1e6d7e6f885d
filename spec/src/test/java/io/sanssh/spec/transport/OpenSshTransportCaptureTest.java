package io.sanssh.spec.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.algorithm.CipherAlgorithms;
import io.sanssh.spec.algorithm.CompressionAlgorithms;
import io.sanssh.spec.algorithm.HostKeyAlgorithms;
import io.sanssh.spec.algorithm.KexAlgorithms;
import io.sanssh.spec.algorithm.MacAlgorithms;
import io.sanssh.spec.algorithm.ProtocolVersion;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Payloads captured from a real OpenSSH 9.2p1 (see the headers of the resource files): they decode
 * to what OpenSSH's defaults say, and re-encode byte for byte.
 */
class OpenSshTransportCaptureTest {

    private static final List<String> CIPHERS = List.of(CipherAlgorithms.CHACHA20_POLY1305,
            CipherAlgorithms.AES128_CTR, CipherAlgorithms.AES192_CTR, CipherAlgorithms.AES256_CTR,
            CipherAlgorithms.AES128_GCM, CipherAlgorithms.AES256_GCM);

    private static final List<String> MACS = List.of("umac-64-etm@openssh.com", "umac-128-etm@openssh.com",
            MacAlgorithms.HMAC_SHA2_256_ETM, MacAlgorithms.HMAC_SHA2_512_ETM, MacAlgorithms.HMAC_SHA1_ETM,
            "umac-64@openssh.com", "umac-128@openssh.com", MacAlgorithms.HMAC_SHA2_256,
            MacAlgorithms.HMAC_SHA2_512, MacAlgorithms.HMAC_SHA1);

    private static final List<String> KEX = List.of(KexAlgorithms.SNTRUP761_X25519_SHA512,
            KexAlgorithms.SNTRUP761_X25519_SHA512_OPENSSH, KexAlgorithms.CURVE25519_SHA256,
            KexAlgorithms.CURVE25519_SHA256_LIBSSH, KexAlgorithms.ECDH_SHA2_NISTP256,
            KexAlgorithms.ECDH_SHA2_NISTP384, KexAlgorithms.ECDH_SHA2_NISTP521,
            KexAlgorithms.DH_GROUP_EXCHANGE_SHA256, KexAlgorithms.DH_GROUP16_SHA512,
            KexAlgorithms.DH_GROUP18_SHA512, KexAlgorithms.DH_GROUP14_SHA256);

    private static KexInit decodeKexInit(byte[] payload) {
        SshMessage m = TransportCodec.decode(payload);
        assertArrayEquals(payload, m.encode(), "re-encoding gives the captured bytes");
        return assertInstanceOf(KexInit.class, m);
    }

    private static List<String> plus(List<String> a, String... more) {
        return Stream.concat(a.stream(), Stream.of(more)).toList();
    }

    @Test
    void serverKexInitCarriesOpenSshDefaultsAndTheStrictKexMarker() {
        KexInit k = decodeKexInit(GoldenFiles.load(GoldenFiles.SERVER_KEXINIT));
        assertEquals(plus(KEX, KexAlgorithms.KEX_STRICT_S_V00), k.kexAlgorithms());
        assertEquals(List.of(HostKeyAlgorithms.SSH_ED25519), k.serverHostKeyAlgorithms());
        assertEquals(CIPHERS, k.encryptionC2S());
        assertEquals(CIPHERS, k.encryptionS2C());
        assertEquals(MACS, k.macC2S());
        assertEquals(MACS, k.macS2C());
        assertEquals(List.of(CompressionAlgorithms.NONE, CompressionAlgorithms.ZLIB_OPENSSH), k.compressionC2S());
        assertEquals(List.of(CompressionAlgorithms.NONE, CompressionAlgorithms.ZLIB_OPENSSH), k.compressionS2C());
        assertEquals(List.of(), k.languagesC2S());
        assertEquals(List.of(), k.languagesS2C());
        assertFalse(k.firstKexPacketFollows());
        assertEquals(0, k.reserved());
        assertEquals(16, k.cookie().length());
        assertTrue(k.signalsStrictKex(false));
        assertFalse(k.signalsExtInfo(false), "OpenSSH 9.2 sshd does not send ext-info-s");
    }

    @Test
    void clientKexInitAsksForExtInfoAndStrictKexAndListsCertificatesFirst() {
        KexInit k = decodeKexInit(GoldenFiles.load(GoldenFiles.CLIENT_KEXINIT));
        assertEquals(plus(KEX, KexAlgorithms.EXT_INFO_C, KexAlgorithms.KEX_STRICT_C_V00), k.kexAlgorithms());
        assertEquals(List.of(HostKeyAlgorithms.SSH_ED25519_CERT_V01, HostKeyAlgorithms.ECDSA_SHA2_NISTP256_CERT_V01,
                HostKeyAlgorithms.ECDSA_SHA2_NISTP384_CERT_V01, HostKeyAlgorithms.ECDSA_SHA2_NISTP521_CERT_V01,
                "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
                HostKeyAlgorithms.RSA_SHA2_512_CERT_V01, HostKeyAlgorithms.RSA_SHA2_256_CERT_V01,
                HostKeyAlgorithms.SSH_ED25519, HostKeyAlgorithms.ECDSA_SHA2_NISTP256,
                HostKeyAlgorithms.ECDSA_SHA2_NISTP384, HostKeyAlgorithms.ECDSA_SHA2_NISTP521,
                HostKeyAlgorithms.SK_SSH_ED25519, HostKeyAlgorithms.SK_ECDSA_SHA2_NISTP256,
                HostKeyAlgorithms.RSA_SHA2_512, HostKeyAlgorithms.RSA_SHA2_256), k.serverHostKeyAlgorithms());
        assertEquals(CIPHERS, k.encryptionC2S());
        assertEquals(MACS, k.macS2C());
        List<String> compression = List.of(CompressionAlgorithms.NONE, CompressionAlgorithms.ZLIB_OPENSSH,
                CompressionAlgorithms.ZLIB);
        assertEquals(compression, k.compressionC2S());
        assertEquals(compression, k.compressionS2C());
        assertTrue(k.signalsExtInfo(true));
        assertTrue(k.signalsStrictKex(true));
        assertFalse(k.signalsStrictKex(false), "the server marker is not in a client's list");
        assertEquals(2, k.kexAlgorithms().stream().filter(KexAlgorithms::isSignal).count());
    }

    @Test
    void serverDisconnectKeepsReasonTextAndEmptyLanguage() {
        byte[] payload = GoldenFiles.load(GoldenFiles.SERVER_DISCONNECT);
        SshMessage m = TransportCodec.decode(payload);
        assertEquals(new Disconnect(2, "Invalid ssh2 packet type: 254", ""), m);
        assertEquals(Optional.of(DisconnectReason.PROTOCOL_ERROR), ((Disconnect) m).reason());
        assertArrayEquals(payload, m.encode());
    }

    @Test
    void identificationLinesOfServerAndClientParseAndReEncode() {
        for (String file : List.of(GoldenFiles.SERVER_VERSION, GoldenFiles.CLIENT_VERSION)) {
            byte[] line = GoldenFiles.load(file);
            assertEquals('\r', line[line.length - 2]);
            assertEquals('\n', line[line.length - 1]);
            ProtocolVersion v = ProtocolVersion.parse(Arrays.copyOf(line, line.length - 2));
            assertEquals(new ProtocolVersion("2.0", "OpenSSH_9.2p1", "Debian-2+deb12u10"), v);
            assertTrue(v.isSsh2Compatible());
            assertArrayEquals(line, v.encode());
        }
    }
}
