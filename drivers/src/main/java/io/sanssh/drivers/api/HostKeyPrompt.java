package io.sanssh.drivers.api;

import io.sanssh.engine.keys.SshPublicKey;

/** Asks the user whether to trust the key of a host known_hosts does not list ({@link StrictHostKeyChecking#ASK}). */
@FunctionalInterface
public interface HostKeyPrompt {
    /**
     * Called on the connecting thread, never on a driver thread; may block while the user answers.
     *
     * @param hostName the host as filed in known_hosts ({@code [host]:port} off port 22)
     * @param key the key the server proved it holds
     * @return whether to trust it (and record it in known_hosts)
     */
    boolean confirm(String hostName, SshPublicKey key);
}
