package io.sanssh.engine.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sanssh.engine.Role;
import io.sanssh.engine.event.Disconnected;
import io.sanssh.engine.event.SshEvent;
import io.sanssh.engine.testing.RecordingListener;
import io.sanssh.engine.testing.TestKeys;
import io.sanssh.engine.testing.TestRandom;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzzes {@link Transport#receive} in both roles: whatever bytes arrive, in whatever fragments,
 * nothing escapes but the engine's own events; after a fault the engine is closed, has emitted
 * Disconnected as its last event, and drains to nothing. Memory stays bounded by the packet limit.
 */
class TransportReceiveFuzzTest {

    private static final TransportConfig SERVER = TransportConfig.builder().hostKeys(List.of(TestKeys.ed25519())).build();
    private static final TransportConfig CLIENT =
            TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.ACCEPT_ALL).build();

    @FuzzTest(maxDuration = "30s")
    void serverRoleReceive(FuzzedDataProvider data) {
        run(new Transport(Role.SERVER, SERVER, TestRandom.seeded(1), new RecordingListener(), 0), data);
    }

    @FuzzTest(maxDuration = "30s")
    void clientRoleReceive(FuzzedDataProvider data) {
        run(new Transport(Role.CLIENT, CLIENT, TestRandom.seeded(2), new RecordingListener(), 0), data);
    }

    private static void run(Transport t, FuzzedDataProvider data) {
        long now = 1;
        int rounds = 0;
        while (data.remainingBytes() > 0 && rounds++ < 64) {
            int chunk = data.consumeInt(1, 4096);
            byte[] bytes = data.consumeBytes(chunk);
            ByteBuffer src = ByteBuffer.wrap(bytes);
            int consumed = t.receive(src, now);
            assertTrue(consumed >= 0 && consumed <= bytes.length);
            drain(t);
            now += 1_000_000;
            if (t.isClosed()) {
                break;
            }
        }
        SshEvent e;
        SshEvent last = null;
        while ((e = t.pollEvent()) != null) {
            last = e;
        }
        if (t.isClosed()) {
            assertTrue(last instanceof Disconnected || last == null, "last event " + last);
            drain(t);
            assertFalse(t.wantsWrite(), "a closed engine drains to nothing");
            assertFalse(t.wantsRead());
        }
    }

    private static void drain(Transport t) {
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        while (t.wantsWrite()) {
            out.clear();
            t.transmit(out);
        }
    }
}
