package io.sanssh.spec.userauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;

/**
 * Jazzer target for {@link UserAuthCodec}. Without {@code JAZZER_FUZZ=1} it replays the seed
 * corpus in {@code UserAuthCodecFuzzTestInputs/decodeUnderEveryContext/} (the golden vectors and
 * any crash found so far); with it, it fuzzes.
 */
class UserAuthCodecFuzzTest {

    /**
     * Any payload, decoded under every context, either throws {@link SshFormatException} or gives a
     * message that encodes back to exactly the payload.
     */
    @FuzzTest(maxDuration = "60s")
    void decodeUnderEveryContext(byte[] payload) {
        for (AuthMethodContext context : AuthMethodContext.values()) {
            SshMessage message;
            try {
                message = UserAuthCodec.decode(payload, context);
            } catch (SshFormatException expected) {
                continue;
            }
            assertArrayEquals(payload, message.encode(), () -> context + ": " + message);
        }
    }
}
