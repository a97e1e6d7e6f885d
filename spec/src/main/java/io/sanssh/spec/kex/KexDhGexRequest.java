package io.sanssh.spec.kex;

import io.sanssh.spec.wire.FieldChecks;
import io.sanssh.spec.message.MessageNumbers;
import io.sanssh.spec.message.SshMessage;
import io.sanssh.spec.wire.SshReader;
import io.sanssh.spec.wire.SshWriter;

/**
 * {@code SSH_MSG_KEX_DH_GEX_REQUEST} (RFC 4419 §3, §5): the client asks for a group whose modulus
 * has about {@code n} bits, and at least {@code min} and at most {@code max}. All three values go
 * into the exchange hash (RFC 4419 §3).
 *
 * <p>The codec does not require {@code min <= n <= max}; a server checks {@link #isOrdered()} and
 * fails the key exchange when it is false, as OpenSSH does.
 *
 * @param min minimal acceptable group size in bits, uint32
 * @param n preferred group size in bits, uint32
 * @param max maximal acceptable group size in bits, uint32
 */
public record KexDhGexRequest(long min, long n, long max) implements SshMessage {
    /** Requires each value to fit a uint32. */
    public KexDhGexRequest {
        FieldChecks.uint32(min, "min");
        FieldChecks.uint32(n, "n");
        FieldChecks.uint32(max, "max");
    }

    /** Whether {@code min <= n <= max}, the only request a server can satisfy (RFC 4419 §3). */
    public boolean isOrdered() {
        return min <= n && n <= max;
    }

    @Override
    public int messageNumber() {
        return MessageNumbers.KEX_DH_GEX_REQUEST;
    }

    @Override
    public void encodeBody(SshWriter w) {
        w.writeUint32(min).writeUint32(n).writeUint32(max);
    }

    /** Reads the fields after the message number; the caller checks for trailing bytes. */
    static KexDhGexRequest readBody(SshReader r) {
        return new KexDhGexRequest(r.readUint32(), r.readUint32(), r.readUint32());
    }
}
