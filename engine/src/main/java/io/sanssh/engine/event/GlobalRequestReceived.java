package io.sanssh.engine.event;

import io.sanssh.spec.connection.GlobalRequestBody;

/**
 * The peer sent a global request (SSH_MSG_GLOBAL_REQUEST, RFC 4254 §4) that the application
 * handles: "tcpip-forward", "cancel-tcpip-forward", the streamlocal pair and
 * "hostkeys-prove-00@openssh.com" on a server; "hostkeys-00@openssh.com" on a client
 * (informational, no reply). When {@code wantReply} is set this is a decision: answer with {@code
 * replyGlobalRequest(requestId, success, data)}; replies leave in arrival order whatever order the
 * application answers in. Keep-alives and unknown requests are answered by the engine.
 *
 * @param requestId the engine's identifier for this request
 * @param name the request name
 * @param wantReply whether the peer waits for a reply
 * @param body the request-specific data
 */
public record GlobalRequestReceived(long requestId, String name, boolean wantReply, GlobalRequestBody body)
        implements SshEvent {
}
