package io.sanssh.spec.transport;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_SERVICE_ACCEPT} (RFC 4253 §10): the server's answer to a
 * {@link ServiceRequest} it accepts, naming the same service. A refused request is answered with
 * {@link Disconnect} instead ({@code SERVICE_NOT_AVAILABLE}).
 *
 * @param serviceName the service, printable US-ASCII
 */
public record ServiceAccept(String serviceName) implements SshMessage {
    /** Requires a printable US-ASCII name. */
    public ServiceAccept {
        FieldChecks.ascii(serviceName, "serviceName");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.SERVICE_ACCEPT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeAscii(serviceName);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static ServiceAccept readBody(SshReader r) {
        return new ServiceAccept(r.readAscii());
    }
}
