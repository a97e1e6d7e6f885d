package io.sanssh.spec.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sanssh.spec.testing.CodecAssertions;
import io.sanssh.spec.testing.Gen;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random values of every packet type, every extended request body and every typed
 * extended reply survive encode then decode, and their bytes survive decode then encode.
 */
class SftpRoundTripTest {
    private static final int SEEDS = 250;

    private static long seed(int kind, int i) {
        return kind * 1_000_003L + i;
    }

    @Test
    void everyRequestTypeRoundTripsThroughTheServerSideDecoder() {
        int kinds = new SftpGen(new Gen(0)).requestKinds().size();
        assertEquals(20, kinds, "INIT, the 18 requests of draft §6, and Unknown");
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < SEEDS; i++) {
                long seed = seed(k, i);
                SftpRequest p = new SftpGen(new Gen(seed)).requestKinds().get(k).get();
                CodecAssertions.assertRoundTrip(p, SftpCodec::encodeBody, SftpCodec::decodeRequest, seed);
                if (!(p instanceof SftpRequest.Unknown)) {
                    // the framed, direction-free decoder has no meaning for an undefined type
                    CodecAssertions.assertRoundTrip(p, SftpCodec::encode, b -> (SftpRequest) SftpCodec.decode(b), seed);
                }
            }
        }
    }

    @Test
    void everyDefinedRequestTypeAlsoRoundTripsThroughTheGenericDecoder() {
        int kinds = new SftpGen(new Gen(0)).requestKinds().size();
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < SEEDS; i++) {
                long seed = seed(k, i);
                SftpRequest p = new SftpGen(new Gen(seed)).requestKinds().get(k).get();
                if (!(p instanceof SftpRequest.Unknown)) {
                    CodecAssertions.assertRoundTrip(p, SftpCodec::encodeBody,
                            b -> (SftpRequest) SftpCodec.decodeBody(b), seed);
                }
            }
        }
    }

    @Test
    void everyExtendedRequestBodyRoundTripsInsideAnExtendedPacket() {
        int kinds = new SftpGen(new Gen(0)).extendedKinds().size();
        assertEquals(12, kinds, "eleven OpenSSH extensions and Unknown");
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < SEEDS; i++) {
                long seed = seed(100 + k, i);
                Gen g = new Gen(seed);
                SftpExtended p = new SftpExtended(g.anyInt(), new SftpGen(g).extendedKinds().get(k).get());
                CodecAssertions.assertRoundTrip(p, SftpCodec::encodeBody, b -> (SftpExtended) SftpCodec.decodeRequest(b),
                        seed);
            }
        }
    }

    @Test
    void everyReplyTypeRoundTripsThroughTheClientSideDecoder() {
        int kinds = new SftpGen(new Gen(0)).replyKinds().size();
        assertEquals(7, kinds, "VERSION and the six responses of draft §7");
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < SEEDS; i++) {
                long seed = seed(200 + k, i);
                SftpReply p = new SftpGen(new Gen(seed)).replyKinds().get(k).get();
                CodecAssertions.assertRoundTrip(p, SftpCodec::encodeBody, SftpCodec::decodeReply, seed);
                CodecAssertions.assertRoundTrip(p, SftpCodec::encode, b -> (SftpReply) SftpCodec.decode(b), seed);
            }
        }
    }

    @Test
    void everyTypedExtendedReplyRoundTripsThroughItsDecoder() {
        int kinds = new SftpGen(new Gen(0)).extendedReplyKinds().size();
        for (int k = 0; k < kinds; k++) {
            for (int i = 0; i < SEEDS; i++) {
                long seed = seed(300 + k, i);
                SftpExtendedReplyData d = new SftpGen(new Gen(seed)).extendedReplyKinds().get(k).get();
                Function<byte[], SftpExtendedReplyData> decode = switch (k) {
                    case 0 -> b -> SftpExtendedReplyData.StatvfsReply.decode(Bytes.of(b));
                    case 1 -> b -> SftpExtendedReplyData.LimitsReply.decode(Bytes.of(b));
                    default -> b -> SftpExtendedReplyData.UsersGroupsByIdReply.decode(Bytes.of(b));
                };
                CodecAssertions.assertRoundTrip(d, x -> x.toBytes().toByteArray(), decode, seed);
                // and inside the EXTENDED_REPLY packet that carries it
                SftpReply.ExtendedReply packet = d.toReply(i);
                assertEquals(packet, SftpCodec.decodeReply(SftpCodec.encodeBody(packet)));
            }
        }
    }

    @Test
    void attributesRoundTripOnTheirOwnWithFlagsMatchingTheFields() {
        for (int i = 0; i < 1000; i++) {
            long seed = seed(400, i);
            SftpAttributes a = new SftpGen(new Gen(seed)).attrs();
            Supplier<String> why = () -> "seed " + seed + ": " + a;
            CodecAssertions.assertRoundTrip(a, x -> {
                SshWriter w = new SshWriter();
                x.encode(w);
                return w.toByteArray();
            }, b -> {
                SshReader r = new SshReader(b);
                SftpAttributes back = SftpAttributes.decode(r);
                r.expectEnd("ATTRS");
                return back;
            }, seed);
            assertEquals(a.size().isPresent(), (a.flags() & SftpConstants.SSH_FILEXFER_ATTR_SIZE) != 0, why);
            assertEquals(a.uid().isPresent(), (a.flags() & SftpConstants.SSH_FILEXFER_ATTR_UIDGID) != 0, why);
            assertEquals(a.extended().isPresent(), (a.flags() & SftpConstants.SSH_FILEXFER_ATTR_EXTENDED) != 0, why);
        }
    }
}
