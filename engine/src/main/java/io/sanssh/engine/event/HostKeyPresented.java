package io.sanssh.engine.event;

import io.sanssh.engine.keys.SshPublicKey;

/**
 * Client role: the server proved it holds this host key (its signature over the exchange hash
 * verified) and the engine now waits for the application to accept or reject it with {@code
 * SshConnection.acceptHostKey()} / {@code rejectHostKey()}. A configured verifier answers at once
 * and this event is then informational ({@code decided} is true).
 *
 * @param hostKey the server's host key (possibly a certificate)
 * @param signatureAlgorithm the host key algorithm negotiated (RFC 4253 §7.1)
 * @param fingerprint the key's SHA-256 fingerprint as {@code ssh-keygen -l} prints it
 * @param decided whether a configured verifier already decided
 */
public record HostKeyPresented(SshPublicKey hostKey, String signatureAlgorithm, String fingerprint, boolean decided)
        implements SshEvent {
}
