package io.sanssh.spec.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import java.util.List;

/**
 * Jazzer targets for the transport decoders. Without {@code JAZZER_FUZZ} they replay the seed
 * corpus in {@code TransportCodecFuzzTestInputs/<method>/} (real OpenSSH payloads) as regression
 * tests; with {@code JAZZER_FUZZ=1} they fuzz. The property: only {@link SshFormatException} may
 * escape, and whatever is accepted re-encodes to exactly the input.
 */
class TransportCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        SshMessage m;
        try {
            m = TransportCodec.decode(input);
        } catch (SshFormatException expected) {
            return;
        }
        assertArrayEquals(input, m.encode(), "accepted payload must re-encode to itself: " + m);
    }

    @FuzzTest(maxDuration = "60s")
    void extensionValues(byte[] input) {
        Bytes value = Bytes.of(input);
        try {
            List<String> algs = ExtensionValues.parseServerSigAlgs(value);
            assertEquals(value, ExtensionValues.serverSigAlgs(algs).value());
        } catch (SshFormatException expected) {
            // rejected: fine
        }
        try {
            ExtensionValues.DelayCompression d = ExtensionValues.parseDelayCompression(value);
            assertEquals(value, ExtensionValues.delayCompression(d.c2s(), d.s2c()).value());
        } catch (SshFormatException expected) {
            // rejected: fine
        }
        try {
            assertEquals(value, ExtensionValues.noFlowControl(ExtensionValues.parseNoFlowControl(value)).value());
        } catch (SshFormatException expected) {
            // rejected: fine
        }
        try {
            assertEquals(value, ExtensionValues.elevation(ExtensionValues.parseElevation(value)).value());
        } catch (SshFormatException expected) {
            // rejected: fine
        }
    }
}
