package io.sanssh.spec.connection;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code SSH_MSG_REQUEST_SUCCESS} (RFC 4254 §4): the positive answer to a {@link GlobalRequest}
 * sent with want-reply.
 *
 * <pre>
 * byte      SSH_MSG_REQUEST_SUCCESS (81)
 * ....      response specific data
 * </pre>
 *
 * <p>The layout of the data depends on the request it answers, which only the requester knows
 * (replies come in request order), so the data is kept as bytes and read with the helper that
 * matches the request: {@link #boundPort()} or {@link #signatures()}.
 */
public record RequestSuccess(Bytes responseData) implements SshMessage {
    /** A success with no data: the answer to most requests. */
    public static final RequestSuccess EMPTY = new RequestSuccess(Bytes.EMPTY);

    public RequestSuccess {
        Objects.requireNonNull(responseData, "responseData");
    }

    /** The answer to a "tcpip-forward" request for port 0: the port the server chose (RFC 4254 §7.1). */
    public static RequestSuccess withBoundPort(long port) {
        return new RequestSuccess(new SshWriter(4).writeUint32(FieldChecks.uint32(port, "port")).toBytes());
    }

    /** The answer to "hostkeys-prove-00@openssh.com": one signature per key, in request order (OpenSSH PROTOCOL §2.5). */
    public static RequestSuccess withSignatures(List<Bytes> signatures) {
        SshWriter w = new SshWriter();
        Fields.writeStrings(w, signatures);
        return new RequestSuccess(w.toBytes());
    }

    /**
     * Reads the data as the answer to "tcpip-forward" with port 0: {@code uint32 port that was
     * bound on the server} (RFC 4254 §7.1). Call it only for that request.
     *
     * @throws io.sanssh.spec.wire.SshFormatException if the data is not exactly one uint32
     */
    public long boundPort() {
        SshReader r = SshReader.of(responseData);
        long port = r.readUint32();
        r.expectEnd("tcpip-forward reply");
        return port;
    }

    /**
     * Reads the data as the answer to "hostkeys-prove-00@openssh.com": {@code string[] signatures}
     * up to the end (OpenSSH PROTOCOL §2.5). Call it only for that request; the caller checks the
     * count against the keys it asked about.
     *
     * @throws io.sanssh.spec.wire.SshFormatException if the data is not a sequence of strings
     */
    public List<Bytes> signatures() {
        return Fields.readStrings(SshReader.of(responseData));
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.REQUEST_SUCCESS;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeRaw(responseData);
    }

    static RequestSuccess read(SshReader r) {
        Bytes data = r.readRemaining();
        return data.length() == 0 ? EMPTY : new RequestSuccess(data);
    }
}
