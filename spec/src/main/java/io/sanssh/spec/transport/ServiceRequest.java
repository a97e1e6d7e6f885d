package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_SERVICE_REQUEST} (RFC 4253 §10): sent by the client after the first key exchange
 * to start a service, in practice {@code ssh-userauth}
 * ({@link io.sanssh.spec.algorithm.ServiceNames}). Not allowed during a key exchange.
 *
 * @param serviceName the service, printable US-ASCII
 */
public record ServiceRequest(String serviceName) implements SshMessage {
    /** Requires a printable US-ASCII name. */
    public ServiceRequest {
        FieldChecks.ascii(serviceName, "serviceName");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.SERVICE_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeAscii(serviceName);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static ServiceRequest readBody(SshReader r) {
        return new ServiceRequest(r.readAscii());
    }
}
