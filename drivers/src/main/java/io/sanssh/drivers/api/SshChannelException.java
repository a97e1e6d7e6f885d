package io.sanssh.drivers.api;

import io.sanssh.drivers.SshDriverException;

/**
 * The server refused a channel (CHANNEL_OPEN_FAILURE, RFC 4254 §5.1) or a channel request such as
 * {@code exec} or {@code subsystem} (CHANNEL_FAILURE, §5.4). The connection stays usable.
 */
public final class SshChannelException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what was refused and why. */
    public SshChannelException(String message) {
        super(message);
    }
}
