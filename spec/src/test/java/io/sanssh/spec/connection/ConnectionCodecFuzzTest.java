package io.sanssh.spec.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshFormatException;

/**
 * Jazzer target for {@link ConnectionCodec}. Without {@code JAZZER_FUZZ=1} it replays the seed
 * corpus in {@code ConnectionCodecFuzzTestInputs/decode/} (the golden vectors and any crash found
 * so far); with it, it fuzzes.
 */
class ConnectionCodecFuzzTest {

    /**
     * Any payload either throws {@link SshFormatException} or gives a message that encodes back to
     * exactly the payload. Requests that carry pty modes also parse them without any other error.
     */
    @FuzzTest(maxDuration = "60s")
    void decode(byte[] payload) {
        SshMessage message;
        try {
            message = ConnectionCodec.decode(payload);
        } catch (SshFormatException expected) {
            return;
        }
        assertArrayEquals(payload, message.encode(), message::toString);
        if (message instanceof ChannelRequest r && r.body() instanceof ChannelRequestBody.PtyReq pty) {
            try {
                pty.modes();
            } catch (SshFormatException expected) {
                // truncated modes are reported with the typed error
            }
        }
    }
}
