package io.sanssh.engine.kex.method;

import io.sanssh.spec.wire.DisconnectReason;
import io.sanssh.spec.wire.SshFormatException;
import java.math.BigInteger;

/**
 * One side's ephemeral state for one key exchange (RFC 4253 §8, RFC 5656 §4, RFC 8731 §3, the
 * post-quantum hybrid drafts). Single use: create one per exchange, call {@link #agree} once, then
 * drop it.
 *
 * <p>Implementations do no I/O and keep no state outside the instance; all randomness comes from
 * the {@code SecureRandom} given at creation, so a seeded source gives a reproducible exchange.
 * Not thread-safe.
 */
public interface KeyAgreement {
    /**
     * Our public value, as the raw content of the INIT or REPLY field.
     *
     * <p>Client role: available as soon as the agreement is created, to send in the INIT message.
     * Server role: available after {@link #agree} (a KEM server's reply depends on the client's
     * key; the plain Diffie-Hellman methods have it earlier, which does no harm).
     *
     * <p>For {@link KexShape#ECDH} methods this is the content of {@code string Q_C} or
     * {@code string Q_S}; for {@link KexShape#DH} and {@link KexShape#GROUP_EXCHANGE} the unsigned
     * big-endian magnitude of {@code e} or {@code f} without a sign byte. Encode it for the
     * exchange hash with {@link ExchangeHash#encodePublic}.
     *
     * @return a fresh copy
     * @throws IllegalStateException in the server role before {@link #agree}
     */
    byte[] ourPublic();

    /**
     * Completes the agreement with the peer's public value.
     *
     * <p>Client: takes the server's public value from the REPLY. Server: takes the client's public
     * value from the INIT and computes {@link #ourPublic()} for the REPLY.
     *
     * @param peerPublic the raw content of the peer's field, in the same form as
     *     {@link #ourPublic()}
     * @return the shared secret K encoded exactly as it enters the exchange hash and the key
     *     derivation (RFC 4253 §7.2): an SSH {@code mpint} with its length prefix for the DH shapes,
     *     curve25519 (RFC 8731 §3.1) and the NIST curves; an SSH {@code string} with its length
     *     prefix for the post-quantum hybrids
     * @throws SshFormatException with {@link DisconnectReason#KEY_EXCHANGE_FAILED} for an invalid
     *     peer value: wrong length, a point not on the curve, an all-zero X25519 result, a DH value
     *     outside {@code 1 < e < p-1}, an ML-KEM key that fails the FIPS 203 modulus check
     * @throws IllegalStateException if called a second time
     */
    byte[] agree(byte[] peerPublic);

    /**
     * {@link #agree} for the DH shapes, taking the peer's value as decoded from its {@code mpint}.
     * A negative or zero value is rejected here, because its magnitude alone could look valid.
     *
     * @param peerValue {@code e} or {@code f} as read from the message
     * @return as {@link #agree}
     * @throws SshFormatException with {@link DisconnectReason#KEY_EXCHANGE_FAILED} if the value is
     *     not positive or is otherwise invalid
     */
    default byte[] agreeMpint(BigInteger peerValue) {
        if (peerValue.signum() <= 0) {
            throw new SshFormatException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "peer DH value is not positive");
        }
        return agree(Encoding.magnitude(peerValue));
    }
}
