package io.sanssh.spec.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.wire.SshFormatException;
import java.util.Arrays;

/**
 * Jazzer target for the identification line parser: only {@link SshFormatException} may escape,
 * and an accepted line's record encodes to a line that parses back to the same record. Seeds are in
 * {@code ProtocolVersionFuzzTestInputs/parse/}.
 */
class ProtocolVersionFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] line) {
        ProtocolVersion v;
        try {
            v = ProtocolVersion.parse(line);
        } catch (SshFormatException expected) {
            return;
        }
        byte[] again = v.encode();
        assertEquals(v, ProtocolVersion.parse(Arrays.copyOf(again, again.length - 2)));
    }
}
