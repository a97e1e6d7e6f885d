package io.sanssh.spec.connection;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;

/**
 * Decodes the payloads of the connection protocol, message numbers 80-127 (RFC 4254 §9). Encoding
 * is {@link SshMessage#encode()} on the records.
 *
 * <p>Decoding is strict, so that an accepted payload re-encodes to the same bytes: fixed layouts
 * must end where their last field ends, booleans are 0 or 1, text is valid UTF-8 and names are
 * printable US-ASCII. Every malformation throws {@link SshFormatException} (reason
 * {@code PROTOCOL_ERROR}) and nothing else. Open-ended layouts ({@link RequestSuccess},
 * {@link ChannelOpenConfirmation}, unknown request and channel types) keep their trailing bytes.
 */
public final class ConnectionCodec {
    private ConnectionCodec() {
    }

    /**
     * Decodes a whole payload (number byte first). Call it for every packet whose first byte is in
     * 80-127, once user authentication has succeeded.
     *
     * @return one of the records of this package, or an {@link UnknownMessage} for a number in
     *     101-127 (the engine answers it with {@code SSH_MSG_UNIMPLEMENTED}, RFC 4253 §11.4)
     * @throws SshFormatException if the payload is empty, its number is outside 80-127, or its
     *     fields are malformed
     */
    public static SshMessage decode(byte[] payload) {
        return decode(payload, 0, payload.length);
    }

    /** As {@link #decode(byte[])}, for {@code len} bytes of {@code buf} from {@code off}. */
    public static SshMessage decode(byte[] buf, int off, int len) {
        SshReader r = new SshReader(buf, off, len);
        if (!r.hasRemaining()) {
            throw new SshFormatException("empty payload");
        }
        int number = r.readByte();
        if (!MessageNumbers.isConnection(number)) {
            throw new SshFormatException("message " + number + " is not a connection protocol message");
        }
        return switch (number) {
            case MessageNumbers.GLOBAL_REQUEST -> GlobalRequest.read(r);
            case MessageNumbers.REQUEST_SUCCESS -> RequestSuccess.read(r);
            case MessageNumbers.REQUEST_FAILURE -> RequestFailure.read(r);
            case MessageNumbers.CHANNEL_OPEN -> ChannelOpen.read(r);
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> ChannelOpenConfirmation.read(r);
            case MessageNumbers.CHANNEL_OPEN_FAILURE -> ChannelOpenFailure.read(r);
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> ChannelWindowAdjust.read(r);
            case MessageNumbers.CHANNEL_DATA -> ChannelData.read(r);
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> ChannelExtendedData.read(r);
            case MessageNumbers.CHANNEL_EOF -> ChannelEof.read(r);
            case MessageNumbers.CHANNEL_CLOSE -> ChannelClose.read(r);
            case MessageNumbers.CHANNEL_REQUEST -> ChannelRequest.read(r);
            case MessageNumbers.CHANNEL_SUCCESS -> ChannelSuccess.read(r);
            case MessageNumbers.CHANNEL_FAILURE -> ChannelFailure.read(r);
            default -> new UnknownMessage(number, r.readRemaining());
        };
    }
}
