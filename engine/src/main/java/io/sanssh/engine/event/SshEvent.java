package io.sanssh.engine.event;

/**
 * What the engine tells the application, polled with {@code SshConnection.pollEvent()}.
 *
 * <p>Events are immutable records named in the past tense. Decision events ({@link
 * HostKeyPresented}) make the engine wait for the application's answer on that one matter;
 * everything else (keep-alive replies, window adjusts, rekeys) carries on meanwhile.
 */
public interface SshEvent {
}
