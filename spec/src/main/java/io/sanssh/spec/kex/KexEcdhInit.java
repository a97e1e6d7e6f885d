package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_KEX_ECDH_INIT} (RFC 5656 §4): the client's ephemeral public value for a
 * {@link KexFamily#ECDH} method. Its content depends on the method and is checked by the engine:
 * 32 bytes for X25519 (RFC 8731 §3), an uncompressed SEC1 point for the NIST curves
 * (RFC 5656 §4), or, for the post-quantum hybrids that reuse this message as
 * {@code SSH_MSG_KEX_HYBRID_INIT}, the KEM public key followed by the X25519 value.
 *
 * @param clientPublic Q_C (or C_INIT for the hybrids), as an opaque string
 */
public record KexEcdhInit(Bytes clientPublic) implements SshMessage {
    /** Requires a non-null value. */
    public KexEcdhInit {
        Objects.requireNonNull(clientPublic, "clientPublic");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_ECDH_INIT;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeString(clientPublic);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexEcdhInit readBody(SshReader r) {
        return new KexEcdhInit(r.readString());
    }
}
