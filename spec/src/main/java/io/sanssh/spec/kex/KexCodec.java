package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.message.UnknownMessage;
import io.sanssh.spec.wire.SshFormatException;
import io.sanssh.spec.wire.SshReader;

/**
 * Decodes the method-specific key exchange messages, numbers 30-49 (RFC 4250 §4.1.2), whose
 * meaning depends on the negotiated method's {@link KexFamily}: 30 is {@link KexDhInit},
 * {@link KexEcdhInit} or {@link KexDhGexRequestOld}.
 *
 * <p>A number of the range that the family does not use comes back as {@link UnknownMessage}; the
 * engine decides whether that is {@code UNIMPLEMENTED} or, under strict KEX, a fatal error. KEXINIT
 * and NEWKEYS (20, 21) are transport messages: see {@code io.sanssh.spec.transport.TransportCodec}.
 *
 * <p>Decoding is strict and total: malformed input, trailing bytes, or a number outside 30-49
 * throw {@link SshFormatException}, and nothing else escapes. DH numbers (e, f, p, g) must be
 * positive and at most 16384 bits; a violation carries {@code KEY_EXCHANGE_FAILED}.
 */
public final class KexCodec {
    private KexCodec() {
    }

    /** The first number of the method-specific range. */
    public static final int FIRST = 30;

    /** The last number of the method-specific range. */
    public static final int LAST = 49;

    /** Whether {@code messageNumber} is in the method-specific range 30-49 that this codec decodes. */
    public static boolean handles(int messageNumber) {
        return messageNumber >= FIRST && messageNumber <= LAST;
    }

    /**
     * Decodes a whole payload (message number byte, then fields) for a method of {@code family}.
     * The array is only read during the call.
     *
     * @throws SshFormatException if the payload is empty, its number is outside 30-49, a field is
     *     malformed, or bytes follow the last field
     */
    public static SshMessage decode(byte[] payload, KexFamily family) {
        return decode(payload, 0, payload.length, family);
    }

    /**
     * Decodes the payload held in {@code len} bytes of {@code buf} from {@code off}.
     *
     * @throws SshFormatException as {@link #decode(byte[], KexFamily)}
     * @throws IndexOutOfBoundsException if the region is not inside {@code buf} (caller's bug)
     */
    public static SshMessage decode(byte[] buf, int off, int len, KexFamily family) {
        SshReader r = new SshReader(buf, off, len);
        if (!r.hasRemaining()) {
            throw new SshFormatException("empty payload");
        }
        int n = r.readByte();
        if (!handles(n)) {
            throw new SshFormatException("message " + MessageNumbers.name(n) + " is not a key exchange method message");
        }
        SshMessage m = switch (family) {
            case DH -> switch (n) {
                case MessageNumbers.KEXDH_INIT -> KexDhInit.readBody(r);
                case MessageNumbers.KEXDH_REPLY -> KexDhReply.readBody(r);
                default -> new UnknownMessage(n, r.readRemaining());
            };
            case ECDH -> switch (n) {
                case MessageNumbers.KEX_ECDH_INIT -> KexEcdhInit.readBody(r);
                case MessageNumbers.KEX_ECDH_REPLY -> KexEcdhReply.readBody(r);
                default -> new UnknownMessage(n, r.readRemaining());
            };
            case GROUP_EXCHANGE -> switch (n) {
                case MessageNumbers.KEX_DH_GEX_REQUEST_OLD -> KexDhGexRequestOld.readBody(r);
                case MessageNumbers.KEX_DH_GEX_GROUP -> KexDhGexGroup.readBody(r);
                case MessageNumbers.KEX_DH_GEX_INIT -> KexDhGexInit.readBody(r);
                case MessageNumbers.KEX_DH_GEX_REPLY -> KexDhGexReply.readBody(r);
                case MessageNumbers.KEX_DH_GEX_REQUEST -> KexDhGexRequest.readBody(r);
                default -> new UnknownMessage(n, r.readRemaining());
            };
        };
        r.expectEnd(family + " message " + n);
        return m;
    }
}
