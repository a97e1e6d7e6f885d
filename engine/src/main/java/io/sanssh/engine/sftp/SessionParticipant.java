package io.sanssh.engine.sftp;

/**
 * A machine that runs over a client session and sends requests of its own (the transfers). The
 * session calls it on the engine thread after it processed replies, after the application polled
 * a completion (both may free capacity), and once when the session stops taking requests.
 */
interface SessionParticipant {
    /** Capacity may have freed: send what can be sent. */
    void pump();

    /**
     * The session takes no more requests (it is closing or closed) for {@code reason}. Requests
     * already outstanding still complete, each through its handler.
     */
    void sessionEnded(String reason);
}
