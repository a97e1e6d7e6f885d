package io.sanssh.drivers;

import io.sanssh.engine.event.DisconnectCause;

/**
 * The connection ended before what the application waited for or asked for could happen. Carries
 * the engine's {@link DisconnectCause}: who ended it (peer fault, peer DISCONNECT, our request, a
 * timer, a lost byte stream) and the SSH reason code (RFC 4253 §11.1).
 */
public final class SshDisconnectedException extends SshDriverException {
    private static final long serialVersionUID = 1L;

    private final transient DisconnectCause cause;

    /**
     * @param context what the application was doing, e.g. {@code "waiting for KeyExchangeCompleted"}
     * @param cause why the connection ended
     */
    public SshDisconnectedException(String context, DisconnectCause cause) {
        super(context + ": connection ended (" + cause.origin() + ", reason " + cause.reasonCode()
                + (cause.reason() == null ? "" : " " + cause.reason()) + "): " + cause.message());
        this.cause = cause;
    }

    /** Why the connection ended. */
    public DisconnectCause disconnectCause() {
        return cause;
    }
}
