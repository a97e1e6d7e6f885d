package io.sanssh.modeltests.interop.support;

import io.sanssh.engine.keys.SshPublicKey;
import io.sanssh.engine.transport.HostKeyVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A client-side {@link HostKeyVerifier} that accepts only the given keys (the peer's real host
 * keys, read from the files the peer uses) and rejects everything else, so that an interop test
 * proves the server signed with the key we expect rather than accepting blindly. It also checks
 * that the key suits the negotiated algorithm, and remembers what it was shown.
 */
public final class PinnedHostKeyVerifier implements HostKeyVerifier {
    private final List<SshPublicKey> trusted;
    private final List<String> presented = new ArrayList<>();

    /** Trusts exactly {@code trusted}. */
    public PinnedHostKeyVerifier(Collection<SshPublicKey> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    @Override
    public Decision verify(SshPublicKey key, String algorithm) {
        presented.add(algorithm + " " + key.keyType() + " " + key.fingerprint());
        boolean known = trusted.contains(key);
        boolean suits = key.signatureAlgorithms().contains(algorithm);
        return known && suits ? Decision.ACCEPT : Decision.REJECT;
    }

    /** What was presented so far: "algorithm keytype fingerprint" per call, for messages. */
    public List<String> presented() {
        return List.copyOf(presented);
    }
}
