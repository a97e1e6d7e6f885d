package io.sanssh.engine.event;

import io.sanssh.engine.kex.NegotiatedAlgorithms;

/**
 * A key exchange finished in both directions: NEWKEYS sent and received, new keys in use.
 *
 * @param algorithms what was negotiated
 * @param initial whether this was the first exchange of the connection
 * @param strict whether strict KEX (the Terrapin countermeasure) is in force
 * @param count how many exchanges have completed, this one included
 */
public record KeyExchangeCompleted(NegotiatedAlgorithms algorithms, boolean initial, boolean strict, int count)
        implements SshEvent {
}
