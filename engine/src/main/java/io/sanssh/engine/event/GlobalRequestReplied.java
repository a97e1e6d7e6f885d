package io.sanssh.engine.event;

import io.sanssh.spec.connection.RequestSuccess;
import io.sanssh.spec.wire.Bytes;

/**
 * The peer answered one of our global requests sent with want-reply (REQUEST_SUCCESS or
 * REQUEST_FAILURE, RFC 4254 §4); replies are matched to requests in the order we sent them.
 *
 * @param requestId the identifier the request call returned
 * @param name the request name
 * @param success whether the peer sent REQUEST_SUCCESS
 * @param responseData the data after REQUEST_SUCCESS (empty for a failure)
 */
public record GlobalRequestReplied(long requestId, String name, boolean success, Bytes responseData)
        implements SshEvent {
    /**
     * The port the server bound, for a successful "tcpip-forward" with port 0 (RFC 4254 §7.1).
     *
     * @throws io.sanssh.spec.wire.SshFormatException if the data is not one uint32
     */
    public long boundPort() {
        return new RequestSuccess(responseData).boundPort();
    }
}
