package io.sanssh.drivers.api;

/**
 * How many "keepalive@openssh.com" probes a session sent and how many the peer answered, from
 * {@link SshSession#keepAlives()}. An answer is either REQUEST_SUCCESS or REQUEST_FAILURE: both
 * prove the peer alive (OpenSSH answers unknown global requests with failure).
 *
 * @param sent probes sent since authentication
 * @param answered answers received
 */
public record KeepAliveCounts(long sent, long answered) {
}
