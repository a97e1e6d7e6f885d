package io.sanssh.spec.kex;

import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.Bytes;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;
import java.math.BigInteger;
import java.util.Objects;

/**
 * {@code SSH_MSG_KEXDH_REPLY} (RFC 4253 §8): the server's host key, its public value
 * f = g^y mod p, and its signature over the exchange hash H, for a fixed-group method
 * ({@link KexFamily#DH}).
 *
 * @param hostKey K_S, the server's public host key blob (or certificate)
 * @param f the server's public value, positive; the engine checks f &lt; p - 1
 * @param signature the signature blob over H
 */
public record KexDhReply(Bytes hostKey, BigInteger f, Bytes signature) implements SshMessage {
    /** Requires non-null blobs and f positive, at most 16384 bits. */
    public KexDhReply {
        Objects.requireNonNull(hostKey, "hostKey");
        KexChecks.dhNumber(f, "f");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEXDH_REPLY;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeString(hostKey).writeMpint(f).writeString(signature);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhReply readBody(SshReader r) {
        return new KexDhReply(r.readString(), KexChecks.readDhNumber(r, "f"), r.readString());
    }
}
