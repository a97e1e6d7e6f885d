package io.sanssh.spec.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.sftp.SftpExtendedReplyData.LimitsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.StatvfsReply;
import io.sanssh.spec.sftp.SftpExtendedReplyData.UsersGroupsByIdReply;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.io.ByteArrayOutputStream;
import java.util.function.Function;

/**
 * Jazzer targets for every SFTP decoder. Without {@code JAZZER_FUZZ=1} they run in regression
 * mode over the seed corpus in {@code SftpCodecFuzzTestInputs/<method>/} (OpenSSH's recorded
 * packets and any crash found since). The property is the same everywhere: bad input throws
 * {@link SshFormatException} and nothing else, and accepted input re-encodes to itself.
 */
class SftpCodecFuzzTest {

    /** Client side: a body from the server, then the typed decoders a requester would apply. */
    @FuzzTest(maxDuration = "60s")
    void decodeReply(byte[] body) {
        SftpReply reply;
        try {
            reply = SftpCodec.decodeReply(body);
        } catch (SshFormatException expected) {
            return;
        }
        assertArrayEquals(body, SftpCodec.encodeBody(reply));
        if (reply instanceof SftpReply.ExtendedReply r) {
            checkTyped(r.data(), StatvfsReply::decode, StatvfsReply::toBytes);
            checkTyped(r.data(), LimitsReply::decode, LimitsReply::toBytes);
            checkTyped(r.data(), UsersGroupsByIdReply::decode, UsersGroupsByIdReply::toBytes);
        }
    }

    /** Server side: a body from the client. */
    @FuzzTest(maxDuration = "60s")
    void decodeRequest(byte[] body) {
        SftpRequest request;
        try {
            request = SftpCodec.decodeRequest(body);
        } catch (SshFormatException expected) {
            return;
        }
        assertArrayEquals(body, SftpCodec.encodeBody(request));
    }

    /**
     * The stream framer, fed in chunks whose size the first byte chooses: every packet it yields,
     * re-framed, must give back exactly the bytes it consumed.
     */
    @FuzzTest(maxDuration = "60s")
    void frameReader(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0xff);
        SftpFrameReader reader = new SftpFrameReader(4096);
        ByteArrayOutputStream reframed = new ByteArrayOutputStream();
        int fed = 1;
        try {
            while (fed < input.length) {
                int n = Math.min(chunk, input.length - fed);
                reader.receive(input, fed, n);
                fed += n;
                drain(reader, reframed);
            }
        } catch (SshFormatException expected) {
            drain(reader, reframed);
            return;
        }
        int consumed = fed - 1 - reader.partialBytes();
        byte[] prefix = new byte[consumed];
        System.arraycopy(input, 1, prefix, 0, consumed);
        assertArrayEquals(prefix, reframed.toByteArray());
    }

    private static void drain(SftpFrameReader reader, ByteArrayOutputStream reframed) {
        for (byte[] body = reader.poll(); body != null; body = reader.poll()) {
            reframed.writeBytes(framed(body));
            try {
                SftpPacket p = SftpCodec.decodeBody(body);
                assertArrayEquals(body, SftpCodec.encodeBody(p));
            } catch (SshFormatException expected) {
                // a well-framed packet may still be malformed inside
            }
        }
    }

    private static byte[] framed(byte[] body) {
        byte[] b = new byte[body.length + 4];
        b[0] = (byte) (body.length >>> 24);
        b[1] = (byte) (body.length >>> 16);
        b[2] = (byte) (body.length >>> 8);
        b[3] = (byte) body.length;
        System.arraycopy(body, 0, b, 4, body.length);
        return b;
    }

    private static <T> void checkTyped(Bytes data, Function<Bytes, T> decode, Function<T, Bytes> encode) {
        T value;
        try {
            value = decode.apply(data);
        } catch (SshFormatException expected) {
            return;
        }
        assertEquals(data, encode.apply(value));
    }
}
