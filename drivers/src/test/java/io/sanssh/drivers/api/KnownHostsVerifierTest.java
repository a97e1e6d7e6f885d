package io.sanssh.drivers.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sanssh.engine.keys.KeyPairs;
import io.sanssh.engine.keys.PublicKeys;
import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.HostKeyVerifier.Decision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each StrictHostKeyChecking mode against listed, changed, revoked and unknown keys, with typed refusals. */
class KnownHostsVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SshPublicKey LISTED = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM).publicKey();
    private static final SshPublicKey OTHER = KeyPairs.generate(PublicKeys.ED25519, 0, RANDOM).publicKey();

    @TempDir
    Path dir;

    private KnownHostsVerifier verifier(String lines, StrictHostKeyChecking mode) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        return new KnownHostsVerifier("example.test", 22, file, mode, List.of(), false, RANDOM);
    }

    private static String line(String prefix, SshPublicKey key) {
        return prefix + PublicKeys.toOpenSshLine(key, "") + "\n";
    }

    @Test
    void aListedKeyIsAcceptedInEveryMode() throws Exception {
        for (StrictHostKeyChecking mode : StrictHostKeyChecking.values()) {
            KnownHostsVerifier v = verifier(line("example.test ", LISTED), mode);
            assertEquals(Decision.ACCEPT, v.verify(LISTED, "ssh-ed25519"), mode.toString());
            assertNull(v.recordNewHost(), "nothing new to record");
        }
    }

    @Test
    void aChangedKeyIsRefusedAsChangedUnlessCheckingIsOff() throws Exception {
        for (StrictHostKeyChecking mode : StrictHostKeyChecking.values()) {
            KnownHostsVerifier v = verifier(line("example.test ", LISTED), mode);
            Decision d = v.verify(OTHER, "ssh-ed25519");
            if (mode == StrictHostKeyChecking.NO) {
                assertEquals(Decision.ACCEPT, d, "ssh's StrictHostKeyChecking=no lets a changed key through");
            } else {
                assertEquals(Decision.REJECT, d, mode.toString());
                assertEquals(HostKeyRejectedException.Reason.CHANGED, v.rejection().reason());
                assertTrue(v.rejection().getMessage().contains("line 1"), v.rejection().getMessage());
            }
        }
    }

    @Test
    void aRevokedKeyIsRefusedInEveryMode() throws Exception {
        for (StrictHostKeyChecking mode : StrictHostKeyChecking.values()) {
            KnownHostsVerifier v = verifier(line("@revoked * ", OTHER), mode);
            assertEquals(Decision.REJECT, v.verify(OTHER, "ssh-ed25519"), mode.toString());
            assertEquals(HostKeyRejectedException.Reason.REVOKED, v.rejection().reason());
        }
    }

    @Test
    void anUnknownHostFollowsTheModeAndAcceptNewRecordsIt() throws Exception {
        KnownHostsVerifier yes = verifier("", StrictHostKeyChecking.YES);
        assertEquals(Decision.REJECT, yes.verify(LISTED, "ssh-ed25519"));
        assertEquals(HostKeyRejectedException.Reason.UNKNOWN_HOST, yes.rejection().reason());
        assertEquals(Decision.ASK, verifier("", StrictHostKeyChecking.ASK).verify(LISTED, "ssh-ed25519"));
        KnownHostsVerifier acceptNew = verifier("", StrictHostKeyChecking.ACCEPT_NEW);
        assertEquals(Decision.ACCEPT, acceptNew.verify(LISTED, "ssh-ed25519"));
        String recorded = acceptNew.recordNewHost();
        assertTrue(recorded.startsWith("example.test ssh-ed25519 "), recorded);
        assertEquals(Decision.ACCEPT, verifier(Files.readString(dir.resolve("known_hosts")), StrictHostKeyChecking.YES)
                .verify(LISTED, "ssh-ed25519"), "the recorded line is trusted next time");
    }
}
