package io.sanssh.spec.kex;

import static io.sanssh.spec.testing.CodecAssertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors assembled by hand from the field layouts of RFC 4253 §8, RFC 5656 §4 and
 * RFC 4419 §5, one comment per field. The X25519 values are the public keys of RFC 7748 §6.1.
 */
class KexGoldenVectorsTest {

    private static final String ALICE_X25519 = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String BOB_X25519 = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";

    private static void golden(String hex, KexFamily family, SshMessage expected) {
        assertGolden(Hex.parse(hex), expected, SshMessage::encode, b -> KexCodec.decode(b, family));
    }

    @Test
    void kexDhInitIsOneMpint() {
        golden("""
                1e                  # SSH_MSG_KEXDH_INIT (30)
                00000002 0080       # mpint e = 0x80: a 00 byte keeps it positive (RFC 4251 §5)
                """, KexFamily.DH, new KexDhInit(BigInteger.valueOf(0x80)));
    }

    @Test
    void kexDhReplyIsHostKeyMpintAndSignature() {
        golden("""
                1f                  # SSH_MSG_KEXDH_REPLY (31)
                00000002 4b53       # string K_S "KS"
                00000002 0123       # mpint f = 0x123
                00000003 536967     # string signature of H "Sig"
                """, KexFamily.DH, new KexDhReply(Bytes.utf8("KS"), BigInteger.valueOf(0x123), Bytes.utf8("Sig")));
    }

    @Test
    void kexEcdhInitIsOneString() {
        golden("""
                1e                  # SSH_MSG_KEX_ECDH_INIT (30)
                00000020 %s
                                    # string Q_C, Alice's X25519 public key
                """.formatted(ALICE_X25519), KexFamily.ECDH, new KexEcdhInit(Bytes.fromHex(ALICE_X25519)));
    }

    @Test
    void kexEcdhReplyIsHostKeyPublicValueAndSignature() {
        golden("""
                1f                  # SSH_MSG_KEX_ECDH_REPLY (31)
                00000002 4b53       # string K_S "KS"
                00000020 %s
                                    # string Q_S, Bob's X25519 public key
                00000003 536967     # string signature of H "Sig"
                """.formatted(BOB_X25519), KexFamily.ECDH,
                new KexEcdhReply(Bytes.utf8("KS"), Bytes.fromHex(BOB_X25519), Bytes.utf8("Sig")));
    }

    @Test
    void hybridInitUsesTheEcdhShapeWithAKemKeyAndX25519Value() {
        // mlkem768x25519-sha256: C_INIT = ML-KEM-768 public key (1184 bytes) || X25519 public key (32)
        byte[] cInit = new byte[1184 + 32];
        System.arraycopy(Hex.parse(ALICE_X25519), 0, cInit, 1184, 32);
        byte[] payload = new SshWriter().writeByte(30).writeString(cInit).toByteArray();
        KexEcdhInit init = assertInstanceOf(KexEcdhInit.class, KexCodec.decode(payload, KexFamily.ECDH));
        assertEquals(1216, init.clientPublic().length());
    }

    @Test
    void groupExchangeRequestIsThreeUint32() {
        golden("""
                22                  # SSH_MSG_KEX_DH_GEX_REQUEST (34)
                00000800            # uint32 min 2048
                00000c00            # uint32 n 3072
                00002000            # uint32 max 8192
                """, KexFamily.GROUP_EXCHANGE, new KexDhGexRequest(2048, 3072, 8192));
    }

    @Test
    void groupExchangeRequestOldIsOneUint32() {
        golden("""
                1e                  # SSH_MSG_KEX_DH_GEX_REQUEST_OLD (30)
                00000800            # uint32 n 2048
                """, KexFamily.GROUP_EXCHANGE, new KexDhGexRequestOld(2048));
    }

    @Test
    void groupExchangeGroupIsPrimeAndGenerator() {
        golden("""
                1f                  # SSH_MSG_KEX_DH_GEX_GROUP (31)
                00000001 17         # mpint p = 23, a (toy) safe prime
                00000001 05         # mpint g = 5
                """, KexFamily.GROUP_EXCHANGE, new KexDhGexGroup(BigInteger.valueOf(23), BigInteger.valueOf(5)));
    }

    @Test
    void groupExchangeInitIsOneMpint() {
        golden("""
                20                  # SSH_MSG_KEX_DH_GEX_INIT (32)
                00000002 00ff       # mpint e = 255
                """, KexFamily.GROUP_EXCHANGE, new KexDhGexInit(BigInteger.valueOf(255)));
    }

    @Test
    void groupExchangeReplyIsHostKeyMpintAndSignature() {
        golden("""
                21                  # SSH_MSG_KEX_DH_GEX_REPLY (33)
                00000002 4b53       # string K_S "KS"
                00000001 07         # mpint f = 7
                00000003 536967     # string signature of H "Sig"
                """, KexFamily.GROUP_EXCHANGE,
                new KexDhGexReply(Bytes.utf8("KS"), BigInteger.valueOf(7), Bytes.utf8("Sig")));
    }

    @Test
    void numbersAFamilyDoesNotUseAreUnknownMessages() {
        golden("20 abcd  # 32 is not a DH message", KexFamily.DH, new UnknownMessage(32, Bytes.fromHex("abcd")));
        golden("22       # 34 is not an ECDH message", KexFamily.ECDH, new UnknownMessage(34, Bytes.EMPTY));
        golden("31 00    # 49, the last of the range", KexFamily.GROUP_EXCHANGE,
                new UnknownMessage(49, Bytes.fromHex("00")));
    }
}
