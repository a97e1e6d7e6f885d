package io.sanssh.engine.transport;

import io.sanssh.engine.keys.SshPublicKey;

/**
 * Client role: decides whether to trust the server's host key, at once. Installed in the
 * {@link TransportConfig}; when it answers {@link Decision#ASK}, the engine emits {@code
 * HostKeyPresented} and waits for the application's decision.
 *
 * <p>Called on the engine thread with the key whose possession the server has already proved
 * (its signature over the exchange hash verified). It must not block.
 */
@FunctionalInterface
public interface HostKeyVerifier {
    /** The verifier's answer. */
    enum Decision {
        ACCEPT,
        REJECT,
        ASK
    }

    /** Accepts every key: for tests and the simulator only. */
    HostKeyVerifier ACCEPT_ALL = (key, algorithm) -> Decision.ACCEPT;

    /** Leaves every decision to the application. */
    HostKeyVerifier ASK = (key, algorithm) -> Decision.ASK;

    /** Decides about {@code key}, presented with signature algorithm {@code algorithm}. */
    Decision verify(SshPublicKey key, String algorithm);
}
