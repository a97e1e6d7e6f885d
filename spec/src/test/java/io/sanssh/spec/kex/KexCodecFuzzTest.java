package io.sanssh.spec.kex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;

/**
 * Jazzer targets for the key exchange decoder, one per family. Without {@code JAZZER_FUZZ} they
 * replay the seed corpus in {@code KexCodecFuzzTestInputs/<method>/} (real OpenSSH payloads); with
 * {@code JAZZER_FUZZ=1} they fuzz. The property: only {@link SshFormatException} may escape, and
 * whatever is accepted re-encodes to exactly the input.
 */
class KexCodecFuzzTest {

    private static void check(byte[] input, KexFamily family) {
        SshMessage m;
        try {
            m = KexCodec.decode(input, family);
        } catch (SshFormatException expected) {
            return;
        }
        assertArrayEquals(input, m.encode(), "accepted payload must re-encode to itself: " + m);
    }

    @FuzzTest(maxDuration = "60s")
    void decodeDh(byte[] input) {
        check(input, KexFamily.DH);
    }

    @FuzzTest(maxDuration = "60s")
    void decodeEcdh(byte[] input) {
        check(input, KexFamily.ECDH);
    }

    @FuzzTest(maxDuration = "60s")
    void decodeGroupExchange(byte[] input) {
        check(input, KexFamily.GROUP_EXCHANGE);
    }
}
