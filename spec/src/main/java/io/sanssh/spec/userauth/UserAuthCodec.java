package io.sanssh.spec.userauth;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;
import java.util.Objects;

/**
 * Decodes the payloads of the user authentication protocol, message numbers 50-79 (RFC 4252 §6,
 * RFC 4256 §3). Encoding is {@link SshMessage#encode()} on the records.
 *
 * <p>Decoding is strict, so that an accepted payload re-encodes to the same bytes: fixed layouts
 * must end where their last field ends, booleans are 0 or 1, text is valid UTF-8 and names are
 * printable US-ASCII. Every malformation throws {@link SshFormatException} (reason
 * {@code PROTOCOL_ERROR}) and nothing else.
 */
public final class UserAuthCodec {
    private UserAuthCodec() {
    }

    /**
     * Decodes a whole payload (number byte first) received while {@code context} is in progress.
     * Call it for every packet whose first byte is in 50-79.
     *
     * @return one of the records of this package, or an {@link UnknownMessage} for a number in
     *     50-79 that has no meaning in {@code context} (the engine answers it with
     *     {@code SSH_MSG_UNIMPLEMENTED}, RFC 4253 §11.4)
     * @throws SshFormatException if the payload is empty, its number is outside 50-79, or its
     *     fields are malformed
     */
    public static SshMessage decode(byte[] payload, AuthMethodContext context) {
        return decode(payload, 0, payload.length, context);
    }

    /** As {@link #decode(byte[], AuthMethodContext)}, for {@code len} bytes of {@code buf} from {@code off}. */
    public static SshMessage decode(byte[] buf, int off, int len, AuthMethodContext context) {
        Objects.requireNonNull(context, "context");
        SshReader r = new SshReader(buf, off, len);
        if (!r.hasRemaining()) {
            throw new SshFormatException("empty payload");
        }
        int number = r.readByte();
        if (!MessageNumbers.isUserAuth(number)) {
            throw new SshFormatException("message " + number + " is not a user authentication message");
        }
        return switch (number) {
            case MessageNumbers.USERAUTH_REQUEST -> UserAuthRequest.read(r);
            case MessageNumbers.USERAUTH_FAILURE -> UserAuthFailure.read(r);
            case MessageNumbers.USERAUTH_SUCCESS -> UserAuthSuccess.read(r);
            case MessageNumbers.USERAUTH_BANNER -> UserAuthBanner.read(r);
            case 60 -> switch (context) {
                case PUBLICKEY -> UserAuthPkOk.read(r);
                case PASSWORD -> UserAuthPasswdChangeReq.read(r);
                case KEYBOARD_INTERACTIVE -> UserAuthInfoRequest.read(r);
                case OTHER -> unknown(number, r);
            };
            case MessageNumbers.USERAUTH_INFO_RESPONSE -> context == AuthMethodContext.KEYBOARD_INTERACTIVE
                    ? UserAuthInfoResponse.read(r) : unknown(number, r);
            default -> unknown(number, r);
        };
    }

    private static UnknownMessage unknown(int number, SshReader r) {
        Bytes body = r.readRemaining();
        return new UnknownMessage(number, body);
    }
}
