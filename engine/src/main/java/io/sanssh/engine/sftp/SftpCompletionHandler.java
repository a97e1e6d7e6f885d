package io.sanssh.engine.sftp;

/**
 * Receives the completion of one request instead of the session's completion queue: what the
 * transfer machines use to follow their own requests. Called on the engine thread, inside
 * {@link SftpClientSession#receive} (or inside the call that ended the session), once per request.
 * It may send further requests; it must not call {@code receive} itself.
 */
@FunctionalInterface
public interface SftpCompletionHandler {
    /** The request this handler was given to has completed, successfully or not. */
    void completed(SftpCompletion completion);
}
