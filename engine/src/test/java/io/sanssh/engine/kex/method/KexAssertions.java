package io.sanssh.engine.kex.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import org.junit.jupiter.api.function.Executable;

/** Asserts a key exchange failure: {@link SshFormatException} with KEY_EXCHANGE_FAILED only. */
final class KexAssertions {
    private KexAssertions() {
    }

    static SshFormatException assertKexFails(Executable call) {
        SshFormatException e = assertThrows(SshFormatException.class, call);
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, e.reason(), e.getMessage());
        return e;
    }
}
