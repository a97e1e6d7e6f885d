package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.util.Objects;

/**
 * {@code SSH_MSG_KEX_ECDH_REPLY} (RFC 5656 §4): the server's host key, its ephemeral public value
 * and its signature over the exchange hash, for a {@link KexFamily#ECDH} method. The hybrid
 * methods use the same layout as {@code SSH_MSG_KEX_HYBRID_REPLY}, with the KEM ciphertext and the
 * server's X25519 value in {@code serverPublic}.
 *
 * @param hostKey K_S, the server's public host key blob (or certificate)
 * @param serverPublic Q_S (or S_REPLY for the hybrids), as an opaque string
 * @param signature the signature blob over H
 */
public record KexEcdhReply(Bytes hostKey, Bytes serverPublic, Bytes signature) implements SshMessage {
    /** Requires non-null values. */
    public KexEcdhReply {
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(serverPublic, "serverPublic");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_ECDH_REPLY;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeString(hostKey).writeString(serverPublic).writeString(signature);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexEcdhReply readBody(SshReader r) {
        return new KexEcdhReply(r.readString(), r.readString(), r.readString());
    }
}
