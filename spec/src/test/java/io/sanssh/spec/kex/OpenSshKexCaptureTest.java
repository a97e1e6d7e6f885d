package io.sanssh.spec.kex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Key exchange payloads captured from a real OpenSSH 9.2p1 client and server (see the headers of
 * the resource files): each decodes to the expected shape and re-encodes byte for byte.
 */
class OpenSshKexCaptureTest {

    /** The 2048-bit MODP group 14 prime (RFC 3526 §3), used by diffie-hellman-group14-sha256. */
    private static final BigInteger GROUP14_P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7"
                    + "EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24"
                    + "CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E"
                    + "36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261"
                    + "898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);

    private static <T extends SshMessage> T decode(String file, KexFamily family, Class<T> type) {
        byte[] payload = GoldenFiles.load(file);
        SshMessage m = KexCodec.decode(payload, family);
        assertArrayEquals(payload, m.encode(), "re-encoding " + file + " gives the captured bytes");
        return assertInstanceOf(type, m);
    }

    /** Checks an ed25519 host key blob (RFC 8709 §4): string "ssh-ed25519", string key (32 bytes). */
    private static void assertEd25519HostKey(Bytes blob) {
        SshReader r = SshReader.of(blob);
        assertEquals("ssh-ed25519", r.readAscii());
        assertEquals(32, r.readString().length());
        r.expectEnd("host key");
    }

    /** Checks an ed25519 signature blob (RFC 8709 §6): string "ssh-ed25519", string signature (64 bytes). */
    private static void assertEd25519Signature(Bytes blob) {
        SshReader r = SshReader.of(blob);
        assertEquals("ssh-ed25519", r.readAscii());
        assertEquals(64, r.readString().length());
        r.expectEnd("signature");
    }

    @Test
    void curve25519InitCarriesA32BytePublicValue() {
        KexEcdhInit init = decode(GoldenFiles.CLIENT_ECDH_INIT, KexFamily.ECDH, KexEcdhInit.class);
        assertEquals(32, init.clientPublic().length());
    }

    @Test
    void curve25519ReplyCarriesHostKeyPublicValueAndSignature() {
        KexEcdhReply reply = decode(GoldenFiles.SERVER_ECDH_REPLY, KexFamily.ECDH, KexEcdhReply.class);
        assertEd25519HostKey(reply.hostKey());
        assertEquals(32, reply.serverPublic().length());
        assertEd25519Signature(reply.signature());
    }

    @Test
    void group14ValuesLieInsideTheGroup() {
        KexDhInit init = decode(GoldenFiles.CLIENT_DH_INIT, KexFamily.DH, KexDhInit.class);
        KexDhReply reply = decode(GoldenFiles.SERVER_DH_REPLY, KexFamily.DH, KexDhReply.class);
        for (BigInteger v : new BigInteger[] {init.e(), reply.f()}) {
            assertTrue(v.compareTo(BigInteger.ONE) > 0 && v.compareTo(GROUP14_P.subtract(BigInteger.ONE)) < 0);
        }
        assertEd25519HostKey(reply.hostKey());
        assertEd25519Signature(reply.signature());
    }

    @Test
    void groupExchangeRequestAsksForAtLeast2048Bits() {
        KexDhGexRequest req = decode(GoldenFiles.CLIENT_GEX_REQUEST, KexFamily.GROUP_EXCHANGE, KexDhGexRequest.class);
        assertEquals(new KexDhGexRequest(2048, 8192, 8192), req);
        assertTrue(req.isOrdered());
    }

    @Test
    void groupExchangeGroupIsAModulusOfTheRequestedSizeWithGenerator() {
        KexDhGexGroup group = decode(GoldenFiles.SERVER_GEX_GROUP, KexFamily.GROUP_EXCHANGE, KexDhGexGroup.class);
        assertEquals(3072, group.p().bitLength(), "the Python client asked for 3072 bits");
        assertTrue(group.p().testBit(0), "p is odd");
        assertTrue(group.g().compareTo(BigInteger.ONE) > 0 && group.g().compareTo(group.p()) < 0);
    }

    @Test
    void groupExchangeInitAndReplyDecodeAndReEncode() {
        KexDhGexInit init = decode(GoldenFiles.CLIENT_GEX_INIT, KexFamily.GROUP_EXCHANGE, KexDhGexInit.class);
        KexDhGexGroup group = decode(GoldenFiles.SERVER_GEX_GROUP, KexFamily.GROUP_EXCHANGE, KexDhGexGroup.class);
        assertTrue(init.e().compareTo(BigInteger.ONE) > 0 && init.e().compareTo(group.p()) < 0,
                "e was computed in the group the listener relayed from the server capture");
        KexDhGexReply reply = decode(GoldenFiles.SERVER_GEX_REPLY, KexFamily.GROUP_EXCHANGE, KexDhGexReply.class);
        assertTrue(reply.f().compareTo(group.p()) < 0, "f was computed in the captured group");
        assertEd25519HostKey(reply.hostKey());
        assertEd25519Signature(reply.signature());
    }

    @Test
    void theSameServerHostKeyAppearsInEveryReply() {
        Bytes ecdh = decode(GoldenFiles.SERVER_ECDH_REPLY, KexFamily.ECDH, KexEcdhReply.class).hostKey();
        assertEquals(ecdh, decode(GoldenFiles.SERVER_DH_REPLY, KexFamily.DH, KexDhReply.class).hostKey());
        assertEquals(ecdh, decode(GoldenFiles.SERVER_GEX_REPLY, KexFamily.GROUP_EXCHANGE, KexDhGexReply.class)
                .hostKey());
    }
}
