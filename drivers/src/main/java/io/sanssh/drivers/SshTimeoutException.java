package io.sanssh.drivers;

import java.time.Duration;

/**
 * A bounded wait ran out before what it waited for happened (an event, an engine state, a graceful
 * close). The connection itself is unaffected: the application may wait again, or close it.
 */
public final class SshTimeoutException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * @param what what was awaited, e.g. {@code "an event matching KeyExchangeCompleted"}
     * @param timeout how long the wait lasted
     */
    public SshTimeoutException(String what, Duration timeout) {
        super("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        this.timeout = timeout;
    }

    /** How long the wait lasted. */
    public Duration timeout() {
        return timeout;
    }
}
