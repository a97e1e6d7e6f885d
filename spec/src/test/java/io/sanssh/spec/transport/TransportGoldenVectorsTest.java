package io.sanssh.spec.transport;

import static io.sanssh.spec.testing.CodecAssertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.testing.Hex;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.DisconnectReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors assembled by hand from the field layouts of RFC 4253 §7.1, §7.3, §10, §11,
 * RFC 8308 §2.3, §3.2 and OpenSSH PROTOCOL §1.9, one comment per field.
 */
class TransportGoldenVectorsTest {

    private static void golden(String hex, SshMessage expected) {
        assertGolden(Hex.parse(hex), expected, SshMessage::encode, TransportCodec::decode);
    }

    @Test
    void disconnectIsReasonDescriptionAndLanguage() {
        golden("""
                01                  # SSH_MSG_DISCONNECT
                0000000b            # uint32 reason code 11, BY_APPLICATION
                00000003 627965     # string description "bye"
                00000002 656e       # string language tag "en"
                """, new Disconnect(11, "bye", "en"));
        assertEquals(new Disconnect(11, "bye", ""), new Disconnect(DisconnectReason.BY_APPLICATION, "bye"));
    }

    @Test
    void disconnectKeepsPrivateReasonCodes() {
        golden("""
                01                  # SSH_MSG_DISCONNECT
                fe000001            # uint32 reason code in the private range of RFC 4250 §4.2.2
                00000000            # string description ""
                00000000            # string language tag ""
                """, new Disconnect(0xfe000001, "", ""));
        assertEquals(Optional.empty(), new Disconnect(0xfe000001, "", "").reason());
    }

    @Test
    void ignoreIsOneString() {
        golden("""
                02                  # SSH_MSG_IGNORE
                00000003 010203     # string data
                """, new Ignore(Bytes.of((byte) 1, (byte) 2, (byte) 3)));
    }

    @Test
    void unimplementedCarriesTheFullUint32SequenceNumber() {
        golden("""
                03                  # SSH_MSG_UNIMPLEMENTED
                ffffffff            # uint32 packet sequence number of rejected message
                """, new Unimplemented(0xffffffffL));
    }

    @Test
    void debugIsFlagMessageAndLanguage() {
        golden("""
                04                  # SSH_MSG_DEBUG
                01                  # boolean always_display
                00000005 68656c6c6f # string message "hello"
                00000000            # string language tag ""
                """, new Debug(true, "hello", ""));
    }

    @Test
    void serviceRequestAndAcceptNameTheService() {
        golden("""
                05                                  # SSH_MSG_SERVICE_REQUEST
                0000000c 7373682d7573657261757468   # string service name "ssh-userauth"
                """, new ServiceRequest("ssh-userauth"));
        golden("""
                06                                  # SSH_MSG_SERVICE_ACCEPT
                0000000c 7373682d7573657261757468   # string service name "ssh-userauth"
                """, new ServiceAccept("ssh-userauth"));
    }

    @Test
    void extInfoIsACountThenNameValuePairs() {
        golden("""
                07                                          # SSH_MSG_EXT_INFO
                00000002                                    # uint32 nr-extensions
                0000000f 7365727665722d7369672d616c6773      # string "server-sig-algs"
                00000018 7373682d656432353531392c7273612d736861322d323536
                                                            # string "ssh-ed25519,rsa-sha2-256"
                00000010 70696e67406f70656e7373682e636f6d    # string "ping@openssh.com"
                00000001 30                                 # string "0"
                """, ExtInfo.of(ExtensionValues.serverSigAlgs(List.of("ssh-ed25519", "rsa-sha2-256")),
                        ExtensionValues.ping()));
    }

    @Test
    void delayCompressionValueHoldsTwoNameLists() {
        golden("""
                07                                          # SSH_MSG_EXT_INFO
                00000001                                    # uint32 nr-extensions
                00000011 64656c61792d636f6d7072657373696f6e  # string "delay-compression"
                00000029                                    # string extension-value, 41 bytes:
                  00000015 6e6f6e652c7a6c6962406f70656e7373682e636f6d
                                                            #   name-list c2s "none,zlib@openssh.com"
                  0000000c 7a6c6962406f70656e737368          #   name-list s2c "zlib@openssh"
                """, ExtInfo.of(ExtensionValues.delayCompression(List.of("none", "zlib@openssh.com"),
                        List.of("zlib@openssh"))));
    }

    @Test
    void messagesWithoutFieldsAreOneByte() {
        golden("08  # SSH_MSG_NEWCOMPRESS", NewCompress.INSTANCE);
        golden("15  # SSH_MSG_NEWKEYS", NewKeys.INSTANCE);
    }

    @Test
    void kexInitHasCookieTenNameListsFlagAndReserved() {
        golden("""
                14                                          # SSH_MSG_KEXINIT
                000102030405060708090a0b0c0d0e0f            # byte[16] cookie
                00000011 637572766532353531392d736861323536  # name-list kex_algorithms "curve25519-sha256"
                0000000b 7373682d65643235353139              # name-list server_host_key_algorithms "ssh-ed25519"
                00000016 6165733132382d67636d406f70656e7373682e636f6d
                                                            # name-list encryption c2s "aes128-gcm@openssh.com"
                00000016 6165733132382d67636d406f70656e7373682e636f6d
                                                            # name-list encryption s2c
                0000000d 686d61632d736861322d323536          # name-list mac c2s "hmac-sha2-256"
                0000000d 686d61632d736861322d323536          # name-list mac s2c
                00000004 6e6f6e65                            # name-list compression c2s "none"
                00000004 6e6f6e65                            # name-list compression s2c
                00000000                                    # name-list languages c2s (empty)
                00000000                                    # name-list languages s2c (empty)
                00                                          # boolean first_kex_packet_follows
                00000000                                    # uint32 reserved
                """, KexInit.symmetric(Bytes.fromHex("000102030405060708090a0b0c0d0e0f"),
                        List.of("curve25519-sha256"), List.of("ssh-ed25519"), List.of("aes128-gcm@openssh.com"),
                        List.of("hmac-sha2-256"), List.of("none")));
    }

    @Test
    void pingAndPongAreOneStringInTheLocalExtensionRange() {
        golden("""
                c0                  # SSH2_MSG_PING (192)
                00000004 61626364   # string data "abcd"
                """, new Ping(Bytes.utf8("abcd")));
        golden("""
                c1                  # SSH2_MSG_PONG (193)
                00000000            # string data "" (may be empty)
                """, new Pong(Bytes.EMPTY));
        assertEquals(new Pong(Bytes.utf8("abcd")), new Ping(Bytes.utf8("abcd")).reply());
    }

    @Test
    void unknownNumbersOfTheTransportRangeKeepTheirBody() {
        golden("""
                09                  # unassigned transport number
                abcd                # body kept raw
                """, new UnknownMessage(9, Bytes.fromHex("abcd")));
        golden("fe  # local extension 254, no body", new UnknownMessage(254, Bytes.EMPTY));
    }
}
