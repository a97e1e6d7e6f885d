package io.sanssh.spec.transport;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;

/**
 * Decodes transport layer messages (RFC 4253 §11-12, RFC 8308, OpenSSH PROTOCOL §1.9) from a packet
 * payload: the inverse of {@link SshMessage#encode()} for every record of this package.
 *
 * <p>The range this codec owns is 1-29 (transport generic and algorithm negotiation) and 192-255
 * (local extensions, where OpenSSH puts PING and PONG). Numbers of that range without a record
 * come back as {@link UnknownMessage}, so the engine can answer {@link Unimplemented}
 * (RFC 4253 §11.4). Key exchange messages (30-49) need the negotiated method: see
 * {@code io.sanssh.spec.kex.KexCodec}.
 *
 * <p>Decoding is strict and total: malformed input, trailing bytes, or a number outside the range
 * throw {@link SshFormatException}, and nothing else escapes.
 */
public final class TransportCodec {
    private TransportCodec() {
    }

    /**
     * Whether {@code messageNumber} belongs to this codec: 1-29 or 192-255. Call it to route a
     * payload before {@link #decode}.
     */
    public static boolean handles(int messageNumber) {
        return (messageNumber >= MessageNumbers.DISCONNECT && messageNumber <= 29)
                || (messageNumber >= Ping.MESSAGE_NUMBER && messageNumber <= 255);
    }

    /**
     * Decodes a whole payload (message number byte, then fields). The array is only read during
     * the call.
     *
     * @throws SshFormatException if the payload is empty, its number is outside
     *     {@link #handles this codec's range}, a field is malformed, or bytes follow the last field
     */
    public static SshMessage decode(byte[] payload) {
        return decode(payload, 0, payload.length);
    }

    /**
     * Decodes the payload held in {@code len} bytes of {@code buf} from {@code off}, for callers
     * that keep payloads inside a larger buffer.
     *
     * @throws SshFormatException as {@link #decode(byte[])}
     * @throws IndexOutOfBoundsException if the region is not inside {@code buf} (caller's bug)
     */
    public static SshMessage decode(byte[] buf, int off, int len) {
        SshReader r = new SshReader(buf, off, len);
        if (!r.hasRemaining()) {
            throw new SshFormatException("empty payload");
        }
        int n = r.readByte();
        if (!handles(n)) {
            throw new SshFormatException("message " + MessageNumbers.name(n) + " is not a transport message");
        }
        SshMessage m = switch (n) {
            case MessageNumbers.DISCONNECT -> Disconnect.readBody(r);
            case MessageNumbers.IGNORE -> Ignore.readBody(r);
            case MessageNumbers.UNIMPLEMENTED -> Unimplemented.readBody(r);
            case MessageNumbers.DEBUG -> Debug.readBody(r);
            case MessageNumbers.SERVICE_REQUEST -> ServiceRequest.readBody(r);
            case MessageNumbers.SERVICE_ACCEPT -> ServiceAccept.readBody(r);
            case MessageNumbers.EXT_INFO -> ExtInfo.readBody(r);
            case MessageNumbers.NEWCOMPRESS -> NewCompress.INSTANCE;
            case MessageNumbers.KEXINIT -> KexInit.readBody(r);
            case MessageNumbers.NEWKEYS -> NewKeys.INSTANCE;
            case Ping.MESSAGE_NUMBER -> Ping.readBody(r);
            case Pong.MESSAGE_NUMBER -> Pong.readBody(r);
            default -> new UnknownMessage(n, r.readRemaining());
        };
        r.expectEnd(MessageNumbers.name(n));
        return m;
    }
}
